package ma.tadamon.catalog.pages;

import com.google.zxing.common.BitMatrix;
import com.ibm.icu.text.ArabicShaping;
import com.ibm.icu.text.ArabicShapingException;
import com.ibm.icu.text.Bidi;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import ma.tadamon.catalog.domain.Cooperative;
import ma.tadamon.catalog.domain.Fair;
import ma.tadamon.catalog.domain.Languages;
import ma.tadamon.catalog.domain.Product;
import ma.tadamon.platform.domain.Dirhams;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * What a cooperative prints at the nearest shop: an A4 poster for its stand and an A6 label per
 * product, in Arabic and French, each with the QR code of its page and a short address to type.
 * Text stays text (searchable, sharp at any size): Arabic is shaped into its joined forms and put
 * in visual order with ICU, then drawn with DejaVu Sans, which has those forms. Blocking (fonts and
 * PDF writing): call it from a worker.
 */
public final class PrintedMaterial {

  private static final String FONTS = "/net/sf/jasperreports/fonts/dejavu/";
  private static final float MARGIN = 36;

  private final PageTexts texts;
  private final byte[] regular;
  private final byte[] bold;

  public PrintedMaterial(PageTexts texts) {
    this.texts = texts;
    this.regular = font("DejaVuSans.ttf");
    this.bold = font("DejaVuSans-Bold.ttf");
  }

  /** The fair a poster is for, and the cooperative's stand there. */
  public record Stand(Fair fair, String number) {}

  /** A cooperative's A4 stand poster, for a fair's stand when {@code stand} says which. */
  public byte[] poster(
      Cooperative cooperative, Optional<Stand> stand, String pageUrl, String shortUrl) {
    return document(
        PDRectangle.A4,
        "Tadamon — " + Languages.pick(cooperative.name(), "fr"),
        (page, fonts) -> {
          float width = PDRectangle.A4.getWidth();
          float y = PDRectangle.A4.getHeight() - MARGIN - 14;
          page.line(fonts.regular(), 14, "Tadamon · تضامن", y, width);
          if (stand.isPresent()) {
            Fair fair = stand.get().fair();
            y -= 24;
            page.fitted(fonts.regular(), 13, Languages.pick(fair.name(), "ar"), y, width);
            y -= 18;
            page.fitted(fonts.regular(), 13, Languages.pick(fair.name(), "fr"), y, width);
            y -= 30;
            page.line(
                fonts.bold(),
                24,
                texts.get("fr", "fair.stand")
                    + " "
                    + stand.get().number()
                    + " · "
                    + texts.get("ar", "fair.stand")
                    + " "
                    + stand.get().number(),
                y,
                width);
          }
          y -= 56;
          y = page.fitted(fonts.bold(), 30, Languages.pick(cooperative.name(), "ar"), y, width);
          y -= 40;
          y = page.fitted(fonts.bold(), 26, Languages.pick(cooperative.name(), "fr"), y, width);
          y -= 30;
          page.line(fonts.regular(), 16, region(cooperative), y, width);
          if (cooperative.womenLed()) {
            y -= 24;
            page.line(
                fonts.regular(),
                14,
                texts.get("ar", "badge.womenLed") + " · " + texts.get("fr", "badge.womenLed"),
                y,
                width);
          }
          float qrSize = 300;
          y -= 30 + qrSize;
          page.qr(pageUrl, (width - qrSize) / 2, y, qrSize);
          y -= 36;
          page.line(fonts.bold(), 18, texts.get("ar", "print.scan"), y, width);
          y -= 28;
          page.line(fonts.bold(), 16, texts.get("fr", "print.scan"), y, width);
          y -= 34;
          page.fitted(fonts.regular(), 18, shortUrl, y, width);
        });
  }

  /** A product's A6 label. */
  public byte[] label(Product product, Cooperative cooperative, String pageUrl, String shortUrl) {
    return document(
        PDRectangle.A6,
        "Tadamon — " + Languages.pick(product.name(), "fr"),
        (page, fonts) -> {
          float width = PDRectangle.A6.getWidth();
          float y = PDRectangle.A6.getHeight() - 24 - 14;
          y = page.fitted(fonts.bold(), 16, Languages.pick(product.name(), "ar"), y, width);
          y -= 20;
          y = page.fitted(fonts.bold(), 14, Languages.pick(product.name(), "fr"), y, width);
          y -= 20;
          // One line per language: numbers between Arabic and Latin words would be reordered.
          page.line(
              fonts.bold(),
              14,
              Dirhams.forReader(product.priceCentimes(), "fr") + " DH · " + product.unit(),
              y,
              width);
          y -= 18;
          page.line(
              fonts.bold(),
              14,
              Dirhams.forReader(product.priceCentimes(), "ar")
                  + " درهم · "
                  + Units.inLanguage(product.unit(), "ar"),
              y,
              width);
          y -= 18;
          page.fitted(
              fonts.regular(),
              10,
              texts.get("fr", "print.from") + " " + Languages.pick(cooperative.name(), "fr"),
              y,
              width);
          float qrSize = 140;
          y -= 8 + qrSize;
          page.qr(pageUrl, (width - qrSize) / 2, y, qrSize);
          y -= 16;
          page.line(fonts.regular(), 10, texts.get("ar", "print.scan"), y, width);
          y -= 14;
          page.line(fonts.regular(), 9, texts.get("fr", "print.scan"), y, width);
          y -= 16;
          page.fitted(fonts.regular(), 10, shortUrl, y, width);
        });
  }

