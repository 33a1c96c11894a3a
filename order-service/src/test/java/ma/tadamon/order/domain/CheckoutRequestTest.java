package ma.tadamon.order.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import ma.tadamon.platform.domain.FieldError;
import org.junit.jupiter.api.Test;

class CheckoutRequestTest {

  private static final CheckoutRequest.Contact CONTACT =
      new CheckoutRequest.Contact("Amina", "+212612345678", "a@b.ma");
  private static final CheckoutRequest.Address ADDRESS =
      new CheckoutRequest.Address("1 rue", "Fès", "30000", "fes-meknes");

  @Test
  void a_complete_request_has_no_problems() {
    CheckoutRequest request =
        new CheckoutRequest(
            List.of(new CheckoutRequest.Line(UUID.randomUUID(), 3)),
            CONTACT,
            ADDRESS,
            "CASH_ON_DELIVERY",
            "ar",
            "fair-tetouan",
            null,
            null,
            null);

    assertThat(request.problems()).isEmpty();
  }

  @Test
  void every_problem_names_its_field() {
    CheckoutRequest request =
        new CheckoutRequest(
            List.of(
                new CheckoutRequest.Line(null, 0), new CheckoutRequest.Line(UUID.randomUUID(), 51)),
            new CheckoutRequest.Contact(" ", "0612345678", "not-an-email"),
            new CheckoutRequest.Address("", "Fès", null, "atlantis"),
            "BARTER",
            "de",
            "Fair Tetouan!",
            "Yes please",
            "the latest one",
            null);

    assertThat(request.problems())
        .extracting(FieldError::field)
        .containsExactly(
            "lines[0].productId",
            "lines[0].quantity",
            "lines[1].quantity",
            "contact.name",
            "contact.phone",
            "contact.email",
            "shippingAddress.line1",
            "shippingAddress.region",
            "paymentMethod",
            "language",
            "marketingConsent",
            "termsVersion",
            "source");
  }

  @Test
  void missing_parts_are_problems_not_crashes() {
    CheckoutRequest request =
        new CheckoutRequest(null, null, null, null, null, null, null, null, null);

    assertThat(request.problems())
        .extracting(FieldError::field)
        .containsExactly("lines", "contact", "shippingAddress", "paymentMethod");
  }
}
