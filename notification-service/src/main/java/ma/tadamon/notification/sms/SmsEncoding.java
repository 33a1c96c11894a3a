package ma.tadamon.notification.sms;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * How a text travels in SMS: GSM 03.38 (7-bit) when every character is in its alphabet, so French
 * fits 160 characters a segment; UCS-2 otherwise (Arabic), 70 characters. A longer text is cut into
 * concatenated segments, each with a user data header (IEI 0x00, an 8-bit reference, the count and
 * the segment's number) that tells the phone to join them: 153 GSM characters or 67 UCS-2
 * characters each. GSM-7 text travels one character per octet (data_coding 0x00, the SMSC packs
 * it).
 */
public final class SmsEncoding {

  /** data_coding values of SMPP 3.4. */
  public static final byte GSM7 = 0x00;

  public static final byte UCS2 = 0x08;

  private static final String GSM_BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

  /** Characters of the extension table: each costs an escape (0x1B) and itself. */
  private static final String GSM_EXTENSION = "^{}\\[~]|€\f";

  private static final byte[] EXTENSION_CODES = {
    0x14, 0x28, 0x29, 0x2F, 0x3C, 0x3D, 0x3E, 0x40, 0x65, 0x0A
  };

  /**
   * A text's encoding and its segments, each ready for submit_sm's short_message (UDH included when
   * cut).
   */
  public record Encoded(byte dataCoding, List<byte[]> segments, boolean concatenated) {}

  private SmsEncoding() {}

  public static boolean fitsGsm7(String text) {
    return text.chars().allMatch(c -> GSM_BASIC.indexOf(c) >= 0 || GSM_EXTENSION.indexOf(c) >= 0);
  }

  /** {@code reference} identifies this message's segments among others to the same phone. */
  public static Encoded encode(String text, int reference) {
    if (fitsGsm7(text)) {
      List<byte[]> septets = gsmCharacters(text);
      List<byte[]> segments = split(septets, 1, 160, 153, reference);
      return new Encoded(GSM7, segments, segments.size() > 1);
    }
    List<byte[]> segments = split(ucs2Units(text), 2, 70, 67, reference);
    return new Encoded(UCS2, segments, segments.size() > 1);
  }

  /**
   * The text of a received short message (without a user data header): UCS-2, or GSM-7 one septet
   * an octet.
   */
  public static String decode(byte dataCoding, byte[] message) {
    if ((dataCoding & 0x0F) == UCS2 || dataCoding == UCS2) {
      return new String(message, StandardCharsets.UTF_16BE);
    }
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < message.length; i++) {
      int code = message[i] & 0x7F;
      if (code == 0x1B && i + 1 < message.length) {
        int extension = indexOf(EXTENSION_CODES, message[++i]);
        text.append(extension >= 0 ? GSM_EXTENSION.charAt(extension) : ' ');
      } else {
        text.append(GSM_BASIC.charAt(code));
      }
    }
    return text.toString();
  }

  private static int indexOf(byte[] codes, byte code) {
    for (int i = 0; i < codes.length; i++) {
      if (codes[i] == code) {
        return i;
      }
    }
    return -1;
  }

  /** How many segments a text costs: what template authors keep down. */
  public static int segmentsFor(String text) {
    return encode(text, 0).segments().size();
  }

  /** Each character's octets in the default alphabet (an extension character is two). */
  private static List<byte[]> gsmCharacters(String text) {
    List<byte[]> characters = new ArrayList<>();
    text.chars()
        .forEach(
            c -> {
              int basic = GSM_BASIC.indexOf(c);
              characters.add(
                  basic >= 0
                      ? new byte[] {(byte) basic}
                      : new byte[] {0x1B, EXTENSION_CODES[GSM_EXTENSION.indexOf(c)]});
            });
    return characters;
  }

  /** UTF-16 code units, big-endian; a surrogate pair stays in one segment. */
  private static List<byte[]> ucs2Units(String text) {
    List<byte[]> units = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      int length = Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length() ? 2 : 1;
      units.add(text.substring(i, i + length).getBytes(StandardCharsets.UTF_16BE));
      i += length;
    }
    return units;
  }

  /**
   * Cuts characters into one segment of at most {@code single} units, or segments of {@code
   * perPart} units behind a header; a unit is {@code unitBytes} octets (a septet's octet, a UCS-2
   * code unit), and a character's units (an escape and its code, a surrogate pair) never straddle
   * two segments.
   */
  private static List<byte[]> split(
      List<byte[]> characters, int unitBytes, int single, int perPart, int reference) {
    int units = characters.stream().mapToInt(character -> character.length / unitBytes).sum();
    if (units <= single) {
      return List.of(concat(characters));
    }
    List<List<byte[]>> parts = new ArrayList<>();
    List<byte[]> current = new ArrayList<>();
    int used = 0;
    for (byte[] character : characters) {
      int cost = character.length / unitBytes;
      if (used + cost > perPart) {
        parts.add(current);
        current = new ArrayList<>();
        used = 0;
      }
      current.add(character);
      used += cost;
    }
    parts.add(current);
    List<byte[]> segments = new ArrayList<>();
    for (int n = 0; n < parts.size(); n++) {
      ByteArrayOutputStream segment = new ByteArrayOutputStream();
      segment.writeBytes(
          new byte[] {0x05, 0x00, 0x03, (byte) reference, (byte) parts.size(), (byte) (n + 1)});
      segment.writeBytes(concat(parts.get(n)));
      segments.add(segment.toByteArray());
    }
    return segments;
  }

  private static byte[] concat(List<byte[]> characters) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    characters.forEach(out::writeBytes);
    return out.toByteArray();
  }
}
