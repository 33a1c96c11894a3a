package ma.tadamon.local;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import ma.tadamon.catalog.demo.DemoCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./tadamon demo}: a platform that looks alive. Simulated shoppers browse, search and buy
 * (cash on delivery, confirming with the code their phone received, or by card on the acquirer's
 * sandbox page); the demo cooperatives answer their order SMS from their phones on the SMS sandbox
 * (most accept, some decline, accepted parts are shipped and delivered); an operator closes the
 * cooperatives' payouts at the end of each simulated day.
 *
 * <p>Everything goes where a person's would: the shoppers' browser calls the storefront's public
 * APIs and pages and the acquirer's hosted page; the cooperatives' phones answer through the SMSC;
 * the operator calls the API the console calls, with an operator's token. Nothing here reads a
 * database or posts an event. It only ever runs when asked ({@code --demo}), never in a test's
 * platform unless the test starts it.
 */
public final class DemoTraffic implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DemoTraffic.class);

  /** How long shoppers already browsing are given to finish when the demo stops. */
  private static final Duration FINISHING = Duration.ofSeconds(45);

  /**
   * How fast the demo goes. {@code cardDeclinedShare}: of the cards paid, this share is declined,
   * the first card and then one in every 1/share after it, so that even a short demo shows one.
   */
  public record Pace(
      Duration betweenShoppers,
      Duration cooperativeThinksAtMost,
      Duration simulatedDay,
      Duration runFor,
      double cardShare,
      double cardDeclinedShare,
      double cooperativeDeclinesShare) {

    /**
     * A few orders a minute: under one address's checkout limit (the demo's shoppers all come from
     * this machine), slow enough to follow on the pages.
     */
    public static Pace gentle(Duration runFor) {
      return new Pace(
          Duration.ofSeconds(12),
          Duration.ofSeconds(20),
          Duration.ofMinutes(5),
          runFor,
          0.3,
          0.1,
          0.15);
    }
  }

  /** Where the demo's people go: the storefront's origin and the two sandboxes' pages. */
  public record Addresses(String storefront, String smsSandbox) {}

  /** What happened so far, for the console and for a test. */
  public record Counts(
      long shoppers,
      long ordersPlaced,
      long cashOnDelivery,
      long card,
      long cardsApproved,
      long accepted,
      long declined,
      long shipped,
      long delivered,
      long daysClosed,
      long statementsIssued,
      long rejected,
      long refused) {

    @Override
    public String toString() {
      return ordersPlaced
          + " orders ("
          + cashOnDelivery
          + " cash on delivery, "
          + card
          + " card, "
          + cardsApproved
          + " approved), cooperatives: "
          + accepted
          + " accepted, "
          + declined
          + " declined, "
          + shipped
          + " shipped, "
          + delivered
          + " delivered; "
          + daysClosed
          + " days closed ("
          + statementsIssued
          + " payout statements)"
          + (rejected == 0 ? "" : "; " + rejected + " orders rejected by the saga")
          + (refused == 0 ? "" : "; " + refused + " requests refused (see the log)");
    }
  }

  private static final Pattern SIX_DIGITS = Pattern.compile("(?<!\\d)(\\d{6})(?!\\d)");
  private static final Pattern PAY_BUTTON = Pattern.compile("action=\"(/pay/[^\"]+/(\\w+))\"");
  private static final List<String> LANGUAGES = List.of("ar", "fr", "en");
  private static final Map<String, List<String>> SEARCHES =
      Map.of(
          "ar", List.of("أركان", "زيت", "زعفران", "تمر", "عسل", "زربية", "ورد"),
          "fr", List.of("argan", "safran", "dattes", "miel", "tapis", "rose", "amlou", "poterie"),
          "en", List.of("argan", "saffron", "dates", "honey", "rug", "rose", "couscous"));
  private static final List<String> NAMES =
      List.of(
          "Khadija Ait Ali",
          "Youssef El Amrani",
          "Fatima Zahra Bennani",
          "Hamid Ouchen",
          "Salma Idrissi",
          "Omar Tazi",
          "Naima Boukhris",
          "Mehdi Alaoui",
          "Amina Lahlou",
          "Rachid Aouragh");

  /** A place a shopper lives: its city, postal code and region. */
  private record Place(String city, String postalCode, String region) {}

  private static final List<Place> PLACES =
      List.of(
          new Place("Agadir", "80000", "souss-massa"),
          new Place("Casablanca", "20250", "casablanca-settat"),
          new Place("Rabat", "10000", "rabat-sale-kenitra"),
          new Place("Marrakech", "40000", "marrakech-safi"),
          new Place("Fès", "30000", "fes-meknes"),
          new Place("Tanger", "90000", "tanger-tetouan-al-hoceima"),
          new Place("Oujda", "60000", "oriental"),
          new Place("Errachidia", "52000", "draa-tafilalet"));

  private final Addresses addresses;
  private final Supplier<String> operatorToken;
  private final Pace pace;
  private final Random random;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  /** Shoppers take seconds each (reading an SMS, typing a card); they come at a steady pace. */
  private static final int SHOPPERS_AT_ONCE = 6;

  private final ScheduledExecutorService scheduler;
  private final ExecutorService shoppersBrowsing;
  private final Map<String, String> cooperativePhones; // digits → slug
  private final Set<String> ordersSeen = ConcurrentHashMap.newKeySet();
  private final CountDownLatch ended = new CountDownLatch(1);
  private final AtomicLong shoppers = new AtomicLong();
  private final AtomicLong ordersPlaced = new AtomicLong();
  private final AtomicLong cashOnDelivery = new AtomicLong();
  private final AtomicLong card = new AtomicLong();
  private final AtomicLong cardsApproved = new AtomicLong();
  private final AtomicLong cardsPaid = new AtomicLong();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong declined = new AtomicLong();
  private final AtomicLong shipped = new AtomicLong();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong daysClosed = new AtomicLong();
  private final AtomicLong statementsIssued = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private volatile Instant dayBegan = Instant.now();

  public DemoTraffic(Addresses addresses, Supplier<String> operatorToken, Pace pace, long seed) {
    this.addresses = addresses;
    this.operatorToken = operatorToken;
    this.pace = pace;
    this.random = new Random(seed);
    this.cooperativePhones =
        DemoCatalog.contacts().stream()
            .collect(
                Collectors.toMap(
                    contact -> digits(contact.phone()),
                    DemoCatalog.DemoContact::slug,
                    (first, second) -> first));
    this.scheduler = Executors.newScheduledThreadPool(2, DemoTraffic::daemon);
    this.shoppersBrowsing = Executors.newFixedThreadPool(SHOPPERS_AT_ONCE, DemoTraffic::daemon);
  }

  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "demo-traffic");
    thread.setDaemon(true);
    return thread;
  }

  /** Starts the people; they stop by themselves after {@link Pace#runFor()}. */
  public DemoTraffic start() {
    long between = pace.betweenShoppers().toMillis();
    scheduler.scheduleAtFixedRate(
        () -> shoppersBrowsing.execute(() -> guarded("a shopper", this::oneShopper)),
        0,
        between,
        TimeUnit.MILLISECONDS);
    scheduler.scheduleWithFixedDelay(
        () -> guarded("the cooperatives' phones", this::cooperativesReadTheirSms),
        1,
        2,
        TimeUnit.SECONDS);
    scheduler.scheduleWithFixedDelay(
        () -> guarded("the operator", this::closeTheDay),
        pace.simulatedDay().toMillis(),
        pace.simulatedDay().toMillis(),
        TimeUnit.MILLISECONDS);
    scheduler.schedule(this::close, pace.runFor().toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** Waits until the demo has run its time or was closed. */
  public void awaitEnd() throws InterruptedException {
    ended.await();
  }

  public Counts counts() {
    return new Counts(
        shoppers.get(),
        ordersPlaced.get(),
        cashOnDelivery.get(),
        card.get(),
        cardsApproved.get(),
        accepted.get(),
        declined.get(),
        shipped.get(),
        delivered.get(),
        daysClosed.get(),
        statementsIssued.get(),
        rejected.get(),
        refused.get());
  }

  /**
   * Whether the next card paid is declined: the k-th is when the share's running count goes up at
   * k, which it does at the first card. Counted, not drawn, so the demo's share holds however few
   * cards its shoppers pay with.
   */
  private boolean nextCardDeclined() {
    long k = cardsPaid.incrementAndGet();
    double share = pace.cardDeclinedShare();
    return Math.ceil(k * share) > Math.ceil((k - 1) * share);
  }

  /**
   * Stops the people. No new shopper comes; those already browsing finish what they started (for at
   * most {@link #FINISHING}), so that every order placed is counted: a shopper interrupted while
   * her checkout was on its way would leave an order nobody counted.
   */
  @Override
  public void close() {
    shoppersBrowsing.shutdown();
    try {
      shoppersBrowsing.awaitTermination(FINISHING.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    scheduler.shutdownNow();
    shoppersBrowsing.shutdownNow();
    ended.countDown();
  }

  // ---- shoppers -----------------------------------------------------------------------------

  private void oneShopper() throws IOException, InterruptedException {
    shoppers.incrementAndGet();
    String lang = pick(LANGUAGES);
    String search = pick(SEARCHES.get(lang));
    JsonArray found =
        getJson("/api/catalog/products?lang=" + lang + "&q=" + encode(search))
            .getJsonArray("items", new JsonArray());
    List<JsonObject> available = availableIn(found);
    if (available.isEmpty()) {
      available = availableIn(getJson("/api/catalog/products?lang=" + lang).getJsonArray("items"));
    }
    if (available.isEmpty()) {
      return;
    }
    JsonObject product = pick(available);
    // The product's page, as a browser following the search result would.
    send(get(addresses.storefront() + product.getString("page")), 200);
    List<JsonObject> lines = new ArrayList<>();
    lines.add(line(product));
    if (available.size() > 1 && random.nextInt(3) == 0) {
      JsonObject another = pick(available);
      if (!another.getString("id").equals(product.getString("id"))) {
        lines.add(line(another));
      }
    }
    boolean byCard = random.nextDouble() < pace.cardShare();
    Optional<JsonObject> placed = checkout(lang, lines, byCard);
    if (placed.isEmpty()) {
      return;
    }
    ordersPlaced.incrementAndGet();
    if (byCard) {
      card.incrementAndGet();
      payByCard(placed.get(), lang);
    } else {
      cashOnDelivery.incrementAndGet();
      confirmPhone(placed.get());
    }
  }

  private Optional<JsonObject> checkout(String lang, List<JsonObject> lines, boolean byCard)
      throws IOException, InterruptedException {
    Place place = pick(PLACES);
    String name = pick(NAMES);
    String phone = "+2126" + String.format("%08d", random.nextInt(100_000_000));
    JsonObject body =
        new JsonObject()
            .put("lines", new JsonArray(lines))
            .put(
                "contact",
                new JsonObject()
                    .put("name", name)
                    .put("phone", phone)
                    .put(
                        "email",
                        name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]+", ".")
                            + "@example.com"))
            .put(
                "shippingAddress",
                new JsonObject()
                    .put("line1", (1 + random.nextInt(120)) + " rue de la Coopérative")
                    .put("city", place.city())
                    .put("postalCode", place.postalCode())
                    .put("region", place.region()))
            .put("paymentMethod", byCard ? "CARD" : "CASH_ON_DELIVERY")
            .put("language", lang);
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create(addresses.storefront() + "/api/orders"))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "demo-" + UUID.randomUUID())
                .POST(HttpRequest.BodyPublishers.ofString(body.encode()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 201) {
      // Out of stock, a limit reached: the shopper goes away, as a person would.
      refused("a checkout", answer);
      return Optional.empty();
    }
    return Optional.of(new JsonObject(answer.body()).put("phone", phone));
  }

  /** The shopper reads the code the SMS brought and types it on the order's page. */
  private void confirmPhone(JsonObject placed) throws IOException, InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      Optional<String> code = codeSentTo(placed.getString("phone"), placed.getString("code"));
      if (code.isPresent()) {
        sleep(Duration.ofSeconds(2 + random.nextInt(6))); // a person reading, then typing
        send(
            HttpRequest.newBuilder(
                    URI.create(
                        addresses.storefront()
                            + "/api/notifications/phone-confirmations/"
                            + placed.getString("id")))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        new JsonObject().put("code", code.get()).encode())),
            200);
        return;
      }
      sleep(Duration.ofSeconds(1));
    }
    log.info("demo: a shopper's code did not come within a minute; the order will lapse");
  }

  /** The shopper's browser: asks where to pay, posts the form, clicks on the acquirer's page. */
  private void payByCard(JsonObject placed, String lang) throws IOException, InterruptedException {
    String id = placed.getString("id");
    String token = placed.getString("accessToken");
    Instant deadline = Instant.now().plusSeconds(60);
    HttpResponse<String> checkout = null;
    while (Instant.now().isBefore(deadline)) {
      checkout =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(addresses.storefront() + "/api/payments/" + id + "/checkout"))
                  .timeout(Duration.ofSeconds(20))
                  .header("X-Order-Token", token)
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (checkout.statusCode() == 200) {
        break;
      }
      sleep(Duration.ofSeconds(1)); // the order is being reserved
    }
    if (checkout == null || checkout.statusCode() != 200) {
      if (checkout != null && !endedWithoutPayment(id, token)) {
        refused("a card checkout", checkout);
      }
      return;
    }
    JsonObject redirect = new JsonObject(checkout.body()).getJsonObject("redirect");
    String form =
        redirect.getJsonObject("fields").stream()
            .map(field -> encode(field.getKey()) + "=" + encode(String.valueOf(field.getValue())))
            .collect(Collectors.joining("&"));
    URI gate = URI.create(redirect.getString("url"));
    HttpResponse<String> page =
        http.send(
            HttpRequest.newBuilder(gate)
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept-Language", lang)
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String decision = nextCardDeclined() ? "decline" : "approve";
    Matcher buttons = PAY_BUTTON.matcher(page.body());
    while (buttons.find()) {
      if (buttons.group(2).equals(decision)) {
        sleep(Duration.ofSeconds(2 + random.nextInt(5))); // typing a card number
        HttpResponse<String> decided =
            http.send(
                HttpRequest.newBuilder(gate.resolve(buttons.group(1)))
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (decided.statusCode() / 100 == 3 && decision.equals("approve")) {
          cardsApproved.incrementAndGet();
        } else if (decided.statusCode() / 100 != 3) {
          refused("the acquirer's page", decided);
        }
        return;
      }
    }
    log.warn("demo: the acquirer's page had no {} button (status {})", decision, page.statusCode());
    refused.incrementAndGet();
  }

  /**
   * Whether the order the shopper waited a minute to pay was rejected or cancelled by the saga
   * (another shopper took the last jars between the checkout and the reservation): an order's fate
   * a shopper meets, not a refused request. Logged with the order's status, never its contact.
   */
  private boolean endedWithoutPayment(String id, String token)
      throws IOException, InterruptedException {
    HttpResponse<String> answer =
        http.send(
            HttpRequest.newBuilder(URI.create(addresses.storefront() + "/api/orders/" + id))
                .timeout(Duration.ofSeconds(20))
                .header("X-Order-Token", token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    String status =
        answer.statusCode() == 200
            ? new JsonObject(answer.body()).getString("status", "")
            : "unknown (" + answer.statusCode() + ")";
    log.info("demo: a card order's payment did not open within a minute; the order is {}", status);
    if (status.equals("REJECTED") || status.equals("CANCELLED")) {
      rejected.incrementAndGet();
      return true;
    }
    return false;
  }

  // ---- cooperatives -------------------------------------------------------------------------

  /**
   * Each cooperative's phone: a new order's SMS (an order code it has not seen) is answered after a
   * while; an accepted part is shipped, then delivered, each after a while more.
   */
  private void cooperativesReadTheirSms() throws IOException, InterruptedException {
    for (Object item : smsSandboxMessages()) {
      JsonObject sms = (JsonObject) item;
      String phone = digits(sms.getString("phone", ""));
      if (!cooperativePhones.containsKey(phone)) {
        continue;
      }
      Matcher codes = SIX_DIGITS.matcher(sms.getString("text", ""));
      if (codes.find() && ordersSeen.add(phone + "/" + codes.group(1))) {
        answerNewOrder("+" + phone, codes.group(1));
      }
    }
  }

  private void answerNewOrder(String phone, String orderCode) {
    boolean arabic = random.nextBoolean();
    if (random.nextDouble() < pace.cooperativeDeclinesShare()) {
      later(
          () -> {
            reply(phone, orderCode + (arabic ? " لا ماعنديش السلعة" : " NON rupture de stock"));
            declined.incrementAndGet();
          });
      return;
    }
    later(
        () -> {
          reply(phone, orderCode + (arabic ? " نعم" : " OK"));
          accepted.incrementAndGet();
          later(
              () -> {
                reply(
                    phone,
                    orderCode
                        + (arabic ? " صيفطت " : " EXP ")
                        + "AMANA-"
                        + (100_000 + random.nextInt(900_000)));
                shipped.incrementAndGet();
                later(
                    () -> {
                      reply(phone, orderCode + (arabic ? " وصل" : " LIVRE"));
                      delivered.incrementAndGet();
                    });
              });
        });
  }

  /** The phone sends an SMS to the platform's number, through the SMSC's sandbox page. */
  private void reply(String phone, String text) throws IOException, InterruptedException {
    send(
        HttpRequest.newBuilder(URI.create(addresses.smsSandbox() + "reply"))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "from=" + encode(phone) + "&text=" + encode(text))),
        303);
  }

  private void later(DemoStep step) {
    long delay = 2_000 + (long) (random.nextDouble() * pace.cooperativeThinksAtMost().toMillis());
    scheduler.schedule(() -> guarded("a cooperative", step), delay, TimeUnit.MILLISECONDS);
  }

  // ---- the operator -------------------------------------------------------------------------

  /** The end of a simulated day: the operator closes the cooperatives' payouts up to now. */
  private void closeTheDay() throws IOException, InterruptedException {
    Instant end = Instant.now();
    HttpResponse<String> closed =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(addresses.storefront() + "/api/payments/payouts/statements"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + operatorToken.get())
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        new JsonObject().put("periodEnd", end.toString()).encode()))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (closed.statusCode() != 200) {
      refused("closing the day", closed);
      return;
    }
    daysClosed.incrementAndGet();
    int statements = new JsonObject(closed.body()).getJsonArray("statements").size();
    statementsIssued.addAndGet(statements);
    log.info(
        "demo: the day since {} closed, {} payout statements; so far: {}",
        dayBegan,
        statements,
        counts());
    dayBegan = end;
  }

  // ---- plumbing -----------------------------------------------------------------------------

  /** A step of the demo that talks to the platform. */
  private interface DemoStep {
    void run() throws IOException, InterruptedException;
  }

  /** One person's failure is logged and the demo goes on; the platform may be restarting. */
  private void guarded(String who, DemoStep step) {
    try {
      step.run();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      refused.incrementAndGet();
      log.warn("demo: {} could not go on: {}", who, e.toString());
    }
  }

  private Optional<String> codeSentTo(String phone, String orderCode)
      throws IOException, InterruptedException {
    String wanted = digits(phone);
    return oneTimeCode(
        smsSandboxMessages().stream()
            .map(JsonObject.class::cast)
            .filter(sms -> digits(sms.getString("phone", "")).equals(wanted))
            .map(sms -> sms.getString("text", "")),
        orderCode);
  }

  /**
   * The newest one-time code among SMS texts, for order {@code orderCode}: what a shopper reads on
   * her phone. The order's own code is six digits too: the one-time code is the other number.
   */
  static Optional<String> oneTimeCode(Stream<String> texts, String orderCode) {
    return texts
        .filter(text -> text.contains(orderCode))
        .flatMap(text -> SIX_DIGITS.matcher(text).results().map(found -> found.group(1)))
        .filter(number -> !number.equals(orderCode))
        .reduce((first, last) -> last);
  }

  private JsonArray smsSandboxMessages() throws IOException, InterruptedException {
    HttpResponse<String> messages =
        http.send(
            get(addresses.smsSandbox() + "api/messages"), HttpResponse.BodyHandlers.ofString());
    return new JsonObject(messages.body()).getJsonArray("items", new JsonArray());
  }

  private JsonObject getJson(String path) throws IOException, InterruptedException {
    HttpResponse<String> answer =
        http.send(get(addresses.storefront() + path), HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      refused("browsing", answer);
      return new JsonObject();
    }
    return new JsonObject(answer.body());
  }

  private void send(HttpRequest.Builder request, int expected)
      throws IOException, InterruptedException {
    send(request.build(), expected);
  }

  private void send(HttpRequest request, int expected) throws IOException, InterruptedException {
    HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != expected) {
      refused(request.method() + " " + request.uri().getPath(), answer);
    }
  }

  private static HttpRequest get(String address) {
    return HttpRequest.newBuilder(URI.create(address)).timeout(Duration.ofSeconds(20)).build();
  }

  /** Logged with the status and the problem's title only: the body may name a shopper. */
  private void refused(String what, HttpResponse<String> answer) {
    refused.incrementAndGet();
    String title = "";
    try {
      title = new JsonObject(answer.body()).getString("title", "");
    } catch (RuntimeException notJson) {
      // a page, not a problem
    }
    log.info("demo: {} answered {} {}", what, answer.statusCode(), title);
  }

  private List<JsonObject> availableIn(JsonArray items) {
    List<JsonObject> available = new ArrayList<>();
    if (items != null) {
      for (Object item : items) {
        JsonObject product = (JsonObject) item;
        if (product.getBoolean("available", false)) {
          available.add(product);
        }
      }
    }
    return available;
  }

  private JsonObject line(JsonObject product) {
    return new JsonObject()
        .put("productId", product.getString("id"))
        .put("quantity", 1 + random.nextInt(2));
  }

  private synchronized <T> T pick(List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  private static String digits(String phone) {
    return phone.replaceAll("\\D", "");
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static void sleep(Duration duration) throws InterruptedException {
    Thread.sleep(duration.toMillis());
  }
}
