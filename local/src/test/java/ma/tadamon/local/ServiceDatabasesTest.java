package ma.tadamon.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import ma.tadamon.infra.PostgresEndpoint;
import ma.tadamon.platform.testing.TestPlatform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The local platform's databases, one per service, on a server of the test's own naming: created
 * when missing, and a shared database's schemas moved to them once.
 */
class ServiceDatabasesTest {

  private static final List<String> SCHEMAS = List.of("catalog", "orders", "payments");

  private final PostgresEndpoint server =
      TestPlatform.infrastructure()
          .postgres()
          .withDatabase("split_" + UUID.randomUUID().toString().substring(0, 8));
  private final List<String> created = new ArrayList<>();

  @AfterEach
  void dropDatabases() throws SQLException {
    try (Connection connection = TestPlatform.infrastructure().postgres().connect()) {
      for (String database : created) {
        execute(connection, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      }
    }
  }

  @Test
  void each_service_gets_a_database_of_its_own_named_after_the_servers() throws SQLException {
    createServerDatabase();

    Map<String, PostgresEndpoint> databases = ServiceDatabases.prepare(server, SCHEMAS, false);

    assertThat(databases.get("orders").database()).isEqualTo(server.database() + "_orders");
    assertThat(databases.get("orders").port()).isEqualTo(server.port());
    for (PostgresEndpoint database : databases.values()) {
      assertThat(count(database, "SELECT count(*) FROM pg_namespace WHERE nspname = 'public'"))
          .isOne();
    }
    // A second start finds them.
    assertThat(ServiceDatabases.prepare(server, SCHEMAS, false)).isEqualTo(databases);
  }

  @Test
  void schemas_a_shared_database_holds_move_to_their_services_databases() throws SQLException {
    createServerDatabase();
    try (Connection shared = server.connect()) {
      execute(shared, "CREATE SCHEMA orders");
      execute(shared, "CREATE TABLE orders.orders (id int PRIMARY KEY)");
      execute(shared, "INSERT INTO orders.orders VALUES (1)");
      execute(shared, "CREATE SCHEMA catalog");
      execute(shared, "CREATE TABLE catalog.products (id int PRIMARY KEY)");
      execute(shared, "INSERT INTO catalog.products VALUES (1), (2)");
    }
    // A move that stopped half-way left its unfinished copy.
    try (Connection connection = server.connect()) {
      execute(connection, "CREATE DATABASE " + server.database() + "_orders_moving");
    }

    Map<String, PostgresEndpoint> databases = ServiceDatabases.prepare(server, SCHEMAS, true);

    assertThat(count(databases.get("orders"), "SELECT count(*) FROM orders.orders")).isOne();
    assertThat(count(databases.get("catalog"), "SELECT count(*) FROM catalog.products"))
        .isEqualTo(2);
    assertThat(schemas(databases.get("orders"))).doesNotContain("catalog");
    assertThat(schemas(databases.get("catalog"))).doesNotContain("orders");
    assertThat(schemas(databases.get("payments"))).doesNotContain("orders", "catalog", "payments");
    assertThat(schemas(server)).doesNotContain("orders", "catalog");
    assertThat(
            count(
                server,
                "SELECT count(*) FROM pg_database WHERE datname LIKE '"
                    + server.database()
                    + "%moving'"))
        .isZero();

    // Moved once: what the services write afterwards stays where it is.
    try (Connection orders = databases.get("orders").connect()) {
      execute(orders, "INSERT INTO orders.orders VALUES (2)");
    }
    ServiceDatabases.prepare(server, SCHEMAS, true);
    assertThat(count(databases.get("orders"), "SELECT count(*) FROM orders.orders")).isEqualTo(2);
  }

  @Test
  void without_a_data_directory_nothing_is_moved() throws SQLException {
    createServerDatabase();
    try (Connection shared = server.connect()) {
      execute(shared, "CREATE SCHEMA orders");
    }

    Map<String, PostgresEndpoint> databases = ServiceDatabases.prepare(server, SCHEMAS, false);

    assertThat(schemas(server)).contains("orders");
    assertThat(schemas(databases.get("orders"))).doesNotContain("orders");
  }

  private void createServerDatabase() throws SQLException {
    try (Connection connection = TestPlatform.infrastructure().postgres().connect()) {
      execute(connection, "CREATE DATABASE " + server.database());
    }
    created.add(server.database());
    for (String schema : SCHEMAS) {
      created.add(server.database() + "_" + schema);
    }
    created.add(server.database() + "_orders_moving");
  }

  private static List<String> schemas(PostgresEndpoint database) throws SQLException {
    List<String> names = new ArrayList<>();
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        var rows = statement.executeQuery("SELECT nspname FROM pg_namespace")) {
      while (rows.next()) {
        names.add(rows.getString(1));
      }
    }
    return names;
  }

  private static long count(PostgresEndpoint database, String sql) throws SQLException {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        var rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
