package ma.tadamon.payment.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormSignatureTest {

  private final FormSignature signature =
      new FormSignature("sandbox-secret-0123456789abcdefghijklmnop");

  @Test
  void matches_the_worked_example_in_the_protocol_documentation() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("oid", "A|1");
    fields.put("amount", "265.00");
    fields.put("clientid", "tadamon");

    // docs/payments.md: "amount=265.00|clientid=tadamon|oid=A\|1" under the sandbox secret.
    assertThat(signature.sign(fields)).isEqualTo(DOCUMENTED_EXAMPLE);
  }

  @Test
  void the_order_fields_arrive_in_does_not_matter_but_every_value_does() {
    Map<String, String> fields =
        new HashMap<>(Map.of("oid", "42", "amount", "265.00", "Response", "Approved"));
    fields.put("hash", signature.sign(fields));

    assertThat(signature.verifies(new LinkedHashMap<>(fields))).isTrue();
    for (String name : new String[] {"oid", "amount", "Response"}) {
      Map<String, String> tampered = new HashMap<>(fields);
      tampered.put(name, tampered.get(name) + "0");
      assertThat(signature.verifies(tampered)).as(name).isFalse();
    }
    Map<String, String> added = new HashMap<>(fields);
    added.put("extra", "x");
    assertThat(signature.verifies(added)).isFalse();
  }

  @Test
  void an_escaped_separator_cannot_move_a_value_into_another_field() {
    Map<String, String> one = Map.of("a", "x|b=y");
    Map<String, String> two = Map.of("a", "x", "b", "y");

    assertThat(signature.sign(one)).isNotEqualTo(signature.sign(two));
  }

  @Test
  void an_unsigned_callback_is_not_verified() {
    assertThat(signature.verifies(Map.of("oid", "42"))).isFalse();
    assertThat(signature.verifies(Map.of("oid", "42", "hash", "not-base64"))).isFalse();
  }

  private static final String DOCUMENTED_EXAMPLE = "Q+wR4vJE7CNI7wOM5DSGDYZQbIpKUn3yTUYzzd38Qks=";
}
