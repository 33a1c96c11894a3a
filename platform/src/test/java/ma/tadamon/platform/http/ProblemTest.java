package ma.tadamon.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.util.List;
import ma.tadamon.platform.domain.DomainException;
import ma.tadamon.platform.domain.FieldError;
import org.junit.jupiter.api.Test;

class ProblemTest {

  @Test
  void each_kind_of_refusal_has_its_status_and_keeps_its_facts_beside_it() {
    JsonObject conflict =
        Problem.from(
                DomainException.conflict("illegal-transition", "Not possible", "It shipped.")
                    .with("orderStatus", "CONFIRMED"))
            .toJson("/api/orders/1/cancel");

    assertThat(conflict.getValue("status")).isEqualTo(409);
    assertThat(conflict.getString("type")).endsWith("/illegal-transition");
    assertThat(conflict.getString("detail")).isEqualTo("It shipped.");
    assertThat(conflict.getString("orderStatus")).isEqualTo("CONFIRMED");
    assertThat(conflict.getString("instance")).isEqualTo("/api/orders/1/cancel");

    assertThat(Problem.from(DomainException.notFound("This order")).status()).isEqualTo(404);
    assertThat(Problem.from(DomainException.forbidden("not yours")).status()).isEqualTo(403);
    assertThat(Problem.from(DomainException.refused("x", "y", "z")).status()).isEqualTo(422);
    assertThat(
            Problem.from(DomainException.of(DomainException.Kind.MALFORMED, "x", "y", "z"))
                .status())
        .isEqualTo(400);
  }

  @Test
  void invalid_fields_are_listed_by_name() {
    JsonObject invalid =
        Problem.from(
                DomainException.invalid(
                    List.of(
                        new FieldError("contact.name", "required"),
                        new FieldError("lines[0].quantity", "1 to 50"))))
            .toJson(null);

    assertThat(invalid.getValue("status")).isEqualTo(422);
    assertThat(invalid.getString("detail")).isEqualTo("2 fields are not valid");
    assertThat(invalid.getJsonArray("errors").getJsonObject(1).getString("field"))
        .isEqualTo("lines[0].quantity");
  }

  @Test
  void a_domain_state_can_never_take_the_place_of_the_http_status() {
    Problem problem = Problem.of(409, "x", "Conflict", null);
    for (String standard : List.of("type", "title", "status", "detail", "instance")) {
      assertThatThrownBy(() -> problem.with(standard, "REJECTED"))
          .as(standard)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(
            () -> Problem.from(DomainException.conflict("x", "y", "z").with("status", "REJECTED")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
