package ma.tadamon.platform.auth;

/** Who a token speaks for. The JWT carries them in its {@code roles} claim. */
public enum Role {
  SHOPPER("shopper"),
  COOPERATIVE("cooperative"),
  /** A cooperative's manager: also its prices, products, stock, profile and payouts. */
  COOPERATIVE_MANAGER("cooperative-manager"),
  OPERATOR("operator");

  private final String claim;

  Role(String claim) {
    this.claim = claim;
  }

  public String claim() {
    return claim;
  }
}
