package ma.tadamon.catalog.pages;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The terms of sale and the privacy notice, by version and language (docs/compliance.md). A new
 * wording is a new version, its files beside the old ones: an order records the version its shopper
 * accepted, and that text stays readable. Each file is a title line ("# "), then sections: a "## "
 * heading and its paragraphs.
 */
public final class LegalTexts {

  /** The documents and their current versions. */
  public static final Map<String, String> CURRENT =
      Map.of("terms", "2026-12-01", "privacy", "2026-12-01");

  /** A document as a page shows it. */
  public record Document(String kind, String version, String title, List<Section> sections) {}

  public record Section(String heading, List<String> paragraphs) {}

  private final Map<String, Document> documents = new HashMap<>();

  public LegalTexts() {
    CURRENT.forEach(
        (kind, version) -> {
          for (String lang : PageTexts.LANGUAGES) {
            documents.put(kind + ":" + lang, read(kind, version, lang));
          }
        });
  }

  public Document current(String kind, String lang) {
    Document document = documents.get(kind + ":" + lang);
    if (document == null) {
      throw new IllegalArgumentException("no legal text " + kind + " in " + lang);
    }
    return document;
  }

  private static Document read(String kind, String version, String lang) {
    String path = "/legal/" + kind + "-" + version + "-" + lang + ".txt";
    try (InputStream in = LegalTexts.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("the legal text " + path + " is missing");
      }
      String title = "";
      List<Section> sections = new ArrayList<>();
      String heading = null;
      List<String> paragraphs = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.startsWith("## ")) {
          if (heading != null) {
            sections.add(new Section(heading, List.copyOf(paragraphs)));
          }
          heading = line.substring(3).strip();
          paragraphs = new ArrayList<>();
        } else if (line.startsWith("# ")) {
          title = line.substring(2).strip();
        } else if (!line.isBlank()) {
          paragraphs.add(line.strip());
        }
      }
      if (heading != null) {
        sections.add(new Section(heading, List.copyOf(paragraphs)));
      }
      return new Document(kind, version, title, List.copyOf(sections));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
