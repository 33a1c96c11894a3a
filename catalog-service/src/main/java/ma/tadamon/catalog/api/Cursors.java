package ma.tadamon.catalog.api;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.zip.CRC32;
import ma.tadamon.catalog.domain.ProductListing;
import ma.tadamon.catalog.domain.ProductQuery;
import ma.tadamon.platform.http.ProblemException;
import ma.tadamon.platform.http.QueryParameters;

/**
 * Page cursors, opaque to clients: the sort, a fingerprint of the search and filters, and the last
 * item's sort key and id, base64url-encoded. A cursor only continues the search that produced it.
 */
final class Cursors {

  private static final String VERSION = "c1";

  private Cursors() {}

  static String after(ProductListing last, ProductQuery query) {
    String raw =
        String.join(
            "|",
            VERSION,
            query.sort().slug(),
            fingerprint(query),
            last.sortKey(),
            last.product().id().toString());
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The position to continue from; a cursor from another search, another sort or nowhere is a 400.
   */
  static ProductQuery.Position read(String cursor, ProductQuery query) {
    String[] parts;
    try {
      parts =
          new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
              .split("\\|", -1);
    } catch (IllegalArgumentException e) {
      throw notOurs();
    }
    if (parts.length != 5 || !parts[0].equals(VERSION)) {
      throw notOurs();
    }
    if (!parts[1].equals(query.sort().slug()) || !parts[2].equals(fingerprint(query))) {
      throw ProblemException.badRequest(
          "'cursor' continues a different search; start again without it.");
    }
    if (!validKey(query.sort(), parts[3])) {
      throw notOurs();
    }
    return new ProductQuery.Position(
        parts[3], QueryParameters.parseId(parts[4]).orElseThrow(Cursors::notOurs));
  }

  private static boolean validKey(ProductQuery.Sort sort, String key) {
    try {
      switch (sort) {
        case NEWEST -> OffsetDateTime.parse(key);
        case PRICE_ASC, PRICE_DESC -> Long.parseLong(key);
        case RELEVANCE -> {
          if (!Double.isFinite(Double.parseDouble(key))) {
            return false;
          }
        }
      }
      return true;
    } catch (NumberFormatException | DateTimeParseException e) {
      return false;
    }
  }

  private static String fingerprint(ProductQuery query) {
    CRC32 crc = new CRC32();
    crc.update(
        (query.words().orElse("") + "\u0000" + query.filters()).getBytes(StandardCharsets.UTF_8));
    return Long.toHexString(crc.getValue());
  }

  private static ProblemException notOurs() {
    return ProblemException.badRequest("'cursor' is not one this API gave out.");
  }
}
