package ma.tadamon.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import ma.tadamon.catalog.CatalogService;
import ma.tadamon.infra.DataDirectoryLock;
import ma.tadamon.infra.Infrastructure;
import ma.tadamon.infra.InfrastructureException;
import ma.tadamon.infra.PostgresEndpoint;
import ma.tadamon.local.identity.DemoAccounts;
import ma.tadamon.local.identity.LocalKeycloak;
import ma.tadamon.local.identity.Totp;
import ma.tadamon.notification.NotificationService;
import ma.tadamon.order.OrderService;
import ma.tadamon.payment.PaymentService;
import ma.tadamon.platform.auth.Role;
import ma.tadamon.platform.service.ServiceRuntime;

/**
 * {@code ./tadamon run}: starts the local platform, prints where to look, and runs until Ctrl-C.
 * Data lives in {@code TADAMON_DATA_DIR} (default {@code .tadamon/}); {@code --reset} starts
 * afresh.
 */
public final class LocalMain {

  private static final String USAGE =
      """
      usage: ./tadamon run [--reset] [--port N] [--demo [--minutes N]]
        --reset      delete the platform's data (Kafka topics, databases, keys) before starting
        --port N     the storefront's port (default 8080, or TADAMON_PORT)
        --demo       simulated shoppers and cooperatives use the platform (./tadamon demo)
        --minutes N  how long the demo runs (default 20); the platform runs on afterwards
      environment: TADAMON_DATA_DIR (default .tadamon), PG_HOST/PG_PORT/PG_DATABASE/PG_USER/PG_PASSWORD,
        KAFKA_BOOTSTRAP_SERVERS, TADAMON_INFRA=embedded (skip the Docker probe)
      """;

  private LocalMain() {}

