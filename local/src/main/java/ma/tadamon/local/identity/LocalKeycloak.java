package ma.tadamon.local.identity;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import ma.tadamon.infra.EmbeddedKeycloak;
import ma.tadamon.infra.FreePorts;
import ma.tadamon.infra.Infrastructure;
import ma.tadamon.infra.InfrastructureException;
import ma.tadamon.infra.PostgresEndpoint;

/**
 * The local platform's identity provider: a real Keycloak (embedded-infra) on the platform's
 * PostgreSQL, in a database of its own, with the versioned {@code tadamon} realm of {@code
 * deploy/base/keycloak} (clients, roles, mappers, the Tadamon login theme in three languages) plus
 * what only a local platform has: its demo accounts, and a {@code tadamon-cli} client that hands
 * those accounts 12-hour tokens for curl. Browsers reach it through the storefront's origin under
 * {@code /auth}; services fetch its keys on loopback.
 *
 * <p>The realm is imported once and kept with the platform's data; when the realm file, the origin
 * or the demo accounts change, it is imported afresh (local data only: deployments import it with
 * the Keycloak Operator).
 */
public final class LocalKeycloak implements AutoCloseable {

  public static final String REALM = "tadamon";
  public static final String AUDIENCE = "tadamon-api";
  static final String WEB_CLIENT = "tadamon-web";
  static final String CLI_CLIENT = "tadamon-cli";
  private static final String RESOURCES = "/ma/tadamon/local/keycloak/";
  private static final String DIGEST_ATTRIBUTE = "tadamonRealmDigest";
  private static final String ADMIN = "tadamon-admin";
  private static final int CLI_TOKEN_SECONDS = 12 * 3600;

  private final Path directory;
  private final boolean throwaway;
  private final PostgresEndpoint postgres;
  private final String database;
  private final String origin;
  private final int port;
  private final String adminPassword;
  private final String accountsClientSecret;
  private final DemoAccounts accounts;
  private final Map<String, String> environment;
  private final HttpClient http = HttpClient.newHttpClient();
  private final Map<String, String> tokens = new ConcurrentHashMap<>();
  private volatile EmbeddedKeycloak server;

