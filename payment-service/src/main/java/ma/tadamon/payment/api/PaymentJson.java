package ma.tadamon.payment.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.tadamon.payment.domain.Amounts;
import ma.tadamon.payment.domain.Payment;
import ma.tadamon.payment.domain.PaymentPart;
import ma.tadamon.payment.domain.PayoutStatement;
import ma.tadamon.payment.domain.Refund;
import ma.tadamon.payment.gateway.CardGateway;

/**
 * How payments, refunds and statements look in JSON (and statements in CSV). Money is in centimes
 * of MAD.
 */
final class PaymentJson {

  private PaymentJson() {}

  static JsonObject payment(Payment payment, List<Refund> refunds) {
    JsonArray parts = new JsonArray();
    for (PaymentPart part : payment.parts()) {
      parts.add(
          new JsonObject()
              .put("cooperativeId", part.cooperativeId().toString())
              .put("status", part.status().name())
              .put("amountCentimes", part.amountCentimes())
              .put("shippingCentimes", part.shippingCentimes())
              .put("receivedCentimes", part.receivedCentimes())
              .put("capturedCentimes", part.capturedCentimes())
              .put("commissionCentimes", part.commissionCentimes())
              .put("refundedCentimes", part.refundedCentimes())
              .put("refundableCentimes", part.refundableCentimes()));
    }
    return new JsonObject()
        .put("id", payment.id().toString())
        .put("orderId", payment.orderId().toString())
        .put("orderCode", payment.orderCode())
        .put("method", payment.method().name())
        .put("status", payment.status().name())
        .put("amountCentimes", payment.amountCentimes())
        .put("refundableCentimes", payment.refundableCentimes())
        .put("currency", "MAD")
        .put("parts", parts)
        .put("refunds", new JsonArray(refunds.stream().map(PaymentJson::refund).toList()));
  }

  /** What a shopper may see of a payment: its state, not the cooperatives' shares. */
  static JsonObject forShopper(Payment payment) {
    return new JsonObject()
        .put("orderId", payment.orderId().toString())
        .put("method", payment.method().name())
        .put("status", payment.status().name())
        .put("amountCentimes", payment.amountCentimes())
        .put(
            "refundedCentimes",
            payment.parts().stream().mapToLong(PaymentPart::refundedCentimes).sum())
        .put("currency", "MAD");
  }

  static JsonObject refund(Refund refund) {
    return new JsonObject()
        .put("id", refund.id().toString())
        .put("paymentId", refund.paymentId().toString())
        .put("cooperativeId", refund.cooperativeId().toString())
        .put("amountCentimes", refund.amountCentimes())
        .put("commissionReturnedCentimes", refund.commissionReturnedCentimes())
        .put("reason", refund.reason())
        .put("requestedBy", refund.requestedBy())
        .put("status", refund.status().name())
        .put("providerReference", refund.providerReference())
        .put("attempts", refund.attempts())
        .put("lastError", refund.lastError())
        .put("createdAt", refund.createdAt() == null ? null : refund.createdAt().toString())
        .put("completedAt", refund.completedAt() == null ? null : refund.completedAt().toString())
        .put(
            "withdrawalId", refund.withdrawalId() == null ? null : refund.withdrawalId().toString())
        .put("owedByTransfer", refund.owedByTransfer())
        // Sent to the acquirer and no answer recorded: only an operator moves it on.
        .put("awaitingOperator", refund.awaitingOperator());
  }

  static JsonObject hostedPage(UUID orderId, CardGateway.HostedPaymentPage page) {
    JsonObject fields = new JsonObject();
    page.fields().forEach(fields::put);
    return new JsonObject()
        .put("orderId", orderId.toString())
        .put(
            "redirect",
            new JsonObject().put("url", page.url()).put("method", "POST").put("fields", fields));
  }

  static JsonObject statement(PayoutStatement statement) {
    JsonObject json =
        new JsonObject()
            .put("id", statement.id().toString())
            .put("cooperativeId", statement.cooperativeId().toString())
            .put("periodEnd", statement.periodEnd().toString())
            .put("salesCentimes", statement.salesCentimes())
            .put("commissionCentimes", statement.commissionCentimes())
            .put("refundsCentimes", statement.refundsCentimes())
            .put("netCentimes", statement.netCentimes())
            .put("currency", "MAD")
            .put("status", statement.status())
            .put("paidReference", statement.paidReference())
            .put("paidAt", statement.paidAt() == null ? null : statement.paidAt().toString());
    if (!statement.lines().isEmpty()) {
      json.put("lines", lines(statement.lines()));
    }
    return json;
  }

  static JsonArray lines(List<PayoutStatement.Line> lines) {
    return new JsonArray(
        lines.stream()
            .map(
                line ->
                    (Object)
                        new JsonObject()
                            .put("at", line.at().toString())
                            .put("kind", line.kind())
                            .put(
                                "orderId",
                                line.orderId() == null ? null : line.orderId().toString())
                            .put("orderCode", line.orderCode())
                            .put("grossCentimes", line.grossCentimes())
                            .put("commissionCentimes", line.commissionCentimes())
                            .put("netCentimes", line.netCentimes()))
            .toList());
  }

  /**
   * The statement as a spreadsheet: one row per sale or refund, amounts in dirhams, then the
   * totals.
   */
  static String csv(PayoutStatement statement) {
    StringBuilder csv = new StringBuilder("date,kind,order,gross_mad,commission_mad,net_mad\r\n");
    for (PayoutStatement.Line line : statement.lines()) {
      csv.append(line.at())
          .append(',')
          .append(line.kind())
          .append(',')
          .append(line.orderCode() == null ? "" : line.orderCode())
          .append(',')
          .append(dirhams(line.grossCentimes()))
          .append(',')
          .append(dirhams(line.commissionCentimes()))
          .append(',')
          .append(dirhams(line.netCentimes()))
          .append("\r\n");
    }
    csv.append(statement.periodEnd())
        .append(",TOTAL_SALES,,")
        .append(dirhams(statement.salesCentimes()))
        .append(",,\r\n");
    csv.append(statement.periodEnd())
        .append(",TOTAL_COMMISSION,,,")
        .append(dirhams(statement.commissionCentimes()))
        .append(",\r\n");
    csv.append(statement.periodEnd())
        .append(",TOTAL_REFUNDS,,")
        .append(dirhams(statement.refundsCentimes()))
        .append(",,\r\n");
    csv.append(statement.periodEnd())
        .append(",NET_OWED,,,,")
        .append(dirhams(statement.netCentimes()))
        .append("\r\n");
    return csv.toString();
  }

  static JsonObject balances(Map<String, Long> balances) {
    JsonObject accounts = new JsonObject();
    balances.forEach(accounts::put);
    return new JsonObject()
        .put("accounts", accounts)
        .put("totalCentimes", balances.values().stream().mapToLong(Long::longValue).sum());
  }

  private static String dirhams(long centimes) {
    return centimes < 0 ? "-" + Amounts.decimal(-centimes) : Amounts.decimal(centimes);
  }
}
