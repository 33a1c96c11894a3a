package ma.tadamon.order.store;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import ma.tadamon.order.domain.Invoice;

/**
 * Invoices and credit notes in the orders schema, and each seller's series. A number is taken in
 * the transaction that saves its document: the series row stays locked until it commits, so
 * concurrent issues for one cooperative queue, and a rolled-back one gives its number back.
 */
public final class InvoiceStore {

  private static final String NEXT_NUMBER =
      """
      INSERT INTO invoice_series (cooperative_id, last_number) VALUES ($1, 1)
      ON CONFLICT (cooperative_id) DO UPDATE SET last_number = invoice_series.last_number + 1
      RETURNING last_number
      """;
  private static final String INSERT =
      """
      INSERT INTO invoices (id, cooperative_id, number, kind, order_id, order_code, refund_id, issued_at,
                            seller, buyer, lines, total_centimes, vat_basis_points, vat_centimes)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
      """;
  private static final String INVOICE_OF_PART =
      "SELECT * FROM invoices WHERE order_id = $1 AND cooperative_id = $2 AND kind = 'INVOICE'";
  private static final String OF_REFUND = "SELECT * FROM invoices WHERE refund_id = $1";
  private static final String OF_ORDER =
      "SELECT * FROM invoices WHERE order_id = $1 ORDER BY cooperative_id, number";
  private static final String BY_ID = "SELECT * FROM invoices WHERE id = $1";
  private static final String OF_COOPERATIVE =
      "SELECT * FROM invoices WHERE cooperative_id = $1 ORDER BY number DESC LIMIT $2";
  private static final String SELLER =
      "SELECT name, seller FROM catalog_cooperatives WHERE id = $1";

  /** Saves a document under its seller's next number; answers it numbered. */
  public Future<Invoice> issue(SqlClient tx, Invoice invoice) {
    return tx.preparedQuery(NEXT_NUMBER)
        .execute(Tuple.of(invoice.cooperativeId()))
        .map(rows -> invoice.numbered(rows.iterator().next().getLong(0)))
        .compose(
            numbered ->
                tx.preparedQuery(INSERT)
                    .execute(
                        Tuple.from(
                            Arrays.asList(
                                numbered.id(),
                                numbered.cooperativeId(),
                                numbered.number(),
                                numbered.kind().name(),
                                numbered.orderId(),
                                numbered.orderCode(),
                                numbered.refundId(),
                                numbered.issuedAt().atOffset(ZoneOffset.UTC),
                                JsonObject.mapFrom(numbered.seller()),
                                JsonObject.mapFrom(numbered.buyer()),
                                linesJson(numbered.lines()),
                                numbered.totalCentimes(),
                                numbered.vatBasisPoints(),
                                numbered.vatCentimes())))
                    .map(numbered));
  }

  public Future<Optional<Invoice>> invoiceOfPart(
      SqlClient client, UUID orderId, UUID cooperativeId) {
    return one(client, INVOICE_OF_PART, Tuple.of(orderId, cooperativeId));
  }

  public Future<Optional<Invoice>> ofRefund(SqlClient client, UUID refundId) {
    return one(client, OF_REFUND, Tuple.of(refundId));
  }

  public Future<Optional<Invoice>> byId(SqlClient client, UUID id) {
    return one(client, BY_ID, Tuple.of(id));
  }

  public Future<List<Invoice>> ofOrder(SqlClient client, UUID orderId) {
    return client.preparedQuery(OF_ORDER).execute(Tuple.of(orderId)).map(InvoiceStore::all);
  }

  public Future<List<Invoice>> ofCooperative(SqlClient client, UUID cooperativeId, int limit) {
    return client
        .preparedQuery(OF_COOPERATIVE)
        .execute(Tuple.of(cooperativeId, limit))
        .map(InvoiceStore::all);
  }

  /**
   * The seller as the read model of the catalog knows it now; identifiers absent for a cooperative
   * not announced again since they were carried.
   */
  public Future<Invoice.Seller> sellerOf(SqlClient client, UUID cooperativeId) {
    return client
        .preparedQuery(SELLER)
        .execute(Tuple.of(cooperativeId))
        .map(
            rows -> {
              if (rows.size() == 0) {
                return new Invoice.Seller(Map.of(), null, null, null, null);
              }
              Row row = rows.iterator().next();
              JsonObject seller = row.getJsonObject("seller");
              Map<String, String> name = OrderRows.texts(row.getJsonObject("name"));
              return seller == null
                  ? new Invoice.Seller(name, null, null, null, null)
                  : new Invoice.Seller(
                      name,
                      seller.getString("registrationNumber"),
                      seller.getString("ice"),
                      seller.getString("taxId"),
                      seller.getString("returnAddress"));
            });
  }

  private static Future<Optional<Invoice>> one(SqlClient client, String sql, Tuple parameters) {
    return client
        .preparedQuery(sql)
        .execute(parameters)
        .map(
            rows -> rows.size() == 0 ? Optional.empty() : Optional.of(row(rows.iterator().next())));
  }

  private static List<Invoice> all(Iterable<Row> rows) {
    List<Invoice> all = new ArrayList<>();
    rows.forEach(row -> all.add(row(row)));
    return all;
  }

  private static Invoice row(Row row) {
    JsonObject seller = row.getJsonObject("seller");
    JsonObject buyer = row.getJsonObject("buyer");
    JsonArray lines = (JsonArray) row.getJson("lines");
    List<Invoice.Line> parsed = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      JsonObject line = lines.getJsonObject(i);
      parsed.add(
          new Invoice.Line(
              OrderRows.texts(line.getJsonObject("name")),
              line.getInteger("quantity"),
              line.getLong("unitPriceCentimes")));
    }
    return new Invoice(
        row.getUUID("id"),
        row.getUUID("cooperative_id"),
        row.getLong("number"),
        Invoice.Kind.valueOf(row.getString("kind")),
        row.getUUID("order_id"),
        row.getString("order_code"),
        row.getUUID("refund_id"),
        OrderRows.instant(row, "issued_at"),
        new Invoice.Seller(
            OrderRows.texts(seller.getJsonObject("name")),
            seller.getString("registrationNumber"),
            seller.getString("ice"),
            seller.getString("taxId"),
            seller.getString("address")),
        new Invoice.Buyer(
            buyer.getString("name"),
            buyer.getString("addressLine"),
            buyer.getString("city"),
            buyer.getString("postalCode")),
        parsed,
        row.getLong("total_centimes"),
        row.getInteger("vat_basis_points"),
        row.getLong("vat_centimes"));
  }

  private static JsonArray linesJson(List<Invoice.Line> lines) {
    JsonArray json = new JsonArray();
    lines.forEach(
        line ->
            json.add(
                new JsonObject()
                    .put("name", new JsonObject(Map.copyOf(line.name())))
                    .put("quantity", line.quantity())
                    .put("unitPriceCentimes", line.unitPriceCentimes())));
    return json;
  }
}
