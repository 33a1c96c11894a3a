package ma.tadamon.local;

import io.vertx.core.Deployable;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Function;
import ma.tadamon.catalog.CatalogService;
import ma.tadamon.catalog.demo.DemoCatalog;
import ma.tadamon.infra.FreePorts;
import ma.tadamon.infra.Infrastructure;
import ma.tadamon.infra.MailEndpoint;
import ma.tadamon.infra.PostgresEndpoint;
import ma.tadamon.local.identity.DemoAccounts;
import ma.tadamon.local.identity.LocalKeycloak;
import ma.tadamon.notification.NotificationService;
import ma.tadamon.order.OrderService;
import ma.tadamon.payment.PaymentService;
import ma.tadamon.platform.auth.DevelopmentKeys;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.config.Settings;
import ma.tadamon.platform.kafka.KafkaSettings;
import ma.tadamon.platform.kafka.TopicAdmin;
import ma.tadamon.platform.service.ServiceContext;
import ma.tadamon.platform.service.ServiceRuntime;
import ma.tadamon.platform.service.ServiceRuntime.RunningService;
import ma.tadamon.sandbox.SandboxGateway;
import ma.tadamon.sandbox.sms.SandboxSmsc;
import ma.tadamon.sandbox.sms.SmsSandbox;
import ma.tadamon.storefront.StorefrontEdge;

/**
 * The whole platform on one machine: real Kafka and PostgreSQL (from PG_* /
 * KAFKA_BOOTSTRAP_SERVERS, Testcontainers, or embedded servers, in that order), the platform's
 * topics, the four services with the demo catalog, and the storefront origin routing /api/* to
 * them.
 */
public final class LocalPlatform implements AutoCloseable {

  static final String SANDBOX_REPLY_NUMBER = "2424";
  public static final UUID DEMO_COOPERATIVE = DemoCatalog.cooperativeId("tifaouine-argan");
  private static final int TOPIC_PARTITIONS = 6;
  private static final String SANDBOX_MERCHANT = "tadamon-local";
  private static final String SANDBOX_API_USER = "tadamon-api";
  private static final String SANDBOX_SMSC_ACCOUNT = "tadamon";

  /**
   * How to start: where data lives (null: throwaway), the storefront port, and the environment to
   * read.
   */
  public record Options(
      Path dataDirectory, int port, Map<String, String> environment, SignIn signIn) {

    /** Most tests: development keys sign the tokens, no Keycloak to wait for. */
    public Options(Path dataDirectory, int port, Map<String, String> environment) {
      this(dataDirectory, port, environment, SignIn.DEVELOPMENT_KEYS);
    }
  }

  /**
   * Who issues the tokens the services accept: a real Keycloak with the Tadamon realm (what people
   * use: ./tadamon run), or a development key pair that tests sign their own tokens with.
   */
  public enum SignIn {
    KEYCLOAK,
    DEVELOPMENT_KEYS
  }

  private record ServiceSpec(
      String name, String schema, int defaultPort, Function<ServiceContext, Deployable> verticle) {}

  private static final List<ServiceSpec> SERVICES =
      List.of(
          new ServiceSpec(CatalogService.NAME, CatalogService.SCHEMA, 8081, CatalogService::new),
          new ServiceSpec(OrderService.NAME, OrderService.SCHEMA, 8082, OrderService::new),
          new ServiceSpec(PaymentService.NAME, PaymentService.SCHEMA, 8083, PaymentService::new),
          new ServiceSpec(
              NotificationService.NAME,
              NotificationService.SCHEMA,
              8084,
              NotificationService::new));

  private final Infrastructure infrastructure;
  private final List<RunningService> running;
  private final Map<String, Integer> servicePorts;
  private final Map<String, PostgresEndpoint> serviceDatabases;
  private final int port;
  private final DevelopmentKeys keys;
  private final LocalKeycloak keycloak;
  private final Duration startup;
  private final String smsInboundToken;

