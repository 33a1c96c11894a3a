package ma.tadamon.order.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import ma.tadamon.events.order.WithdrawalReceived;
import ma.tadamon.events.order.WithdrawalRequested;
import ma.tadamon.platform.domain.DomainException;
import ma.tadamon.platform.domain.FieldError;

/**
 * The shopper's withdrawal from a delivered cooperative's part (all of it or some lines): asked
 * within the legal window, REQUESTED until the cooperative (or an operator) has the goods back,
 * RECEIVED until payment-service has refunded them, then REFUNDED. One per part: a second is
 * refused, so the shopper cannot be refunded twice for the same goods.
 */
public record Withdrawal(
    UUID id,
    UUID orderId,
    UUID cooperativeId,
    Status status,
    List<Line> lines,
    long amountCentimes,
    boolean wholePart,
    Instant requestedAt,
    Instant refundDueBy,
    Instant receivedAt,
    String receivedBy,
    Instant refundedAt) {

  public static final int MAX_LINES = 50;

  public enum Status {
    REQUESTED,
    RECEIVED,
    REFUNDED
  }

  /** What is sent back: a product of the part, its price when it was bought, how many. */
  public record Line(
      UUID productId, Map<String, String> name, long unitPriceCentimes, int quantity) {
    long amountCentimes() {
      return unitPriceCentimes * quantity;
    }
  }

  /** A line as the shopper asks for it. */
  public record Asked(UUID productId, Integer quantity) {}

  public Withdrawal {
    lines = List.copyOf(lines);
  }

  /**
   * Decides a withdrawal from {@code cooperativeId}'s part of {@code order}: no lines asked means
   * the whole part, whose shipping fee is then refunded too (the law returns everything paid).
   */
  public static Withdrawal request(
      OrderView order,
      UUID cooperativeId,
      List<Asked> asked,
      Optional<Withdrawal> earlier,
      WithdrawalPolicy policy,
      Instant now) {
    OrderView.Part part =
        order.cooperativeOrders().stream()
            .filter(p -> p.cooperativeId().equals(cooperativeId))
            .findFirst()
            .orElseThrow(
                () ->
                    DomainException.invalid(
                        "cooperativeId", "this order has no part of that cooperative"));
    if (earlier.isPresent()) {
      throw DomainException.conflict(
              "already-withdrawn",
              "This part was already withdrawn from",
              "A withdrawal of this cooperative's part was asked for on "
                  + earlier.get().requestedAt()
                  + "; it is "
                  + earlier.get().status()
                  + ".")
          .with("withdrawalStatus", earlier.get().status().name());
    }
    if (part.status() != CooperativeOrderStatus.DELIVERED || part.deliveredAt() == null) {
      throw DomainException.conflict(
              "not-delivered",
              "This part is not delivered",
              "One withdraws from goods received; this part is "
                  + part.status()
                  + ". Before it ships, cancel the order instead.")
          .with("partStatus", part.status().name());
    }
    LocalDate lastDay = policy.lastDay(part.deliveredAt());
    if (!policy.isOpen(part.deliveredAt(), now)) {
      throw DomainException.refused(
              "withdrawal-period-over",
              "The withdrawal period is over",
              "Goods delivered on "
                  + part.deliveredAt().atZone(WithdrawalPolicy.ZONE).toLocalDate()
                  + " could be withdrawn from until "
                  + lastDay
                  + ".")
          .with("lastDay", lastDay.toString());
    }
    List<OrderView.Line> bought =
        order.lines().stream().filter(l -> l.cooperativeId().equals(cooperativeId)).toList();
    List<Line> chosen = chosen(bought, asked == null ? List.of() : asked);
    List<String> excluded =
        bought.stream()
            .filter(l -> policy.excludes(l.category()))
            .filter(l -> chosen.stream().anyMatch(c -> c.productId().equals(l.productId())))
            .map(l -> l.productId().toString())
            .toList();
    if (!excluded.isEmpty()) {
      throw DomainException.refused(
              "excluded-from-withdrawal",
              "These goods cannot be withdrawn from",
              "Foodstuffs that spoil quickly are excluded from the right of withdrawal.")
          .with("products", excluded);
    }
    boolean whole =
        bought.stream()
            .allMatch(
                l ->
                    chosen.stream()
                        .anyMatch(
                            c ->
                                c.productId().equals(l.productId())
                                    && c.quantity() == l.quantity()));
    long amount =
        chosen.stream().mapToLong(Line::amountCentimes).sum()
            + (whole ? part.shippingCentimes() : 0);
    return new Withdrawal(
        UUID.randomUUID(),
        order.id(),
        cooperativeId,
        Status.REQUESTED,
        chosen,
        amount,
        whole,
        now,
        policy.refundDueBy(now),
        null,
        null,
        null);
  }

  /** The asked lines checked against what was bought; none asked is everything. */
  private static List<Line> chosen(List<OrderView.Line> bought, List<Asked> asked) {
    Map<UUID, OrderView.Line> byProduct = new LinkedHashMap<>();
    bought.forEach(line -> byProduct.merge(line.productId(), line, (a, b) -> a));
    if (asked.isEmpty()) {
      return bought.stream().map(Withdrawal::whole).toList();
    }
    List<FieldError> errors = new ArrayList<>();
    Map<UUID, Line> chosen = new LinkedHashMap<>();
    if (asked.size() > MAX_LINES) {
      errors.add(new FieldError("lines", "at most " + MAX_LINES + " lines"));
    }
    for (int i = 0; i < asked.size() && errors.isEmpty(); i++) {
      Asked line = asked.get(i);
      String field = "lines[" + i + "]";
      OrderView.Line boughtLine = line == null ? null : byProduct.get(line.productId());
      if (boughtLine == null) {
        errors.add(new FieldError(field + ".productId", "not a product of this part"));
      } else if (chosen.containsKey(line.productId())) {
        errors.add(new FieldError(field + ".productId", "named twice"));
      } else if (line.quantity() == null
          || line.quantity() < 1
          || line.quantity() > boughtLine.quantity()) {
        errors.add(
            new FieldError(
                field + ".quantity", "from 1 to " + boughtLine.quantity() + ", as bought"));
      } else {
        chosen.put(
            line.productId(),
            new Line(
                line.productId(),
                boughtLine.productName(),
                boughtLine.unitPriceCentimes(),
                line.quantity()));
      }
    }
    DomainException.requireValid(errors);
    return List.copyOf(chosen.values());
  }

  private static Line whole(OrderView.Line line) {
    return new Line(
        line.productId(), line.productName(), line.unitPriceCentimes(), line.quantity());
  }

  /** The goods are back with the cooperative; saying so again changes nothing (empty). */
  public Optional<Withdrawal> received(String actor, Instant now) {
    if (status != Status.REQUESTED) {
      return Optional.empty();
    }
    return Optional.of(
        new Withdrawal(
            id,
            orderId,
            cooperativeId,
            Status.RECEIVED,
            lines,
            amountCentimes,
            wholePart,
            requestedAt,
            refundDueBy,
            now,
            actor,
            null));
  }

  /** payment-service refunded it; a replayed refund changes nothing (empty). */
  public Optional<Withdrawal> refunded(Instant at) {
    if (status == Status.REFUNDED) {
      return Optional.empty();
    }
    return Optional.of(
        new Withdrawal(
            id,
            orderId,
            cooperativeId,
            Status.REFUNDED,
            lines,
            amountCentimes,
            wholePart,
            requestedAt,
            refundDueBy,
            receivedAt,
            receivedBy,
            at));
  }

  public boolean refundOverdue(Instant now) {
    return status != Status.REFUNDED && now.isAfter(refundDueBy);
  }

  public WithdrawalRequested requestedEvent(OrderView order) {
    return new WithdrawalRequested(
        id,
        orderId,
        order.code(),
        cooperativeId,
        order.language(),
        lines.stream()
            .map(l -> new WithdrawalRequested.Line(l.productId(), l.name(), l.quantity()))
            .toList(),
        amountCentimes,
        refundDueBy);
  }

  public WithdrawalReceived receivedEvent(OrderView order) {
    return new WithdrawalReceived(
        id,
        orderId,
        cooperativeId,
        order.paymentMethod(),
        lines.stream().map(l -> new WithdrawalReceived.Line(l.productId(), l.quantity())).toList(),
        amountCentimes);
  }
}
