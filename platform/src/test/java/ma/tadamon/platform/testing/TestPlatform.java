package ma.tadamon.platform.testing;

import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import ma.tadamon.infra.FreePorts;
import ma.tadamon.infra.Infrastructure;
import ma.tadamon.platform.auth.DevelopmentKeys;
import ma.tadamon.platform.config.Settings;
import ma.tadamon.platform.db.PostgresSettings;
import ma.tadamon.platform.kafka.KafkaSettings;
import ma.tadamon.platform.kafka.TopicAdmin;
import ma.tadamon.platform.service.ServiceRuntime;

/**
 * The real Kafka and PostgreSQL a test JVM runs on, resolved once (environment → Testcontainers →
 * embedded servers) with the platform's topics created, plus a development key pair for tokens.
 * Tests isolate themselves by their own ids, never by sharing less infrastructure.
 */
public final class TestPlatform {

  /** The checkout's rate limits, switched off. */
  public static final Map<String, String> RATE_LIMITS_OFF =
      Map.of(
          "RATE_LIMIT_CHECKOUT_PER_ADDRESS", "off",
          "RATE_LIMIT_CHECKOUT_PER_PHONE", "off",
          "RATE_LIMIT_CHECKOUT_PER_PRODUCT", "off");

  private static Infrastructure infrastructure;
  private static DevelopmentKeys keys;

  private TestPlatform() {}

  public static synchronized Infrastructure infrastructure() {
    if (infrastructure == null) {
      Infrastructure resolved = Infrastructure.resolve(System.getenv(), null);
      Runtime.getRuntime()
          .addShutdownHook(new Thread(resolved::close, "test-infrastructure-shutdown"));
      Vertx vertx = Vertx.vertx();
      try {
        ServiceRuntime.await(
            TopicAdmin.ensurePlatformTopics(
                vertx, new KafkaSettings(resolved.kafkaBootstrapServers(), "test-topics"), 3),
            60);
      } finally {
        vertx.close();
      }
      infrastructure = resolved;
      keys = DevelopmentKeys.generate();
    }
    return infrastructure;
  }

  public static DevelopmentKeys keys() {
    infrastructure();
    return keys;
  }

  /**
   * Settings for a service under test: the shared servers, the test key, a free HTTP port, fast
   * retries.
   */
  public static Settings settings() {
    Map<String, String> values = new HashMap<>();
    values.put("KAFKA_BOOTSTRAP_SERVERS", infrastructure().kafkaBootstrapServers());
    values.putAll(infrastructure().postgres().settings());
    values.put("JWT_PUBLIC_KEY", keys().publicKeyPem());
    values.put("HTTP_PORT", String.valueOf(FreePorts.next()));
    values.put("CONSUMER_FIRST_BACKOFF_MS", "20");
    values.put("CONSUMER_MAX_BACKOFF_MS", "100");
    values.put("CONSUMER_MAX_ATTEMPTS", "3");
    // Tests of other things place many orders from one address and one phone number; the limits
    // are tested with their real defaults by tests that remove these (RATE_LIMITS_OFF).
    values.putAll(RATE_LIMITS_OFF);
    values.put("NOTIFICATION_PHONE_CODE_SECRET", "a-test-secret-for-phone-codes-0123456789");
    values.put("PROOF_OF_WORK_SECRET", "a-test-secret-for-proofs-of-work-0123456789");
    values.putAll(infrastructure().objectStorage().settings());
    // Drawing and processing the demo catalog's pictures takes a core for half a minute: tests that
    // want photos add their own.
    values.put("CATALOG_DEMO_PHOTOS", "false");
    return Settings.of(values);
  }

  /**
   * Settings with a database of the test's own on the shared server: for tests that count what a
   * whole table holds, which other test classes' rows would otherwise change.
   */
  public static Settings settingsWithOwnDatabase(String prefix) {
    Settings shared = settings();
    PostgresSettings pg = PostgresSettings.from(shared);
    String database = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
    try (Connection admin = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + database);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create the test database " + database, e);
    }
    return shared.with(Map.of("PG_DATABASE", database));
  }
}