  private LocalPlatform(
      Infrastructure infrastructure,
      List<RunningService> running,
      Map<String, Integer> servicePorts,
      Map<String, PostgresEndpoint> serviceDatabases,
      int port,
      DevelopmentKeys keys,
      LocalKeycloak keycloak,
      Duration startup,
      String smsInboundToken) {
    this.infrastructure = infrastructure;
    this.running = running;
    this.servicePorts = servicePorts;
    this.serviceDatabases = serviceDatabases;
    this.port = port;
    this.keys = keys;
    this.keycloak = keycloak;
    this.startup = startup;
    this.smsInboundToken = smsInboundToken;
  }

  /**
   * Starts everything, blocking the calling thread (never an event loop) until the platform is up.
   */
  public static LocalPlatform start(Options options) {
    return start(options, sinceStart -> {});
  }

  /**
   * Starts everything like {@link #start(Options)}, and tells {@code storefrontAnswering} as soon
   * as the storefront answers: with Keycloak, some seconds before sign-in works.
   */
  public static LocalPlatform start(Options options, Consumer<Duration> storefrontAnswering) {
    Instant began = Instant.now();
    Infrastructure infrastructure =
        Infrastructure.resolve(options.environment(), options.dataDirectory());
    List<RunningService> running = new ArrayList<>();
    Map<String, PostgresEndpoint> databases = Map.of();
    LocalKeycloak keycloak = null;
    CompletableFuture<Void> signIn = CompletableFuture.completedFuture(null);
    // Everything from here that takes seconds starts side by side, as soon as what it needs is up.
    CompletableFuture<?> objectStorage =
        CompletableFuture.runAsync(
            infrastructure::objectStorage, task -> daemonThread("object-storage-start", task));
    CompletableFuture<?> mail =
        CompletableFuture.runAsync(infrastructure::mail, task -> daemonThread("mail-start", task));
    try {
      // Before anything else connects to the server: a move from the shared database needs it idle.
      databases = serviceDatabases(infrastructure, options.dataDirectory() != null);
      DevelopmentKeys keys = null;
      if (options.signIn() == SignIn.KEYCLOAK) {
        keycloak =
            new LocalKeycloak(
                options.dataDirectory(),
                infrastructure.postgres(),
                "http://localhost:" + options.port(),
                name -> secret(options.dataDirectory(), name),
                machineEnvironment(options.environment()));
        // Keycloak takes the longest to start: the services start meanwhile, and fetch its keys
        // as soon as it answers.
        signIn =
            CompletableFuture.runAsync(
                keycloak::start, task -> daemonThread("keycloak-start", task));
      } else {
        keys = developmentKeys(options.dataDirectory());
      }
      createTopics(infrastructure);
      // The card acquirer's test environment comes first: payment-service is configured with its
      // address.
      int gatewayPort = portOrFree(8090);
      String gatewaySecret = secret(options.dataDirectory(), "card-gateway-sandbox.secret");
      String gatewayApiPassword =
          secret(options.dataDirectory(), "card-gateway-sandbox-api.secret");
      running.add(
          ServiceRuntime.await(
              ServiceRuntime.start(
                  SandboxGateway.NAME,
                  Settings.of(options.environment()),
                  context ->
                      new SandboxGateway(
                          SANDBOX_MERCHANT,
                          gatewaySecret,
                          SANDBOX_API_USER,
                          gatewayApiPassword,
                          gatewayPort)),
              60));
      // …and the operator's SMSC: cooperatives' SMS are sent for real over SMPP, and answered on
      // its page.
      int smscPort = portOrFree(2775);
      int smsPagePort = portOrFree(8091);
      String smscPassword = secret(options.dataDirectory(), "sms-sandbox.secret").substring(0, 8);
      running.add(
          ServiceRuntime.await(
              ServiceRuntime.start(
                  SmsSandbox.NAME,
                  Settings.of(options.environment()),
                  context -> new SmsSandbox(smsc(smscPort, smscPassword), smsPagePort)),
              60));
      awaitStarted(objectStorage);
      awaitStarted(mail);
      Settings common =
          commonSettings(options, infrastructure)
              .with(
                  keycloak != null
                      ? keycloakSettings(keycloak)
                      : Map.of("JWT_PUBLIC_KEY", keys.publicKeyPem()))
              .with(
                  Map.of(
                      "SMPP_HOST",
                      "127.0.0.1",
                      "SMPP_PORT",
                      String.valueOf(smscPort),
                      "SMPP_SYSTEM_ID",
                      SANDBOX_SMSC_ACCOUNT,
                      "SMPP_PASSWORD",
                      smscPassword,
                      // The sandbox's short code for two-way SMS: new orders come from it, so a
                      // cooperative's phone can answer them.
                      "SMPP_REPLY_NUMBER",
                      SANDBOX_REPLY_NUMBER))
              .with(
                  Map.of(
                      "PAYMENT_CARD_GATEWAY_URL", "http://localhost:" + gatewayPort + "/pay",
                      "PAYMENT_CARD_API_URL",
                          "http://127.0.0.1:" + gatewayPort + SandboxGateway.MERCHANT_API,
                      "PAYMENT_CARD_API_USER", SANDBOX_API_USER,
                      "PAYMENT_CARD_API_PASSWORD", gatewayApiPassword,
                      "PAYMENT_CARD_MERCHANT_ID", SANDBOX_MERCHANT,
                      "PAYMENT_CARD_SECRET", gatewaySecret,
                      "PAYMENT_CALLBACK_BASE_URL", "http://localhost:" + options.port(),
                      "PAYMENT_SHOPPER_RETURN_URL", "http://localhost:" + options.port() + "/",
                      // Canonical links, previews, sitemaps and QR codes name the edge's origin.
                      "PUBLIC_BASE_URL", "http://localhost:" + options.port()));

      Map<String, Integer> ports = new HashMap<>();
      ports.put(SandboxGateway.NAME, gatewayPort);
      ports.put(SmsSandbox.NAME, smsPagePort);
      MailEndpoint mailServer = infrastructure.mail();
      if (mailServer.apiUrl() != null) {
        int mailPagePort = portOrFree(8092);
        running.add(
            ServiceRuntime.await(
                ServiceRuntime.start(
                    MailPage.NAME,
                    Settings.of(options.environment()),
                    context ->
                        new MailPage(
                            mailServer.apiUrl(),
                            new MailRetention(mailServer, MailPage.KEEP_PER_ADDRESS),
                            mailPagePort)),
                60));
        ports.put(MailPage.NAME, mailPagePort);
      }
      List<Future<RunningService>> starting = new ArrayList<>();
      for (ServiceSpec service : SERVICES) {
        int port = portOrFree(service.defaultPort());
        ports.put(service.name(), port);
        starting.add(
            ServiceRuntime.start(
                service.name(),
                common.with(
                    Map.of(
                        "HTTP_PORT",
                        String.valueOf(port),
                        "PG_DATABASE",
                        databases.get(service.name()).database())),
                service.verticle()));
      }
      // Started side by side; a failure is reported once all have settled, so each can be stopped.
      ServiceRuntime.await(Future.join(starting), 180);
      for (Future<RunningService> service : starting) {
        if (service.succeeded()) {
          running.add(service.result());
        }
      }
      for (Future<RunningService> service : starting) {
        if (service.failed()) {
          throw service.cause() instanceof RuntimeException e
              ? e
              : new IllegalStateException(service.cause());
        }
      }
      Map<String, String> identityRoute =
          keycloak == null
              ? Map.of()
              : Map.of("IDENTITY_PROVIDER_URL", keycloak.internalUrl().replace("/auth", ""));
      Settings edge =
          common
              .with(identityRoute)
              .with(
                  Map.of(
                      "HTTP_PORT", String.valueOf(options.port()),
                      "CATALOG_SERVICE_URL", "http://127.0.0.1:" + ports.get(CatalogService.NAME),
                      "ORDER_SERVICE_URL", "http://127.0.0.1:" + ports.get(OrderService.NAME),
                      "PAYMENT_SERVICE_URL", "http://127.0.0.1:" + ports.get(PaymentService.NAME),
                      "NOTIFICATION_SERVICE_URL",
                          "http://127.0.0.1:" + ports.get(NotificationService.NAME)));
      String localIndex =
          LocalIndex.page(
              "http://localhost:" + options.port(),
              ports,
              "http://localhost:" + gatewayPort + "/pay",
              "http://localhost:" + smsPagePort + "/",
              mailPageUrl(ports),
              keycloak);
      running.add(
          ServiceRuntime.await(
              ServiceRuntime.start(
                  StorefrontEdge.NAME,
                  edge,
                  context -> new StorefrontEdge(context.settings(), localIndex)),
              60));
      storefrontAnswering.accept(Duration.between(began, Instant.now()));
      awaitStarted(signIn);
      if (keycloak != null) {
        // Each service fetches the realm's keys on its own; the platform is up once all have them.
        for (ServiceSpec service : SERVICES) {
          awaitReady(service.name(), ports.get(service.name()));
        }
      }
      return new LocalPlatform(
          infrastructure,
          running,
          ports,
          databases,
          options.port(),
          keys,
          keycloak,
          Duration.between(began, Instant.now()),
          common.required("SMS_INBOUND_TOKEN"));
    } catch (RuntimeException e) {
      // A server still starting in the background is stopped once it has started, not left behind.
      settle(signIn);
      settle(objectStorage);
      settle(mail);
      new LocalPlatform(
              infrastructure,
              running,
              Map.of(),
              databases,
              options.port(),
              null,
              keycloak,
              Duration.ZERO,
              null)
          .close();
      throw e;
    }
  }