  /**
   * Plans the server (its port and addresses are known at once, so services can be configured while
   * it starts); {@link #start()} starts it. With no data directory it is throwaway: a temporary
   * directory and a database of its own, both removed by {@link #close()}.
   */
  public LocalKeycloak(
      Path dataDirectory,
      PostgresEndpoint postgres,
      String origin,
      Secrets secrets,
      Map<String, String> environment) {
    try {
      this.throwaway = dataDirectory == null;
      this.directory =
          throwaway
              ? Files.createTempDirectory("tadamon-keycloak-")
              : dataDirectory.resolve("keycloak");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.postgres = postgres;
    this.database =
        throwaway ? "keycloak_" + UUID.randomUUID().toString().substring(0, 8) : "keycloak";
    this.origin = origin;
    this.port = FreePorts.next();
    this.adminPassword = secrets.get("keycloak-admin.secret");
    this.accountsClientSecret = secrets.get("keycloak-accounts-client.secret");
    this.accounts =
        new DemoAccounts(
            secrets.get("demo-password.secret").substring(0, 12),
            secrets.get("demo-operator-totp.secret").substring(0, 20));
    this.environment = environment;
  }

  /** Supplies the platform's secrets, generated once and kept with its data. */
  public interface Secrets {
    String get(String name);
  }

  /** Tokens are issued by this address: the realm as browsers see it. */
  public String issuer() {
    return origin + "/auth/realms/" + REALM;
  }

  /** Where services fetch the realm's signing keys, on loopback. */
  public String jwksUrl() {
    return internalUrl() + "/realms/" + REALM + "/protocol/openid-connect/certs";
  }

  /** Keycloak on loopback, with its {@code /auth} path (the storefront routes /auth here). */
  public String internalUrl() {
    return "http://127.0.0.1:" + port + "/auth";
  }

  /** What catalog-service manages members with: the realm's {@code tadamon-accounts} client. */
  public Map<String, String> memberAdministrationSettings() {
    return Map.of(
        "KEYCLOAK_URL", internalUrl(),
        "KEYCLOAK_REALM", REALM,
        "KEYCLOAK_ACCOUNTS_CLIENT_SECRET", accountsClientSecret);
  }

  public DemoAccounts accounts() {
    return accounts;
  }

  /** Starts Keycloak and imports the realm if it is new or changed; blocks until both are done. */
  public void start() {
    createDatabase();
    Path themes = directory.resolve("themes");
    copyResources(RESOURCES + "themes", themes);
    server =
        EmbeddedKeycloak.start(
            new EmbeddedKeycloak.Options(
                directory,
                port,
                "jdbc:postgresql://" + postgres.host() + ":" + postgres.port() + "/" + database,
                postgres.user(),
                postgres.password(),
                origin + "/auth",
                themes,
                ADMIN,
                adminPassword,
                environment));
    importRealm();
  }

  /** The process running Keycloak, for a test that must find it. */
  public long pid() {
    return server.pid();
  }

  /**
   * An access token for a demo account, as curl users get one: a password grant on the local-only
   * CLI client, with the operator's one-time code. Kept for its 12 hours: a one-time code is
   * refused the second time within its 30 seconds.
   */
  public String token(String username) {
    return tokens.computeIfAbsent(username, this::passwordGrant);
  }

  private String passwordGrant(String username) {
    String code =
        DemoAccounts.OPERATOR.equals(username)
            ? Totp.code(accounts.operatorTotpSecret(), Instant.now())
            : null;
    return passwordGrant(REALM, CLI_CLIENT, username, accounts.password(), code);
  }

  /**
   * An access token by the password grant, of a client that allows it (never a browser's), with a
   * one-time code when the account has a second factor (else null).
   */
  public String passwordGrant(
      String realm, String clientId, String username, String password, String oneTimeCode) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "password");
    form.put("client_id", clientId);
    form.put("username", username);
    form.put("password", password);
    if (oneTimeCode != null) {
      form.put("totp", oneTimeCode);
    }
    return send(
            HttpRequest.newBuilder(
                    URI.create(
                        internalUrl() + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody(form))),
            200)
        .getString("access_token");
  }

  private void importRealm() {
    JsonObject realm = realm();
    String digest = digest(realm.encode());
    realm.put("attributes", new JsonObject().put(DIGEST_ATTRIBUTE, digest));
    String admin = adminToken();
    HttpResponse<String> existing =
        call(
            HttpRequest.newBuilder(URI.create(internalUrl() + "/admin/realms/" + REALM))
                .header("Authorization", "Bearer " + admin)
                .GET());
    if (existing.statusCode() == 200) {
      String imported =
          new JsonObject(existing.body())
              .getJsonObject("attributes", new JsonObject())
              .getString(DIGEST_ATTRIBUTE);
      if (digest.equals(imported)) {
        return;
      }
      call(
          HttpRequest.newBuilder(URI.create(internalUrl() + "/admin/realms/" + REALM))
              .header("Authorization", "Bearer " + admin)
              .DELETE());
    }
    send(
        HttpRequest.newBuilder(URI.create(internalUrl() + "/admin/realms"))
            .header("Authorization", "Bearer " + admin)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(realm.encode())),
        201);
  }

  /** The versioned realm for this origin, with the local platform's client and demo accounts. */
  JsonObject realm() {
    String template = resource(RESOURCES + "tadamon-realm.json");
    JsonObject realm =
        new JsonObject(
            template
                .replace("${TADAMON_WEB_ORIGIN}", origin)
                .replace("${TADAMON_ACCOUNTS_CLIENT_SECRET}", accountsClientSecret));
    JsonArray clients = realm.getJsonArray("clients");
    JsonObject web =
        clients.stream()
            .map(JsonObject.class::cast)
            .filter(client -> WEB_CLIENT.equals(client.getString("clientId")))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("the realm has no " + WEB_CLIENT));
    clients.add(
        new JsonObject()
            .put("clientId", CLI_CLIENT)
            .put("name", "Tadamon local command line")
            .put(
                "description",
                "Local platform only: 12-hour tokens for the demo accounts, for curl")
            .put("publicClient", true)
            .put("standardFlowEnabled", false)
            .put("directAccessGrantsEnabled", true)
            .put("protocolMappers", web.getJsonArray("protocolMappers").copy())
            .put("defaultClientScopes", web.getJsonArray("defaultClientScopes").copy())
            .put(
                "attributes",
                new JsonObject().put("access.token.lifespan", String.valueOf(CLI_TOKEN_SECONDS))));
    JsonArray users = realm.getJsonArray("users", new JsonArray()).copy();
    accounts.users().forEach(users::add);
    realm.put("users", users);
    return realm;
  }

  /** A token of Keycloak's administrator, for what the admin REST API does (tests, tools). */
  public String adminToken() {
    return passwordGrant("master", "admin-cli", ADMIN, adminPassword, null);
  }

  private JsonObject send(HttpRequest.Builder request, int expected) {
    HttpResponse<String> response = call(request);
    if (response.statusCode() != expected) {
      throw new InfrastructureException(
          "Keycloak answered "
              + response.statusCode()
              + " to "
              + response.request().method()
              + " "
              + response.request().uri().getPath()
              + ": "
              + response.body());
    }
    return response.body().isBlank() ? new JsonObject() : new JsonObject(response.body());
  }

  private HttpResponse<String> call(HttpRequest.Builder request) {
    try {
      return http.send(
          request.timeout(Duration.ofSeconds(60)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new InfrastructureException("Keycloak could not be reached: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InfrastructureException("interrupted while talking to Keycloak", e);
    }
  }

  private static String formBody(Map<String, String> form) {
    return form.entrySet().stream()
        .map(
            field ->
                URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private void createDatabase() {
    try {
      postgres.createDatabaseIfMissing(database);
    } catch (SQLException e) {
      throw new InfrastructureException(
          "could not create Keycloak's database on " + postgres + ": " + e.getMessage(), e);
    }
  }

  /** Copies a directory of the classpath (in a jar or not) to a directory of the disk. */
  private static void copyResources(String root, Path target) {
    URL url = LocalKeycloak.class.getResource(root);
    if (url == null) {
      throw new IllegalStateException(root + " is missing from the classpath");
    }
    try {
      URI uri = url.toURI();
      if ("jar".equals(uri.getScheme())) {
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
          copyTree(jar.getPath(root), target);
        }
      } else {
        copyTree(Path.of(uri), target);
      }
    } catch (IOException | URISyntaxException e) {
      throw new IllegalStateException("could not copy " + root + " to " + target, e);
    }
  }

  private static void copyTree(Path source, Path target) throws IOException {
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Path copy = target.resolve(source.relativize(file).toString());
        Files.createDirectories(copy.getParent());
        Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private static String resource(String name) {
    try (InputStream in = LocalKeycloak.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String digest(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Stops Keycloak; a throwaway one also loses its database and directory. */
  @Override
  public void close() {
    if (server != null) {
      server.close();
    }
    if (!throwaway) {
      return;
    }
    try (Connection connection = postgres.connect();
        Statement statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    } catch (SQLException e) {
      System.err.println("could not drop " + database + ": " + e.getMessage());
    }
    try {
      Infrastructure.deleteRecursively(directory);
    } catch (IOException e) {
      System.err.println("could not delete " + directory + ": " + e.getMessage());
    }
  }

  /** Keycloak's administrator (master realm), whose password is kept with the data. */
  public String adminUser() {
    return ADMIN;
  }
}
