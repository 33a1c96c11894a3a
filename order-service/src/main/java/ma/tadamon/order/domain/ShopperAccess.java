package ma.tadamon.order.domain;

/**
 * What the saga's announcements carry of the shopper's access to the order: the digest of the
 * tracking token (payment-service checks a presented token against it) and the path of the order's
 * short link (for the confirmation). Both are derived from the order by {@link AccessTokens}.
 */
public record ShopperAccess(String tokenDigest, String orderLink) {}
