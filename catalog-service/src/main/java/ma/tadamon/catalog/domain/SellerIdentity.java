package ma.tadamon.catalog.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import ma.tadamon.platform.domain.FieldError;

/**
 * Who sells, as the law on distance selling asks it shown before an order (law 31-08;
 * docs/compliance.md): beside the cooperative's register number, its ICE (the common business
 * identifier, 15 digits) and IF (tax identifier) where it has them, and the address goods are sent
 * back to. Every part may be absent until the cooperative gives it; a cooperative is verified only
 * with a return address.
 */
public record SellerIdentity(String ice, String taxId, String returnAddress) {

  public static final SellerIdentity NONE = new SellerIdentity(null, null, null);
  static final int ADDRESS_LENGTH = 300;
  private static final Pattern ICE = Pattern.compile("[0-9]{15}");
  private static final Pattern TAX_ID = Pattern.compile("[0-9]{1,10}");

  public SellerIdentity {
    ice = blankToNull(ice);
    taxId = blankToNull(taxId);
    returnAddress = blankToNull(returnAddress);
  }

  public List<FieldError> problems(String prefix) {
    List<FieldError> errors = new ArrayList<>();
    if (ice != null && !ICE.matcher(ice).matches()) {
      errors.add(new FieldError(prefix + "ice", "the ICE is 15 digits"));
    }
    if (taxId != null && !TAX_ID.matcher(taxId).matches()) {
      errors.add(new FieldError(prefix + "taxId", "the IF is 1 to 10 digits"));
    }
    if (returnAddress != null && returnAddress.length() > ADDRESS_LENGTH) {
      errors.add(
          new FieldError(
              prefix + "returnAddress", "must be at most " + ADDRESS_LENGTH + " characters"));
    }
    return errors;
  }

  /** What the law needs before the cooperative may sell, by field name; empty when complete. */
  public List<String> missingToSell() {
    return returnAddress == null ? List.of("seller.returnAddress") : List.of();
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