  public static void main(String[] args) throws InterruptedException {
    boolean reset = false;
    boolean demo = false;
    int demoMinutes = 20;
    int port = Integer.parseInt(System.getenv().getOrDefault("TADAMON_PORT", "8080"));
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--reset" -> reset = true;
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--demo" -> demo = true;
        case "--minutes" -> demoMinutes = Integer.parseInt(args[++i]);
        default -> {
          System.err.print(USAGE);
          System.exit(2);
        }
      }
    }
    Path data =
        Path.of(System.getenv().getOrDefault("TADAMON_DATA_DIR", ".tadamon")).toAbsolutePath();
    if (reset) {
      try {
        // Only checked: another platform's data is never deleted from under it.
        DataDirectoryLock.acquire(data).close();
      } catch (InfrastructureException e) {
        System.err.println("Tadamon did not reset: " + e.getMessage());
        System.exit(1);
      }
      deleteRecursively(data);
      System.out.println("Reset: deleted " + data);
    }
    System.out.println("Starting Tadamon (data in " + data + ") ...");
    int storefrontPort = port;
    AtomicReference<LocalPlatform> started = new AtomicReference<>();
    AtomicReference<DemoTraffic> demoTraffic = new AtomicReference<>();
    CountDownLatch stopped = new CountDownLatch(1);
    // Registered before anything starts: a Ctrl-C while the platform starts stops what has started.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  DemoTraffic traffic = demoTraffic.get();
                  if (traffic != null) {
                    traffic.close();
                    System.out.println("Demo stopped: " + traffic.counts());
                  }
                  LocalPlatform platform = started.get();
                  if (platform == null) {
                    List<String> killed = Infrastructure.stopEveryServerAtOnce();
                    System.out.println(
                        "Stopped while starting"
                            + (killed.isEmpty() ? "" : " (stopped at once: " + killed + ")")
                            + ". Data kept in "
                            + data);
                  } else {
                    platform.close();
                    SecondInterrupt.letAStopAtOnceEndIt();
                    System.out.println("Stopped. Data kept in " + data);
                  }
                  stopped.countDown();
                },
                "tadamon-shutdown"));
    SecondInterrupt.stopAtOnce();

    LocalPlatform platform;
    try {
      platform =
          LocalPlatform.start(
              new LocalPlatform.Options(data, port, System.getenv(), LocalPlatform.SignIn.KEYCLOAK),
              sinceStart ->
                  System.out.println(
                      "The storefront answers on http://localhost:"
                          + storefrontPort
                          + " ("
                          + seconds(sinceStart)
                          + sinceTheCommand()
                          + "); sign-in (Keycloak) is still starting ..."));
    } catch (InfrastructureException e) {
      System.err.println("Tadamon could not start its infrastructure: " + e.getMessage());
      System.exit(1);
      return;
    } catch (RuntimeException e) {
      System.err.println("Tadamon could not start: " + ServiceRuntime.explain(e));
      System.exit(1);
      return;
    }
    started.set(platform);
    printBanner(platform, data);
    if (demo) {
      runDemo(platform, Duration.ofMinutes(demoMinutes), demoTraffic);
    }
    stopped.await();
  }

  /**
   * Starts the simulated people, says where to watch them, and says what they did when they are
   * done; the platform runs on.
   */
  private static void runDemo(
      LocalPlatform platform, Duration runFor, AtomicReference<DemoTraffic> running) {
    DemoTraffic traffic =
        new DemoTraffic(
            new DemoTraffic.Addresses(platform.url(), platform.smsSandboxUrl()),
            () -> platform.token(Role.OPERATOR),
            DemoTraffic.Pace.gentle(runFor),
            System.nanoTime());
    running.set(traffic);
    traffic.start();
    System.out.println(
        "Demo: simulated shoppers buy every few seconds and the demo cooperatives answer by SMS,"
            + " for "
            + runFor.toMinutes()
            + " minutes. Watch the SMS sandbox ("
            + platform.smsSandboxUrl()
            + "), the operator console and a cooperative's portal ("
            + platform.url()
            + "/local).");
    Thread reporter =
        new Thread(
            () -> {
              try {
                traffic.awaitEnd();
                System.out.println(
                    "Demo finished: "
                        + traffic.counts()
                        + ". The platform runs on; Ctrl-C to stop.");
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "demo-report");
    reporter.setDaemon(true);
    reporter.start();
  }

  private static void printBanner(LocalPlatform platform, Path data) {
    LocalKeycloak keycloak = platform.keycloak().orElseThrow();
    DemoAccounts accounts = keycloak.accounts();
    String operator = platform.token(Role.OPERATOR);
    String cooperative = platform.token(Role.COOPERATIVE);
    String shopper = platform.token(Role.SHOPPER);
    String tokens =
        String.join(
            "\n",
            "OPERATOR_TOKEN=" + operator,
            "COOPERATIVE_TOKEN=" + cooperative,
            "SHOPPER_TOKEN=" + shopper,
            "");
    try {
      Files.writeString(data.resolve("dev-tokens.env"), tokens);
    } catch (IOException e) {
      System.err.println(
          "(could not write " + data.resolve("dev-tokens.env") + ": " + e.getMessage() + ")");
    }
    List<String> lines =
        List.of(
            "",
            "Tadamon is running (started in "
                + seconds(platform.startupTime())
                + sinceTheCommand()
                + ").",
            "",
            "  Open            "
                + platform.url()
                + "   (every page and tool: "
                + platform.url()
                + "/local)",
            "  Catalog API     " + platform.url() + "/api/catalog/products?lang=ar",
            "  Services        catalog :"
                + platform.servicePort(CatalogService.NAME)
                + "  orders :"
                + platform.servicePort(OrderService.NAME)
                + "  payments :"
                + platform.servicePort(PaymentService.NAME)
                + "  notifications :"
                + platform.servicePort(NotificationService.NAME)
                + "   (each has /health/ready and /metrics)",
            "  Card sandbox    "
                + platform.cardGatewayUrl()
                + "   (the acquirer's test page: approve or decline)",
            "  SMS sandbox     "
                + platform.smsSandboxUrl()
                + "   (every SMS sent over SMPP; answer as a cooperative)",
            "  Keycloak        "
                + platform.url()
                + "/auth/admin/   (user "
                + keycloak.adminUser()
                + ", password in "
                + data.resolve("keycloak-admin.secret")
                + ")",
            platform
                .mailPageUrl()
                .map(
                    page ->
                        "  Mail            "
                            + page
                            + "   (every e-mail sent, as GreenMail took it)")
                .orElse("  Mail            " + platform.infrastructure().mail()),
            "  Kafka           " + platform.infrastructure().kafkaBootstrapServers(),
            "  PostgreSQL      "
                + platform.infrastructure().postgres()
                + "   (a database for each service: "
                + platform.serviceDatabases().stream()
                    .map(PostgresEndpoint::database)
                    .collect(Collectors.joining(", "))
                + ")",
            "  Object storage  "
                + platform.infrastructure().objectStorage()
                + "   (S3Proxy: product photos, bucket tadamon-photos)",
            "  Data            "
                + data
                + "   (keep with a restart; ./tadamon run --reset starts afresh)",
            "",
            "Sign in at "
                + platform.url()
                + " (password "
                + accounts.password()
                + " for every demo account):",
            "  operator          the operator console; its second factor: the code of an authenticator",
            "                    app given the key " + Totp.appKey(accounts.operatorTotpSecret()),
            "  "
                + DemoAccounts.manager("tifaouine-argan")
                + "   the cooperative portal (each demo cooperative's slug is its manager's username)",
            "  shopper           a shopper's orders; anyone can also create an account",
            "",
            "Tokens for curl (12 hours, from Keycloak for those accounts): "
                + data.resolve("dev-tokens.env"),
            "",
            "Place an order (cash on delivery or card) and follow it: see README.md, \"Try it\".",
            "Press Ctrl-C to stop.",
            "");
    lines.forEach(System.out::println);
  }

  private static void deleteRecursively(Path root) {
    try {
      Infrastructure.deleteRecursively(root);
    } catch (IOException e) {
      System.err.println("could not delete " + root + ": " + e.getMessage());
      System.exit(1);
    }
  }

  private static String seconds(Duration duration) {
    return duration.toMillis() / 100 / 10.0 + " s";
  }

  /**
   * ", 7.9 s from the command" when ./tadamon said when it started: what a person waits for, build
   * included.
   */
  private static String sinceTheCommand() {
    String started = System.getenv("TADAMON_COMMAND_STARTED_MS");
    if (started == null || !started.matches("\\d{10,16}")) {
      return "";
    }
    long millis = System.currentTimeMillis() - Long.parseLong(started);
    return ", " + millis / 100 / 10.0 + " s from the command";
  }
}
