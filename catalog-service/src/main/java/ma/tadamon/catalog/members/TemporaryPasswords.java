package ma.tadamon.catalog.members;

import java.security.SecureRandom;

/**
 * First or reset passwords an operator reads to a member over the phone: 12 characters of an
 * alphabet without look-alikes (no 0/O, 1/l/I), which Keycloak makes her replace at her first
 * sign-in.
 */
final class TemporaryPasswords {

  private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  private TemporaryPasswords() {}

  static String next() {
    StringBuilder password = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      if (i > 0 && i % 4 == 0) {
        password.append('-');
      }
      password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return password.toString();
  }
}
