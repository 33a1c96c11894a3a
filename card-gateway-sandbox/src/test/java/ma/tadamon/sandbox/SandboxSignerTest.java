package ma.tadamon.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sandbox's own ver3 hash, held to the same answers as payment-service's. */
class SandboxSignerTest {

  @Test
  void known_answers() {
    assertThat(new SandboxSigner(REQUEST_KEY).sign(request())).isEqualTo(REQUEST_HASH);
    assertThat(new SandboxSigner(TRICKY_KEY).sign(tricky())).isEqualTo(TRICKY_HASH);
    assertThat(new SandboxSigner(NATURAL_KEY).sign(natural())).isEqualTo(NATURAL_HASH);
  }

  @Test
  void a_request_is_signed_only_by_its_own_hash() {
    Map<String, String> signed = new LinkedHashMap<>(request());
    signed.put("hash", REQUEST_HASH);
    assertThat(new SandboxSigner(REQUEST_KEY).isSigned(signed)).isTrue();
    signed.put("amount", "2.65");
    assertThat(new SandboxSigner(REQUEST_KEY).isSigned(signed)).isFalse();
  }

  // Three parameter sets and their ver3 hashes, computed once by hand outside this code base by two
  // implementations written from CMI's public merchant integrations (PHP's natcasesort and a Python
  // one): they agree. Values with | and \, Arabic, spaces around values, a HASH and an encoding
  // that do not count, and names that sort naturally (Street2 before Street12).

  static Map<String, String> request() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("clientid", "600000000");
    fields.put("storetype", "3D_PAY_HOSTING");
    fields.put("trantype", "PreAuth");
    fields.put("amount", "265.00");
    fields.put("currency", "504");
    fields.put("oid", "a1b2c3");
    fields.put("okUrl", "https://shop.test/ok");
    fields.put("failUrl", "https://shop.test/fail");
    fields.put("callbackUrl", "https://shop.test/callback");
    fields.put("lang", "ar");
    fields.put("email", "khadija@example.ma");
    fields.put("BillToName", "Khadija");
    fields.put("rnd", "0123456789abcdef");
    fields.put("hashAlgorithm", "ver3");
    fields.put("encoding", "UTF-8");
    return fields;
  }

  static final String REQUEST_KEY = "TEST1234";
  static final String REQUEST_HASH =
      "tN33mjNGM5hPdt4kmj0PIG+W1uYnhZNn5AU0ZDGId42Q/otZeJCsrAuKwKxOpNjSdrX8UtSW2QP8cnvXJkz3sg==";

  static Map<String, String> tricky() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("clientid", "600000000");
    fields.put("oid", "A|1");
    fields.put("amount", " 1000.50 ");
    fields.put("BillToName", " خديجة آيت علي ");
    fields.put("email", "back\\slash@example.ma");
    fields.put("Response", "Approved");
    fields.put("ProcReturnCode", "00");
    fields.put("TransId", "T-42");
    fields.put("HASH", "ignored");
    fields.put("encoding", "UTF-8");
    fields.put("rnd", "x");
    return fields;
  }

  static final String TRICKY_KEY = "key|with\\chars";
  static final String TRICKY_HASH =
      "9Dca/SXkq3Kwt5Lf+Tds7AZmvLifx3Gase66qt5IUgU9iI7UhI2Y3GnCK8rUOiDzR2zKaAsUsRI9TGdSSfJU0g==";

  static Map<String, String> natural() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("BillToStreet12", "b");
    fields.put("BillToStreet2", "a");
    fields.put("amount", "10.00");
    fields.put("Amount2", "z");
    return fields;
  }

  static final String NATURAL_KEY = "K";
  static final String NATURAL_HASH =
      "McYzSBhBYLzZEONnefGnAj28Z6CMtIBG1J0Z85cJftx5Vl5EkmhNgkNmB051DpEpchjjc72boAI8N2XghHtEFA==";
}
