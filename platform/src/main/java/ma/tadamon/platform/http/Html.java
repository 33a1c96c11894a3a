package ma.tadamon.platform.http;

/**
 * Text put into an HTML page or e-mail: escaped so that it stays text, in content and attributes.
 */
public final class Html {

  private Html() {}

  public static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
