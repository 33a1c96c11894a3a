package ma.tadamon.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import ma.tadamon.platform.testing.KnownAnswers;
import org.junit.jupiter.api.Test;

/** The sandbox's own ver3 hash, held to the same answers as payment-service's. */
class SandboxSignerTest {

  @Test
  void known_answers() {
    assertThat(KnownAnswers.cmiVer3()).hasSize(3);
    for (KnownAnswers.Ver3 known : KnownAnswers.cmiVer3()) {
      assertThat(new SandboxSigner(known.key()).sign(known.parameters()))
          .as(known.name())
          .isEqualTo(known.hash());
    }
  }

  @Test
  void a_request_is_signed_only_by_its_own_hash() {
    KnownAnswers.Ver3 request = KnownAnswers.cmiVer3().get(0);
    Map<String, String> signed = new LinkedHashMap<>(request.parameters());
    signed.put("hash", request.hash());
    assertThat(new SandboxSigner(request.key()).isSigned(signed)).isTrue();
    signed.put("amount", "2.65");
    assertThat(new SandboxSigner(request.key()).isSigned(signed)).isFalse();
  }
}
