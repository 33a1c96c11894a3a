package ma.tadamon.platform.print;

import com.ibm.icu.text.ArabicShaping;
import com.ibm.icu.text.ArabicShapingException;
import com.ibm.icu.text.Bidi;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * PDF pages in Arabic and Latin scripts: what Tadamon prints (stand posters, labels, invoices).
 * Text stays text (searchable, sharp at any size, extractable): Arabic is shaped into its joined
 * forms and put in visual order with ICU, then drawn with DejaVu Sans, which has those forms.
 * Blocking (fonts and PDF writing): call it from a worker.
 */
public final class PdfPages {

  private static final String FONTS = "/net/sf/jasperreports/fonts/dejavu/";

  private final byte[] regular;
  private final byte[] bold;

  public PdfPages() {
    this.regular = font("DejaVuSans.ttf");
    this.bold = font("DejaVuSans-Bold.ttf");
  }

  /** The document's two weights of DejaVu Sans. */
  public record Fonts(PDFont regular, PDFont bold) {}

  /** What one page draws. */
  public interface Drawing {
    void draw(Canvas page, Fonts fonts) throws IOException;
  }

  /** A document of one page. */
  public byte[] document(PDRectangle size, String title, Drawing drawing) {
    return document(size, title, List.of(drawing));
  }

  /** A document of as many pages as {@code pages}, in order. */
  public byte[] document(PDRectangle size, String title, List<Drawing> pages) {
    try (PDDocument document = new PDDocument()) {
      PDDocumentInformation information = new PDDocumentInformation();
      information.setTitle(title);
      information.setCreator("Tadamon");
      document.setDocumentInformation(information);
      Fonts fonts =
          new Fonts(
              PDType0Font.load(document, new ByteArrayInputStream(regular)),
              PDType0Font.load(document, new ByteArrayInputStream(bold)));
      for (Drawing drawing : pages) {
        PDPage page = new PDPage(size);
        document.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
          drawing.draw(new Canvas(content, size.getWidth()), fonts);
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      document.save(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One page's drawing: lines of text placed in PDF points from the bottom left. */
  public record Canvas(PDPageContentStream content, float pageWidth) {

    /** A line centred on the page. */
    public void line(PDFont font, float size, String text, float y) throws IOException {
      at(font, size, text, (pageWidth - width(font, size, text)) / 2, y);
    }

    /** A line made smaller until it fits the page's width (down to 8 pt); returns {@code y}. */
    public float fitted(PDFont font, float size, String text, float y) throws IOException {
      float fitting = size;
      while (fitting > 8 && width(font, fitting, text) > pageWidth - 2 * 24) {
        fitting -= 1;
      }
      line(font, fitting, text, y);
      return y;
    }

    /** A line starting at {@code x}. */
    public void left(PDFont font, float size, String text, float x, float y) throws IOException {
      at(font, size, text, x, y);
    }

    /** A line ending at {@code x}: numbers in a column, Arabic against the right margin. */
    public void right(PDFont font, float size, String text, float x, float y) throws IOException {
      at(font, size, text, x - width(font, size, text), y);
    }

    /** A thin rule across, from {@code x1} to {@code x2}. */
    public void rule(float x1, float x2, float y) throws IOException {
      content.setLineWidth(0.5f);
      content.moveTo(x1, y);
      content.lineTo(x2, y);
      content.stroke();
    }

    public float width(PDFont font, float size, String text) throws IOException {
      return font.getStringWidth(visual(text)) / 1000 * size;
    }

    private void at(PDFont font, float size, String text, float x, float y) throws IOException {
      content.beginText();
      content.setFont(font, size);
      content.newLineAtOffset(x, y);
      content.showText(visual(text));
      content.endText();
    }
  }

  /**
   * Text in the order and the forms a PDF draws it: Arabic letters joined (initial, medial, final
   * forms), then the line in visual order, left to right, Latin words and numbers kept readable.
   */
  public static String visual(String text) {
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
    try (InputStream in = PdfPages.class.getResourceAsStream(FONTS + name)) {
      if (in == null) {
        throw new IllegalStateException("the font " + name + " is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
