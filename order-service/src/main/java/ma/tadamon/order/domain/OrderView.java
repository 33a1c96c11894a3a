package ma.tadamon.order.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.tadamon.events.PaymentMethod;

/** An order as it is shown and as the saga reads it. */
public record OrderView(
    UUID id,
    String code,
    OrderStatus status,
    PaymentMethod paymentMethod,
    String language,
    CheckoutRequest.Contact contact,
    CheckoutRequest.Address shippingAddress,
    String shopperSubject,
    long subtotalCentimes,
    long shippingCentimes,
    long totalCentimes,
    String requestHash,
    Instant createdAt,
    PhoneCheck phoneCheck,
    List<Line> lines,
    List<Part> cooperativeOrders,
    List<Transition> history,
    String marketingConsent,
    Pickup pickup) {

  /**
   * The fair where the shopper collects the goods at the cooperatives' stands, its name as the
   * shopper saw it; null for an order that is shipped.
   */
  public record Pickup(UUID fairId, Map<String, String> fairName) {}

  public boolean collectedAtFair() {
    return pickup != null;
  }

  public record Line(
      int number,
      UUID productId,
      UUID cooperativeId,
      Map<String, String> productName,
      String unit,
      long unitPriceCentimes,
      int quantity,
      String category) {}

  public record Part(
      UUID cooperativeId,
      CooperativeOrderStatus status,
      long subtotalCentimes,
      long shippingCentimes,
      String declineReason,
      String trackingReference,
      Instant deliveredAt,
      String pickupStand) {

    public long amountCentimes() {
      return subtotalCentimes + shippingCentimes;
    }

    /** Handed over at the cooperative's stand ({@link #pickupStand}), not shipped. */
    public boolean collectedAtStand() {
      return pickupStand != null;
    }
  }

  public Part part(UUID cooperativeId) {
    return cooperativeOrders.stream()
        .filter(part -> part.cooperativeId().equals(cooperativeId))
        .findFirst()
        .orElseThrow();
  }

  public record Transition(OrderStatus from, OrderStatus to, String cause, Instant at) {}
}
