package ma.tadamon.catalog.browse;

import static ma.tadamon.platform.service.ServiceRuntime.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import ma.tadamon.platform.db.Database;
import ma.tadamon.platform.db.PostgresSettings;
import ma.tadamon.platform.testing.TestPlatform;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * What the catalog's tables announce to the replicas' browse indexes (BrowseIndexRefresher): a move
 * of stock alone carries its new counters, any other change of a product names it to be read again,
 * even one that moves its stock too.
 */
class ProductNotificationsTest {

  private static Vertx vertx;
  private static PostgresSettings pg;
  private static Connection listener;
  private static Connection writer;
  private static UUID product;

  @BeforeAll
  static void start() throws SQLException {
    vertx = Vertx.vertx();
    pg = PostgresSettings.from(TestPlatform.settingsWithOwnDatabase("catalog_notifications"));
    await(Database.migrate(vertx, pg, "catalog"), 120);
    listener = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
    try (Statement listen = listener.createStatement()) {
      listen.execute("LISTEN " + BrowseIndexRefresher.STOCK_CHANNEL);
      listen.execute("LISTEN " + BrowseIndexRefresher.PRODUCT_CHANNEL);
    }
    writer = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
    try (Statement asTheService = writer.createStatement()) {
      asTheService.execute("SET search_path = catalog");
    }
    product = aProduct();
    assertThat(heard()).as("the new product announced").isNotEmpty();
  }

  @AfterAll
  static void stop() throws SQLException {
    listener.close();
    writer.close();
    await(vertx.close(), 10);
  }

  @Test
  void a_move_of_stock_alone_carries_the_new_counters() throws SQLException {
    update("stock_on_hand = stock_on_hand + 5, stock_reserved = stock_reserved + 2");

    List<String> heard = heard();
    assertThat(heard).singleElement().asString().startsWith(BrowseIndexRefresher.STOCK_CHANNEL);
    String[] counters = heard.get(0).split(": ")[1].split(" ");
    assertThat(counters[0]).isEqualTo(product.toString());
    assertThat(counters[1]).isEqualTo(String.valueOf(stockOnHand()));
    assertThat(counters[2]).isEqualTo(String.valueOf(stockReserved()));
  }

  @Test
  void an_edit_that_also_sets_the_stock_names_the_product_to_read_again() throws SQLException {
    update("name = '{\"ar\": \"زيت\", \"fr\": \"Huile\", \"en\": \"Oil\"}', stock_on_hand = 40");

    assertThat(heard()).containsExactly(BrowseIndexRefresher.PRODUCT_CHANNEL + ": " + product);
  }

  @Test
  void any_other_change_names_the_product_to_read_again() throws SQLException {
    update("price_centimes = price_centimes + 100");
    assertThat(heard()).containsExactly(BrowseIndexRefresher.PRODUCT_CHANNEL + ": " + product);

    update("photos = '[{\"key\": \"p/1\"}]'");
    assertThat(heard()).containsExactly(BrowseIndexRefresher.PRODUCT_CHANNEL + ": " + product);
  }

  private static void update(String assignments) throws SQLException {
    try (PreparedStatement update =
        writer.prepareStatement(
            "UPDATE products SET " + assignments + ", updated_at = now() WHERE id = ?")) {
      update.setObject(1, product);
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
  }

  /**
   * What the listener was told since last asked, as "channel: payload". A transaction's
   * notifications arrive together, at its commit: the first that comes (within a few seconds on a
   * busy machine) comes with the others.
   */
  private static List<String> heard() throws SQLException {
    List<String> heard = new ArrayList<>();
    PGNotification[] received = listener.unwrap(PGConnection.class).getNotifications(5_000);
    if (received != null) {
      for (PGNotification notification : received) {
        heard.add(notification.getName() + ": " + notification.getParameter());
      }
    }
    return heard;
  }

  private static int stockOnHand() throws SQLException {
    return column("stock_on_hand");
  }

  private static int stockReserved() throws SQLException {
    return column("stock_reserved");
  }

  private static int column(String name) throws SQLException {
    try (PreparedStatement select =
        writer.prepareStatement("SELECT " + name + " FROM products WHERE id = ?")) {
      select.setObject(1, product);
      try (var rows = select.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }

  private static UUID aProduct() throws SQLException {
    UUID cooperative = UUID.randomUUID();
    UUID id = UUID.randomUUID();
    try (PreparedStatement coop =
            writer.prepareStatement(
                """
                INSERT INTO cooperatives (id, slug, name, story, region, city, phone,
                  registration_number, founded_year, members, women_led, preferred_language,
                  notification_channels)
                VALUES (?, 'tifawin', '{"fr": "Tifawin"}', '{"fr": "Argan"}', 'Souss-Massa',
                  '{"fr": "Agadir"}', '+212661000000', 'REG-1', 2010, 30, true, 'fr', '{SMS}')
                """);
        PreparedStatement item =
            writer.prepareStatement(
                """
                INSERT INTO products (id, cooperative_id, name, description, category,
                  price_centimes, unit, stock_on_hand)
                VALUES (?, ?, '{"fr": "Huile d''argan"}', '{"fr": "Pressée à froid"}', 'oils',
                  12000, '250 ml', 20)
                """)) {
      coop.setObject(1, cooperative);
      coop.executeUpdate();
      item.setObject(1, id);
      item.setObject(2, cooperative);
      item.executeUpdate();
    }
    return id;
  }
}
