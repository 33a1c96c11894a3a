package ma.tadamon.platform.http;

import io.vertx.ext.web.LanguageHeader;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The language to answer a person in: the first of Arabic, French and English in the request's
 * {@code Accept-Language} (the web app sends the language the reader chose), else French, the
 * storefront's own default.
 */
public final class ReaderLanguage {

  public static final Set<String> SUPPORTED = Set.of("ar", "fr", "en");
  private static final String DEFAULT = "fr";

  private ReaderLanguage() {}

  public static String of(RoutingContext ctx) {
    return asked(ctx).orElse(DEFAULT);
  }

  /**
   * The language the request asked for, if it named one of ours: a client that names none (a
   * developer's curl, another system) reads the services' own English where there is a choice.
   */
  public static Optional<String> asked(RoutingContext ctx) {
    for (LanguageHeader accepted : ctx.acceptableLanguages()) {
      String language = accepted.tag().toLowerCase(Locale.ROOT);
      if (SUPPORTED.contains(language)) {
        return Optional.of(language);
      }
    }
    return Optional.empty();
  }
}
