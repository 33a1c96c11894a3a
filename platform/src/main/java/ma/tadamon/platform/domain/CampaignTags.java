package ma.tadamon.platform.domain;

import java.util.regex.Pattern;

/**
 * A campaign tag: where a shopper came from, as a link says it ({@code ?src=fair-tetouan}, a
 * Facebook post, a jar's label). Short lower-case words, so that a tag typed by hand on a poster
 * and the one counted in reports are the same.
 */
public final class CampaignTags {

  public static final String RULE = "lower-case letters, digits and dashes, at most 40";
  private static final Pattern TAG = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

  private CampaignTags() {}

  public static boolean valid(String tag) {
    return tag != null && TAG.matcher(tag).matches();
  }
}
