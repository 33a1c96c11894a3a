package ma.tadamon.infra;

import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Kafka and PostgreSQL in containers, for machines where a Docker engine answers. Images are
 * pinned.
 */
final class ContainerServers {

  static final String KAFKA_IMAGE = "apache/kafka:4.1.1";
  static final String POSTGRES_IMAGE = "postgres:16.10-alpine";

  private ContainerServers() {}

  static Kafka kafka() {
    KafkaContainer container =
        new KafkaContainer(DockerImageName.parse(KAFKA_IMAGE))
            .withEnv("KAFKA_NUM_PARTITIONS", "6")
            .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
    container.start();
    return new Kafka(container);
  }

  static Postgres postgres() {
    PostgreSQLContainer<?> container =
        new PostgreSQLContainer<>(DockerImageName.parse(POSTGRES_IMAGE))
            .withDatabaseName(EmbeddedPostgres.DATABASE)
            .withUsername(EmbeddedPostgres.USER)
            .withPassword("tadamon")
            .withCommand("postgres", "-c", "max_connections=300", "-c", "fsync=off");
    container.start();
    return new Postgres(container);
  }

  record Kafka(KafkaContainer container) implements AutoCloseable {
    String bootstrapServers() {
      return container.getBootstrapServers();
    }

    @Override
    public void close() {
      container.stop();
    }
  }

  record Postgres(PostgreSQLContainer<?> container) implements AutoCloseable {
    PostgresEndpoint endpoint() {
      return new PostgresEndpoint(
          container.getHost(),
          container.getMappedPort(5432),
          container.getDatabaseName(),
          container.getUsername(),
          container.getPassword());
    }

    @Override
    public void close() {
      container.stop();
    }
  }
}