  private String region(Cooperative cooperative) {
    String slug = cooperative.region().slug();
    return texts.get("ar", "region." + slug)
        + " · "
        + Languages.pick(cooperative.city(), "ar")
        + " — "
        + texts.get("fr", "region." + slug)
        + " · "
        + Languages.pick(cooperative.city(), "fr");
  }

  // --- drawing -----------------------------------------------------------------------------------

  private record Fonts(PDFont regular, PDFont bold) {}

  private interface Drawing {
    void draw(Canvas page, Fonts fonts) throws IOException;
  }

  private byte[] document(PDRectangle size, String title, Drawing drawing) {
    try (PDDocument document = new PDDocument()) {
      PDDocumentInformation information = new PDDocumentInformation();
      information.setTitle(title);
      information.setCreator("Tadamon");
      document.setDocumentInformation(information);
      PDPage page = new PDPage(size);
      document.addPage(page);
      Fonts fonts =
          new Fonts(
              PDType0Font.load(document, new ByteArrayInputStream(regular)),
              PDType0Font.load(document, new ByteArrayInputStream(bold)));
      try (PDPageContentStream content = new PDPageContentStream(document, page)) {
        drawing.draw(new Canvas(content), fonts);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One page's drawing: centred lines of text and a QR code, in PDF points from the bottom. */
  private record Canvas(PDPageContentStream content) {

    void line(PDFont font, float size, String text, float y, float pageWidth) throws IOException {
      String visual = visual(text);
      float width = font.getStringWidth(visual) / 1000 * size;
      content.beginText();
      content.setFont(font, size);
      content.newLineAtOffset((pageWidth - width) / 2, y);
      content.showText(visual);
      content.endText();
    }

    /** A line made smaller until it fits the page's width (down to 8 pt); returns {@code y}. */
    float fitted(PDFont font, float size, String text, float y, float pageWidth)
        throws IOException {
      String visual = visual(text);
      float fitting = size;
      while (fitting > 8 && font.getStringWidth(visual) / 1000 * fitting > pageWidth - 2 * 24) {
        fitting -= 1;
      }
      line(font, fitting, text, y, pageWidth);
      return y;
    }

    void qr(String text, float x, float y, float size) throws IOException {
      BitMatrix matrix = QrCodes.encode(text);
      int modules = matrix.getWidth();
      float module = size / modules;
      content.setNonStrokingColor(0f);
      // Each row's dark runs as one rectangle, a hair larger than the modules: drawn square by
      // square, anti-aliasing leaves light seams between neighbours that a phone's camera misreads.
      float overlap = module * 0.05f;
      for (int row = 0; row < modules; row++) {
        int column = 0;
        while (column < modules) {
          if (!matrix.get(column, row)) {
            column++;
            continue;
          }
          int start = column;
          while (column < modules && matrix.get(column, row)) {
            column++;
          }
          content.addRect(
              x + start * module,
              y + (modules - 1 - row) * module - overlap,
              (column - start) * module + overlap,
              module + overlap);
        }
      }
      content.fill();
    }
  }

  /**
   * Text in the order and the forms a PDF draws it: Arabic letters joined (initial, medial, final
   * forms), then the line in visual order, left to right, Latin words and numbers kept readable.
   */
  static String visual(String text) {
    boolean arabic = text.codePoints().anyMatch(c -> c >= 0x0600 && c <= 0x06FF);
    if (!arabic) {
      return text;
    }
    try {
      String shaped =
          new ArabicShaping(
                  ArabicShaping.LETTERS_SHAPE
                      | ArabicShaping.TEXT_DIRECTION_LOGICAL
                      | ArabicShaping.LENGTH_GROW_SHRINK)
              .shape(text);
      Bidi bidi = new Bidi();
      bidi.setPara(shaped, Bidi.LEVEL_DEFAULT_RTL, null);
      return bidi.writeReordered(Bidi.DO_MIRRORING);
    } catch (ArabicShapingException e) {
      return text;
    }
  }

  private static byte[] font(String name) {
    try (InputStream in = PrintedMaterial.class.getResourceAsStream(FONTS + name)) {
      if (in == null) {
        throw new IllegalStateException("the font " + name + " is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
