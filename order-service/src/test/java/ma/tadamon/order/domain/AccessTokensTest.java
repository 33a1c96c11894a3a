package ma.tadamon.order.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class AccessTokensTest {

  private final AccessTokens tokens =
      new AccessTokens("a-secret-of-at-least-thirty-two-characters");

  @Test
  void the_same_order_always_gets_the_same_token_and_only_it_is_granted() {
    UUID order = UUID.randomUUID();

    assertThat(tokens.tokenFor(order)).isEqualTo(tokens.tokenFor(order));
    assertThat(tokens.grants(tokens.tokenFor(order), order)).isTrue();
    assertThat(tokens.grants(tokens.tokenFor(UUID.randomUUID()), order)).isFalse();
    assertThat(tokens.grants(null, order)).isFalse();
  }

  @Test
  void another_secret_makes_other_tokens() {
    UUID order = UUID.randomUUID();
    AccessTokens other = new AccessTokens("another-secret-of-thirty-two-characters!");

    assertThat(other.tokenFor(order)).isNotEqualTo(tokens.tokenFor(order));
  }

  @Test
  void a_short_secret_is_refused() {
    assertThatThrownBy(() -> new AccessTokens("short"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