  /**
   * Each service's database, by service name, as in production; {@code moveShared} when the data
   * kept may be from the days the services shared the server's database.
   */
  private static Map<String, PostgresEndpoint> serviceDatabases(
      Infrastructure infrastructure, boolean moveShared) {
    Map<String, PostgresEndpoint> bySchema =
        ServiceDatabases.prepare(
            infrastructure.postgres(),
            SERVICES.stream().map(ServiceSpec::schema).toList(),
            moveShared);
    Map<String, PostgresEndpoint> byService = new LinkedHashMap<>();
    SERVICES.forEach(service -> byService.put(service.name(), bySchema.get(service.schema())));
    return Collections.unmodifiableMap(byService);
  }

  private static Map<String, String> keycloakSettings(LocalKeycloak keycloak) {
    Map<String, String> settings = new HashMap<>(keycloak.memberAdministrationSettings());
    settings.put("JWT_JWKS_URL", keycloak.jwksUrl());
    settings.put("JWT_ISSUER", keycloak.issuer());
    settings.put("JWT_AUDIENCE", LocalKeycloak.AUDIENCE);
    return settings;
  }

  /**
   * What Keycloak's launch reads of this machine (where a Java 21+ is, where its distribution is
   * cached): the process's own environment, under what the platform was given (tests give only
   * their servers' settings).
   */
  private static Map<String, String> machineEnvironment(Map<String, String> given) {
    Map<String, String> merged = new HashMap<>(System.getenv());
    merged.putAll(given);
    return merged;
  }

