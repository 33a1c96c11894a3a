package ma.tadamon.platform.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import ma.tadamon.platform.config.Settings;
import ma.tadamon.platform.db.PostgresSettings;
import ma.tadamon.platform.events.EventEnvelope;
import ma.tadamon.platform.events.EventMapper;
import ma.tadamon.platform.events.IntegrationEvent;
import org.awaitility.Awaitility;

/**
 * Checks that something did <em>not</em> happen, made able to fail. Waiting a while and seeing
 * nothing proves nothing when the consumer is slow. Instead, a test waits until the consumer has
 * committed the very events that must change nothing: their ids in its {@code processed_events},
 * written in the transaction that applied them. By then whatever they would have done is in the
 * database, including the outbox rows of the events they would have published. The relay's deletion
 * of a row commits only once Kafka has acknowledged it, so once the outbox is empty every event
 * written before is on Kafka, where {@link #published} counts them.
 *
 * @param schema the service's schema, e.g. {@code orders}
 * @param consumer the consumer's name, {@code <service>.<purpose>}, e.g. {@code order-service.saga}
 */
public record Handled(Settings settings, String schema, String consumer) {

  /** Waits until every one of {@code events} is committed as handled by the consumer. */
  public void await(List<EventEnvelope> events) {
    for (EventEnvelope event : events) {
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () ->
                  count(
                          "SELECT count(*) FROM "
                              + schema
                              + ".processed_events WHERE consumer = ? AND event_id = ?",
                          consumer,
                          event.id())
                      == 1);
    }
  }

  /**
   * How many events of {@code type} about {@code subject} are on the platform's topics once the
   * service's outbox is empty: what it published, counted by their ids (a relay that published a
   * row again after a crash sent the same event), and any a test sent itself under that type.
   */
  public long published(Class<? extends IntegrationEvent> type, Object subject) {
    return publishedIds(type, subject).size();
  }

  /**
   * The ids of the events of {@code type} about {@code subject} the service has published, in the
   * order published, once everything it wrote to publish is on Kafka.
   */
  public List<UUID> publishedIds(Class<? extends IntegrationEvent> type, Object subject) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(20))
        .until(() -> count("SELECT count(*) FROM " + schema + ".outbox") == 0);
    return PublishedEvents.instance().ids(EventMapper.typeOf(type), subject.toString());
  }

  /**
   * Waits until {@code sql}, a count in the service's database, reaches {@code atLeast}: the
   * handling of something that is no event (the row that records an inbound message, say).
   */
  public void awaitCount(long atLeast, String sql, Object... parameters) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> count(sql, parameters) >= atLeast);
  }

  /** A count in the service's database, for what must not have happened once handling is done. */
  public long count(String sql, Object... parameters) {
    PostgresSettings pg = PostgresSettings.from(settings);
    try (Connection connection =
            DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        Object parameter = parameters[i];
        statement.setObject(i + 1, parameter instanceof UUID id ? id : parameter);
      }
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not read " + schema + ": " + e.getMessage(), e);
    }
  }
}
