package ma.tadamon.platform.domain;

/**
 * Integer centimes of MAD written as dirhams, by integer arithmetic: never through a floating-point
 * number. One way for every text that shows an amount (SMS, e-mails, pages).
 */
public final class Dirhams {

  private Dirhams() {}

  /**
   * The form a machine reads (a webhook's values, schema.org's {@code price}): "240" for a whole
   * amount, "240.50" otherwise.
   */
  public static String plain(long centimes) {
    String sign = centimes < 0 ? "-" : "";
    long value = Math.abs(centimes);
    return sign
        + (value / 100)
        + (value % 100 == 0 ? "" : "." + String.format("%02d", value % 100));
  }

  /**
   * The way the reader writes it, as the web app does: "240", and "240,50" in Arabic and French
   * (Morocco's decimal comma), "240.50" in English.
   */
  public static String forReader(long centimes, String language) {
    return inReadersFormat(plain(centimes), language);
  }

  /**
   * On an invoice, where columns of figures are read and added: always the centimes, with Morocco's
   * decimal comma, "80,00", "240,50".
   */
  public static String onInvoice(long centimes) {
    return (centimes / 100) + "," + String.format("%02d", Math.abs(centimes % 100));
  }

  /** An amount already written {@link #plain(long) plainly}, in the reader's format. */
  public static String inReadersFormat(String plainAmount, String language) {
    return "en".equals(language) ? plainAmount : plainAmount.replace('.', ',');
  }
}
