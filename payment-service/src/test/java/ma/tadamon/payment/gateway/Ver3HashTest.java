package ma.tadamon.payment.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import ma.tadamon.platform.testing.KnownAnswers;
import org.junit.jupiter.api.Test;

/** payment-service's side of CMI's ver3 hash, held to answers it did not compute itself. */
class Ver3HashTest {

  @Test
  void known_answers() {
    assertThat(KnownAnswers.cmiVer3()).hasSize(3);
    for (KnownAnswers.Ver3 known : KnownAnswers.cmiVer3()) {
      assertThat(new Ver3Hash(known.key()).sign(known.parameters()))
          .as(known.name())
          .isEqualTo(known.hash());
    }
  }

  @Test
  void a_callback_verifies_under_HASH_and_any_change_to_a_value_breaks_it() {
    KnownAnswers.Ver3 tricky =
        KnownAnswers.cmiVer3().stream().filter(k -> k.name().equals("tricky")).findFirst().get();
    Ver3Hash hash = new Ver3Hash(tricky.key());
    Map<String, String> callback = new HashMap<>(tricky.parameters());
    callback.put("HASH", tricky.hash());
    assertThat(hash.verifies(callback)).isTrue();
    for (String name : new String[] {"oid", "amount", "ProcReturnCode", "TransId"}) {
      Map<String, String> tampered = new HashMap<>(callback);
      tampered.put(name, tampered.get(name) + "0");
      assertThat(hash.verifies(tampered)).as(name).isFalse();
    }
    Map<String, String> added = new HashMap<>(callback);
    added.put("extra", "x");
    assertThat(hash.verifies(added)).isFalse();
    assertThat(new Ver3Hash("another-key").verifies(callback)).isFalse();
    assertThat(hash.verifies(Map.of("oid", "42"))).as("unsigned").isFalse();
  }
}
