package ma.tadamon.events.order;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.tadamon.events.PaymentMethod;
import ma.tadamon.platform.events.EventType;
import ma.tadamon.platform.events.IntegrationEvent;

/**
 * The order's stock is held and its payment settled (a card authorized; cash on delivery needs no
 * authorization): each cooperative can now prepare its part, and the shopper is told. Carries what
 * the notifications need, and what payment-service opens a cash-on-delivery payment with ({@code
 * accessTokenDigest}, each part's {@code shippingCentimes}: see {@link OrderReserved}); {@code
 * marketingConsent} is the version of the consent text the shopper ticked to receive Tadamon's news
 * (absent: no consent). {@code orderLink} is the path of the order's short link ({@code
 * /s/{code}-{key}}), which opens its page without the tracking token: a capability like the token,
 * short enough for the confirmation SMS (absent in events from before it existed). {@code shopper}:
 * the account that placed it (absent for a guest), whose data export lists the messages. A part
 * with a {@code pickupStand} is collected by the shopper at that stand of a fair, not shipped; the
 * order's {@code shippingCity} is then the fair's city.
 */
@EventType("ma.tadamon.order.confirmed.v1")
public record OrderConfirmed(
    UUID orderId,
    String code,
    String language,
    Contact contact,
    String shippingCity,
    PaymentMethod paymentMethod,
    long totalCentimes,
    List<CooperativePart> cooperativeOrders,
    String marketingConsent,
    String orderLink,
    String shopper,
    String accessTokenDigest)
    implements IntegrationEvent {

  public record Contact(String name, String phone, String email) {}

  /** {@code amountCentimes} includes the part's {@code shippingCentimes}. */
  public record CooperativePart(
      UUID cooperativeId,
      long amountCentimes,
      List<Item> items,
      String pickupStand,
      long shippingCentimes) {

    public boolean collectedAtStand() {
      return pickupStand != null;
    }
  }

  /**
   * What payment-service opens the order's payment with, as {@code order.reserved} announces it for
   * a card order.
   */
  public OrderReserved asReservation() {
    return new OrderReserved(
        orderId,
        code,
        language,
        paymentMethod,
        totalCentimes,
        cooperativeOrders.stream()
            .map(
                part ->
                    new OrderReserved.CooperativeAmount(
                        part.cooperativeId(), part.amountCentimes(), part.shippingCentimes()))
            .toList(),
        accessTokenDigest);
  }

  /** The stands the shopper collects the order at, in the order of its parts; empty if shipped. */
  public List<String> pickupStands() {
    return cooperativeOrders.stream()
        .filter(CooperativePart::collectedAtStand)
        .map(CooperativePart::pickupStand)
        .toList();
  }

  public record Item(
      UUID productId, Map<String, String> name, int quantity, long unitPriceCentimes) {}

  @Override
  public String subject() {
    return orderId.toString();
  }
}
