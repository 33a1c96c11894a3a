package ma.tadamon.platform.observability;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.slf4j.Marker;

/**
 * Says a Kafka client's warning once a minute, not once per client per reconnection attempt. While
 * the broker is away (restarted by the local platform's supervisor, or a rolling restart), every
 * producer, consumer and admin client warns on each try, a screenful a second, hiding what
 * happened. A warning is known by its logger and its message's pattern, without the client's {@code
 * [Consumer clientId=…]} prefix (so fifteen clients saying the same thing are one), and without its
 * arguments (node addresses); errors always pass.
 */
public final class RepeatedWarnings extends TurboFilter {

  private static final Pattern CLIENT_PREFIX = Pattern.compile("^\\[[^\\]]*\\]\\s*");
  private static final int MAX_REMEMBERED = 1_000;

  private final LongSupplier clock;
  private final Map<String, Long> lastSaid = new ConcurrentHashMap<>();
  private String loggerPrefix = "org.apache.kafka";
  private long quietMillis = 60_000;

  public RepeatedWarnings() {
    this(System::currentTimeMillis);
  }

  RepeatedWarnings(LongSupplier clock) {
    this.clock = clock;
  }

  /** The loggers whose repeated warnings are thinned (logback.xml may set it). */
  public void setLoggerPrefix(String loggerPrefix) {
    this.loggerPrefix = loggerPrefix;
  }

  /** How long a warning, once said, is not said again. */
  public void setQuietSeconds(long seconds) {
    this.quietMillis = seconds * 1_000;
  }

  @Override
  public FilterReply decide(
      Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    if (level != Level.WARN || format == null || !logger.getName().startsWith(loggerPrefix)) {
      return FilterReply.NEUTRAL;
    }
    String warning = logger.getName() + ' ' + CLIENT_PREFIX.matcher(format).replaceFirst("");
    long now = clock.getAsLong();
    Long said = lastSaid.get(warning);
    if (said != null && now - said < quietMillis) {
      return FilterReply.DENY;
    }
    if (lastSaid.size() >= MAX_REMEMBERED) {
      lastSaid.clear(); // at worst a warning is said once more
    }
    lastSaid.put(warning, now);
    return FilterReply.NEUTRAL;
  }
}
