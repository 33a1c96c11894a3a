package ma.tadamon.platform.auth;

import static ma.tadamon.platform.service.ServiceRuntime.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.util.Map;
import ma.tadamon.platform.config.Settings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a service's token check accepts, in one JVM holding several services (the local platform):
 * each service's issuer and audience are its own.
 */
class AuthenticationTest {

  private Vertx vertx;
  private WebClient http;
  private final DevelopmentKeys keys = DevelopmentKeys.generate();

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    http = WebClient.create(vertx);
  }

  @AfterEach
  void stop() {
    await(vertx.close(), 10);
  }

  @Test
  void one_service_demanding_an_audience_does_not_make_the_others_demand_it() {
    int strict = serve(Map.of("JWT_AUDIENCE", "tadamon-api"));
    int plain = serve(Map.of());
    String token = keys.token(vertx, "someone", Role.OPERATOR, null, 5);

    assertThat(status(strict, token)).as("no audience in the token").isEqualTo(401);
    assertThat(status(plain, token)).isEqualTo(200);
    assertThat(status(serve(Map.of()), token)).isEqualTo(200);
  }

  @Test
  void a_token_of_another_issuer_or_key_or_none_is_refused() {
    int port = serve(Map.of());
    assertThat(status(port, keys.token(vertx, "someone", Role.OPERATOR, null, 5))).isEqualTo(200);
    String foreignKey = DevelopmentKeys.generate().token(vertx, "someone", Role.OPERATOR, null, 5);
    assertThat(status(port, foreignKey)).isEqualTo(401);
    assertThat(
            status(
                serve(Map.of("JWT_ISSUER", "elsewhere")),
                keys.token(vertx, "x", Role.OPERATOR, null, 5)))
        .isEqualTo(401);
    assertThat(status(port, null)).isEqualTo(401);
  }

  private int serve(Map<String, String> extra) {
    return ProtectedEndpoint.serve(
        vertx, Settings.of(Map.of("JWT_PUBLIC_KEY", keys.publicKeyPem())).with(extra));
  }

  private int status(int port, String token) {
    return ProtectedEndpoint.status(http, port, token);
  }
}
