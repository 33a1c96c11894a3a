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
  void an_orders_short_link_opens_it_and_tells_nothing_of_its_token() {
    UUID order = UUID.randomUUID();
    String link = tokens.linkFor(order, "100042");

    assertThat(link).matches("/s/100042-[A-Za-z0-9_-]{12}");
    String key = link.substring(link.length() - 12);
    assertThat(tokens.opens(key, order)).isTrue();
    assertThat(tokens.opens(key, UUID.randomUUID())).isFalse();
    assertThat(tokens.opens(null, order)).isFalse();
    assertThat(tokens.tokenFor(order)).doesNotContain(key);
  }

  @Test
  void a_short_secret_is_refused() {
    assertThatThrownBy(() -> new AccessTokens("short"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