  private static void awaitStarted(CompletableFuture<?> starting) {
    try {
      starting.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause
          ? cause
          : new IllegalStateException(e.getCause());
    }
  }

  /** Waits for a background start to end, however it ends. */
  private static void settle(CompletableFuture<?> starting) {
    try {
      starting.join();
    } catch (CompletionException ignored) {
      // Its failure is not the one being reported.
    }
  }

  private static void awaitReady(String service, int port) {
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest ready =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
            .timeout(Duration.ofSeconds(5))
            .build();
    Instant deadline = Instant.now().plusSeconds(60);
    String last = "no answer";
    while (Instant.now().isBefore(deadline)) {
      try {
        HttpResponse<String> answer = http.send(ready, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200) {
          return;
        }
        last = answer.body();
      } catch (IOException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while " + service + " got ready", e);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while " + service + " got ready", e);
      }
    }
    throw new IllegalStateException(service + " did not get ready within 60 s: " + last);
  }

  private static Thread daemonThread(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  public String url() {
    return "http://localhost:" + port;
  }

  /** The card gateway sandbox's hosted page, where a tester approves or declines card payments. */
  public String cardGatewayUrl() {
    return "http://localhost:" + servicePorts.get(SandboxGateway.NAME) + "/pay";
  }

  /** The SMS sandbox's page: every SMS sent, and a form to answer as a cooperative's phone. */
  public String smsSandboxUrl() {
    return "http://localhost:" + servicePorts.get(SmsSandbox.NAME) + "/";
  }

  /**
   * The mail page: every e-mail sent, as the local mail server received it; absent with SMTP_HOST.
   */
  public Optional<String> mailPageUrl() {
    return Optional.ofNullable(mailPageUrl(servicePorts));
  }

  private static String mailPageUrl(Map<String, Integer> ports) {
    Integer port = ports.get(MailPage.NAME);
    return port == null ? null : "http://localhost:" + port + "/";
  }

  /** The token an SMS gateway sends with the replies it posts to /api/notifications/sms/inbound. */
  public String smsInboundToken() {
    return smsInboundToken;
  }

  public int servicePort(String service) {
    return servicePorts.get(service);
  }

  /** The database a service of the platform keeps its schema in, by the service's name. */
  public PostgresEndpoint serviceDatabase(String service) {
    PostgresEndpoint database = serviceDatabases.get(service);
    if (database == null) {
      throw new IllegalArgumentException("no service named " + service);
    }
    return database;
  }

  /** Every service's database, in the order the services start. */
  public Collection<PostgresEndpoint> serviceDatabases() {
    return serviceDatabases.values();
  }

  public Infrastructure infrastructure() {
    return infrastructure;
  }

  public Duration startupTime() {
    return startup;
  }

  /**
   * A token for a role, from whoever issues them: Keycloak's demo accounts (the cooperative one is
   * the manager of the demo's Tifaouine cooperative), or the development keys.
   */
  public String token(Role role) {
    return token(role, role == Role.COOPERATIVE ? DEMO_COOPERATIVE : null);
  }

  /** A token of a cooperative's member, for that cooperative. */
  public String cooperativeToken(UUID cooperative) {
    return token(Role.COOPERATIVE, cooperative);
  }

  /** The identity provider, when this platform runs one. */
  public Optional<LocalKeycloak> keycloak() {
    return Optional.ofNullable(keycloak);
  }

  private String token(Role role, UUID cooperative) {
    if (keycloak != null) {
      return keycloak.token(demoAccount(role, cooperative));
    }
    Vertx vertx = Vertx.vertx();
    try {
      String subject =
          "local-"
              + role.claim()
              + (cooperative == null || cooperative.equals(DEMO_COOPERATIVE)
                  ? ""
                  : "-" + cooperative);
      return keys.token(vertx, subject, role, cooperative, 12 * 60);
    } finally {
      vertx.close();
    }
  }

  private static String demoAccount(Role role, UUID cooperative) {
    return switch (role) {
      case OPERATOR -> DemoAccounts.OPERATOR;
      case SHOPPER -> DemoAccounts.SHOPPER;
      case COOPERATIVE, COOPERATIVE_MANAGER ->
          DemoCatalog.contacts().stream()
              .filter(coop -> coop.id().equals(cooperative))
              .map(coop -> DemoAccounts.manager(coop.slug()))
              .findFirst()
              .orElseThrow(
                  () -> new IllegalArgumentException("no demo cooperative " + cooperative));
    };
  }

  /**
   * Stops the services (consumers leave their groups, outboxes drain, HTTP closes), then Kafka and
   * PostgreSQL.
   */
  @Override
  public void close() {
    List<RunningService> reversed = new ArrayList<>(running);
    Collections.reverse(reversed);
    for (RunningService service : reversed) {
      try {
        ServiceRuntime.await(service.close(), 30);
      } catch (RuntimeException e) {
        System.err.println(service.name() + " did not stop cleanly: " + e.getMessage());
      }
    }
    if (keycloak != null) {
      keycloak.close();
    }
    infrastructure.close();
  }

  private static void createTopics(Infrastructure infrastructure) {
    Vertx vertx = Vertx.vertx();
    try {
      ServiceRuntime.await(
          TopicAdmin.ensurePlatformTopics(
              vertx,
              new KafkaSettings(infrastructure.kafkaBootstrapServers(), "local-platform"),
              TOPIC_PARTITIONS),
          60);
    } finally {
      vertx.close();
    }
  }

  private static Settings commonSettings(Options options, Infrastructure infrastructure) {
    Map<String, String> values = new HashMap<>(options.environment());
    // Who issues tokens is this platform's choice (Options.signIn), never an inherited variable's.
    values.keySet().removeIf(name -> name.startsWith("JWT_"));
    values.put("KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafkaBootstrapServers());
    values.putAll(infrastructure.postgres().settings());
    values.putAll(infrastructure.objectStorage().settings());
    // The mail server the environment names, else the local catcher (its page shows what was sent).
    infrastructure.mail().settings().forEach(values::putIfAbsent);
    values.putIfAbsent(
        "ORDER_ACCESS_TOKEN_SECRET", secret(options.dataDirectory(), "order-access-token.secret"));
    values.putIfAbsent("SMS_INBOUND_TOKEN", secret(options.dataDirectory(), "sms-inbound.token"));
    values.putIfAbsent(
        "NOTIFICATION_PHONE_CODE_SECRET", secret(options.dataDirectory(), "phone-code.secret"));
    values.putIfAbsent(
        "PROOF_OF_WORK_SECRET", secret(options.dataDirectory(), "proof-of-work.secret"));
    values.put("CATALOG_DEMO_DATA", "true");
    // Browsers reach the services through the storefront edge, which says who they are.
    values.put("HTTP_TRUSTED_PROXIES", "1");
    return Settings.of(values);
  }

  /**
   * The key pair of this local platform, kept with its data so tokens stay valid across restarts.
   */
  private static DevelopmentKeys developmentKeys(Path dataDirectory) {
    if (dataDirectory == null) {
      return DevelopmentKeys.generate();
    }
    Path privateKey = dataDirectory.resolve("dev-keys/private.pem");
    Path publicKey = dataDirectory.resolve("dev-keys/public.pem");
    try {
      if (!Files.exists(privateKey) || !Files.exists(publicKey)) {
        DevelopmentKeys generated = DevelopmentKeys.generate();
        Files.createDirectories(privateKey.getParent());
        Files.writeString(privateKey, generated.privateKeyPem());
        Files.writeString(publicKey, generated.publicKeyPem());
        return generated;
      }
      return DevelopmentKeys.of(Files.readString(privateKey), Files.readString(publicKey));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "could not keep development keys in " + privateKey.getParent(), e);
    }
  }

  private static String secret(Path dataDirectory, String name) {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    String fresh = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    if (dataDirectory == null) {
      return fresh;
    }
    Path file = dataDirectory.resolve(name);
    try {
      if (!Files.exists(file)) {
        Files.createDirectories(dataDirectory);
        Files.writeString(file, fresh, StandardCharsets.UTF_8);
      }
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new UncheckedIOException("could not keep " + file, e);
    }
  }

  private static SandboxSmsc smsc(int port, String password) {
    try {
      return new SandboxSmsc(port, SANDBOX_SMSC_ACCOUNT, password, true);
    } catch (IOException e) {
      throw new UncheckedIOException("the SMS sandbox cannot listen on port " + port, e);
    }
  }

  /** The usual port when it is free, so the addresses stay familiar; any free port otherwise. */
  private static int portOrFree(int preferred) {
    try (ServerSocket probe = new ServerSocket(preferred, 1, InetAddress.getLoopbackAddress())) {
      return probe.getLocalPort();
    } catch (IOException taken) {
      return FreePorts.next();
    }
  }
}
