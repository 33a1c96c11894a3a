package ma.tadamon.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded servers are the real thing: Kafka round-trips a record, PostgreSQL runs SQL, data
 * survives restarts.
 */
class EmbeddedServersTest {

  private static final Map<String, String> EMBEDDED_ONLY =
      Map.of("TADAMON_INFRA", "embedded", "PATH", System.getenv().getOrDefault("PATH", ""));

  @Test
  void a_persistent_platform_keeps_its_topics_and_rows_across_restarts(@TempDir Path temp)
      throws Exception {
    // JUnit's temporary directory is closed to other users; PostgreSQL may run as one (when we are
    // root).
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path data = temp.resolve("data");
    try (Infrastructure infra = Infrastructure.resolve(EMBEDDED_ONLY, data)) {
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", infra.kafkaBootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic("souss.argan", 3, (short) 1))).all().get();
      }
      produce(infra.kafkaBootstrapServers(), "souss.argan", "coop-1", "250 ml argan oil");
      sql(
          infra.postgres(),
          "CREATE TABLE cooperatives (name text); INSERT INTO cooperatives VALUES ('Tighanimine')");
    }

    try (Infrastructure infra = Infrastructure.resolve(EMBEDDED_ONLY, data)) {
      assertThat(consumeOne(infra.kafkaBootstrapServers(), "souss.argan"))
          .isEqualTo("250 ml argan oil");
      assertThat(queryOne(infra.postgres(), "SELECT name FROM cooperatives"))
          .isEqualTo("Tighanimine");
    }
    assertThat(Files.exists(data.resolve("postgres/pgdata/PG_VERSION"))).isTrue();
  }

  @Test
  void a_second_platform_on_the_same_data_is_refused_and_the_first_keeps_running(@TempDir Path temp)
      throws Exception {
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path data = temp.resolve("data");
    try (Infrastructure first = Infrastructure.resolve(EMBEDDED_ONLY, data)) {
      assertThatThrownBy(() -> Infrastructure.resolve(EMBEDDED_ONLY, data))
          .isInstanceOf(InfrastructureException.class)
          .hasMessageContaining("another Tadamon platform")
          .hasMessageContaining("(process " + ProcessHandle.current().pid() + ")")
          .hasMessageContaining("TADAMON_DATA_DIR");
      assertThat(queryOne(first.postgres(), "SELECT 'still here'")).isEqualTo("still here");
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", first.kafkaBootstrapServers()))) {
        admin.createTopics(List.of(new NewTopic("draa.dates", 1, (short) 1))).all().get();
      }
      produce(first.kafkaBootstrapServers(), "draa.dates", "coop-2", "1 kg Mejhoul dates");
    }
    // Released with the first platform: the next one starts.
    try (Infrastructure next = Infrastructure.resolve(EMBEDDED_ONLY, data)) {
      assertThat(queryOne(next.postgres(), "SELECT current_database()")).isEqualTo("tadamon");
    }
  }

  @Test
  void a_throwaway_platform_leaves_nothing_behind() throws Exception {
    Path throwawayRoot;
    try (Infrastructure infra = Infrastructure.resolve(EMBEDDED_ONLY, null)) {
      assertThat(queryOne(infra.postgres(), "SELECT current_database()")).isEqualTo("tadamon");
      assertThat(queryOne(infra.postgres(), "SELECT to_tsvector('arabic', 'زيت أركان')::text"))
          .isNotBlank();
      throwawayRoot = Path.of(infra.description().get(1).replaceAll(".*data in ", "")).getParent();
      assertThat(throwawayRoot).exists();
    }
    assertThat(throwawayRoot).doesNotExist();
  }

  /**
   * A table filled after start-up gets statistics within seconds, so that the plans statements
   * cached while it was empty (whole-table scans) are replaced before they cost much; it is
   * analysed again once it has grown by half, not by every tenth, which under load came every few
   * seconds.
   */
  @Test
  void a_table_that_grows_is_analysed_within_seconds_and_again_once_grown_by_half()
      throws Exception {
    try (Infrastructure infra = Infrastructure.resolve(EMBEDDED_ONLY, null)) {
      sql(
          infra.postgres(),
          "CREATE TABLE growing (id bigint PRIMARY KEY);"
              + " INSERT INTO growing SELECT generate_series(1, 5000)");
      awaitAnalyses(infra, 1);

      // A fifth more, and a table created after it filled: autovacuum weighs both in the same
      // round (their changes are reported together, when this connection closes), and visits the
      // older one first. Once the new one is analysed, that round has passed over the grown table,
      // which PostgreSQL's default would have analysed again.
      sql(
          infra.postgres(),
          "INSERT INTO growing SELECT generate_series(5001, 6000);"
              + " CREATE TABLE witness (id bigint PRIMARY KEY);"
              + " INSERT INTO witness SELECT generate_series(1, 5000)");
      await()
          .alias("the witness analysed by autovacuum within 20 s")
          .atMost(Duration.ofSeconds(20))
          .until(() -> analyses(infra, "witness"), "1"::equals);
      assertThat(analyses(infra, "growing")).as("analyses after growing by a fifth").isEqualTo("1");

      sql(infra.postgres(), "INSERT INTO growing SELECT generate_series(6001, 9000)");
      awaitAnalyses(infra, 2);
    }
  }

  private static void awaitAnalyses(Infrastructure infra, int count) {
    await()
        .alias("analysed " + count + " times by autovacuum within 20 s")
        .atMost(Duration.ofSeconds(20))
        .until(() -> analyses(infra, "growing"), String.valueOf(count)::equals);
  }

  private static String analyses(Infrastructure infra, String table) throws Exception {
    return queryOne(
        infra.postgres(),
        "SELECT autoanalyze_count FROM pg_stat_user_tables WHERE relname = '" + table + "'");
  }

  private static void produce(String bootstrap, String topic, String key, String value)
      throws Exception {
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrap);
    props.put("acks", "all");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    }
  }

  private static String consumeOne(String bootstrap, String topic) {
    Properties props = new Properties();
    props.put("bootstrap.servers", bootstrap);
    props.put("group.id", "embedded-servers-test");
    props.put("auto.offset.reset", "earliest");
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(Set.of(topic));
      long deadline = System.currentTimeMillis() + 30_000;
      while (System.currentTimeMillis() < deadline) {
        ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
        if (!records.isEmpty()) {
          return records.iterator().next().value();
        }
      }
      return null;
    }
  }

  private static void sql(PostgresEndpoint pg, String statements) throws Exception {
    try (Connection connection = pg.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(statements);
    }
  }

  private static String queryOne(PostgresEndpoint pg, String query) throws Exception {
    try (Connection connection = pg.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      return rows.next() ? rows.getString(1) : null;
    }
  }
}
