package ma.tadamon.platform.auth;

import static ma.tadamon.platform.service.ServiceRuntime.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The memory of verified tokens, in front of a real ES256 verifier whose signature checks are
 * counted, on a clock the test moves.
 */
class VerifiedTokensTest {

  private static final Duration LEEWAY = Duration.ofSeconds(10);

  private final DevelopmentKeys keys = DevelopmentKeys.generate();
  private final AtomicInteger signatureChecks = new AtomicInteger();
  private Vertx vertx;
  private JWTAuth jwt;
  private MovableClock clock;
  private VerifiedTokens tokens;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    JWTAuth jwt =
        JWTAuth.create(
            vertx,
            Authentication.options(
                new JWTOptions().setIssuer("tadamon").setLeeway((int) LEEWAY.toSeconds()),
                List.of(
                    new PubSecKeyOptions().setAlgorithm("ES256").setBuffer(keys.publicKeyPem())),
                List.of()));
    this.jwt = jwt;
    clock = new MovableClock(Instant.now());
    tokens = new VerifiedTokens(counted(), clock, LEEWAY);
  }

  private String expiringIn(Duration validity) {
    JWTAuth signer =
        JWTAuth.create(
            vertx,
            new JWTAuthOptions()
                .addPubSecKey(
                    new PubSecKeyOptions().setAlgorithm("ES256").setBuffer(keys.privateKeyPem())));
    return signer.generateToken(
        new JsonObject().put("roles", new JsonArray(List.of(Role.SHOPPER.claim()))),
        new JWTOptions()
            .setAlgorithm("ES256")
            .setIssuer("tadamon")
            .setSubject("amina")
            .setExpiresInSeconds((int) validity.toSeconds()));
  }

  /** The real signature check, counted. */
  private Authentication.Verifier counted() {
    return token -> {
      signatureChecks.incrementAndGet();
      return jwt.authenticate(new TokenCredentials(token));
    };
  }

  @AfterEach
  void stop() {
    await(vertx.close(), 10);
  }

  @Test
  void a_token_is_checked_once_and_each_request_gets_a_user_of_its_own() {
    UUID cooperative = UUID.randomUUID();
    String token = keys.token(vertx, "amina", Role.COOPERATIVE, cooperative, 5);

    User first = await(tokens.verify(token), 10);
    User second = await(tokens.verify(token), 10);

    assertThat(signatureChecks).hasValue(1);
    assertThat(Caller.of(second).cooperativeId()).contains(cooperative);
    assertThat(second).isNotSameAs(first);
    second.principal().put("sub", "someone else");
    assertThat(await(tokens.verify(token), 10).principal().getString("sub")).isEqualTo("amina");
  }

  @Test
  void a_remembered_token_is_checked_again_after_a_minute() {
    String token = keys.token(vertx, "amina", Role.SHOPPER, null, 5);
    await(tokens.verify(token), 10);

    clock.move(VerifiedTokens.MAX_AGE.minusSeconds(1));
    await(tokens.verify(token), 10);
    assertThat(signatureChecks).hasValue(1);

    clock.move(Duration.ofSeconds(1));
    await(tokens.verify(token), 10);
    assertThat(signatureChecks).hasValue(2);
  }

  @Test
  void a_token_about_to_expire_is_remembered_only_until_it_expires() {
    String token = expiringIn(Duration.ofSeconds(20));
    await(tokens.verify(token), 10);

    // Its expiry and the leeway: thirty seconds, well within the minute.
    clock.move(Duration.ofSeconds(29));
    await(tokens.verify(token), 10);
    assertThat(signatureChecks).hasValue(1);

    // The real clock has not moved, so the check itself still passes: what counts is that it is
    // made, and a token past its time is not served from memory.
    clock.move(Duration.ofSeconds(2));
    await(tokens.verify(token), 10);
    assertThat(signatureChecks).hasValue(2);
  }

  @Test
  void a_bad_token_is_never_remembered() {
    String foreign = DevelopmentKeys.generate().token(vertx, "amina", Role.OPERATOR, null, 5);

    assertThatThrownBy(() -> await(tokens.verify(foreign), 10));
    assertThatThrownBy(() -> await(tokens.verify(foreign), 10));

    assertThat(signatureChecks).hasValue(2);
    assertThat(tokens.size()).isZero();
  }

  @Test
  void it_holds_a_bounded_number_of_tokens_and_forgets_the_least_recently_used() {
    VerifiedTokens three = new VerifiedTokens(counted(), clock, LEEWAY, 3);
    List<String> issued =
        List.of("a", "b", "c", "d").stream()
            .map(subject -> keys.token(vertx, subject, Role.SHOPPER, null, 5))
            .toList();
    await(three.verify(issued.get(0)), 10);
    await(three.verify(issued.get(1)), 10);
    await(three.verify(issued.get(2)), 10);
    await(three.verify(issued.get(0)), 10); // used again: "b" is now the least recently used
    await(three.verify(issued.get(3)), 10);
    assertThat(three.size()).isEqualTo(3);
    assertThat(signatureChecks).hasValue(4);

    await(three.verify(issued.get(0)), 10);
    assertThat(signatureChecks).as("a was remembered").hasValue(4);
    await(three.verify(issued.get(1)), 10);
    assertThat(signatureChecks).as("b was forgotten").hasValue(5);
  }

  /** A clock that moves only when told. */
  private static final class MovableClock extends Clock {

    private Instant now;

    MovableClock(Instant start) {
      this.now = start;
    }

    void move(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
