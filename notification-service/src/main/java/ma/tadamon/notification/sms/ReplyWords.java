package ma.tadamon.notification.sms;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import ma.tadamon.events.CooperativeAction;

/**
 * The words of SMS replies, as data: {@code sms/reply-words.txt}, one action a line, its words
 * after the colon. A word given to two actions is a mistake in the list, refused at start-up.
 */
final class ReplyWords {

  private static final String RESOURCE = "/sms/reply-words.txt";

  private ReplyWords() {}

  static Map<String, CooperativeAction> load() {
    try (InputStream in = ReplyWords.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the service");
      }
      Map<String, CooperativeAction> words = new HashMap<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = reader.readLine()) != null) {
        line = line.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        int colon = line.indexOf(':');
        CooperativeAction action =
            CooperativeAction.valueOf(line.substring(0, colon).strip().toUpperCase(Locale.ROOT));
        for (String word : line.substring(colon + 1).strip().split("\\s+")) {
          CooperativeAction earlier = words.put(SmsCommand.normalise(word), action);
          if (earlier != null && earlier != action) {
            throw new IllegalStateException(
                "'" + word + "' means both " + earlier + " and " + action + " in " + RESOURCE);
          }
        }
      }
      return Map.copyOf(words);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
