package ma.tadamon.order.domain;

/**
 * The shipping fee of one cooperative's part (docs/decisions.md): 25 MAD within the cooperative's
 * own region, 45 MAD elsewhere in Morocco, free from 500 MAD of goods. Amounts in centimes.
 */
public record ShippingFees(
    long sameRegionCentimes, long otherRegionCentimes, long freeFromCentimes) {

  public static final ShippingFees STANDARD = new ShippingFees(2_500, 4_500, 50_000);

  public long feeCentimes(
      long subtotalCentimes, String cooperativeRegion, String destinationRegion) {
    if (subtotalCentimes >= freeFromCentimes) {
      return 0;
    }
    return cooperativeRegion != null && cooperativeRegion.equals(destinationRegion)
        ? sameRegionCentimes
        : otherRegionCentimes;
  }
}
