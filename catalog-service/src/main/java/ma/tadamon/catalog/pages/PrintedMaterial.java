package ma.tadamon.catalog.pages;

import com.google.zxing.common.BitMatrix;
import java.io.IOException;
import java.util.Optional;
import ma.tadamon.catalog.domain.Cooperative;
import ma.tadamon.catalog.domain.Fair;
import ma.tadamon.catalog.domain.Languages;
import ma.tadamon.catalog.domain.Product;
import ma.tadamon.platform.domain.Dirhams;
import ma.tadamon.platform.print.PdfPages;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;

/**
 * What a cooperative prints at the nearest shop: an A4 poster for its stand and an A6 label per
 * product, in Arabic and French, each with the QR code of its page and a short address to type
 * ({@link PdfPages} draws the text). Blocking (fonts and PDF writing): call it from a worker.
 */
public final class PrintedMaterial {

  private static final float MARGIN = 36;

  private final PageTexts texts;
  private final PdfPages pdf = new PdfPages();

  public PrintedMaterial(PageTexts texts) {
    this.texts = texts;
  }

  /** The fair a poster is for, and the cooperative's stand there. */
  public record Stand(Fair fair, String number) {}

  /** A cooperative's A4 stand poster, for a fair's stand when {@code stand} says which. */
  public byte[] poster(
      Cooperative cooperative, Optional<Stand> stand, String pageUrl, String shortUrl) {
    return pdf.document(
        PDRectangle.A4,
        "Tadamon — " + Languages.pick(cooperative.name(), "fr"),
        (page, fonts) -> {
          float width = PDRectangle.A4.getWidth();
          float y = PDRectangle.A4.getHeight() - MARGIN - 14;
          page.line(fonts.regular(), 14, "Tadamon · تضامن", y);
          if (stand.isPresent()) {
            Fair fair = stand.get().fair();
            y -= 24;
            page.fitted(fonts.regular(), 13, Languages.pick(fair.name(), "ar"), y);
            y -= 18;
            page.fitted(fonts.regular(), 13, Languages.pick(fair.name(), "fr"), y);
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
                y);
          }
          y -= 56;
          y = page.fitted(fonts.bold(), 30, Languages.pick(cooperative.name(), "ar"), y);
          y -= 40;
          y = page.fitted(fonts.bold(), 26, Languages.pick(cooperative.name(), "fr"), y);
          y -= 30;
          page.line(fonts.regular(), 16, region(cooperative), y);
          if (cooperative.womenLed()) {
            y -= 24;
            page.line(
                fonts.regular(),
                14,
                texts.get("ar", "badge.womenLed") + " · " + texts.get("fr", "badge.womenLed"),
                y);
          }
          float qrSize = 300;
          y -= 30 + qrSize;
          qr(page, pageUrl, (width - qrSize) / 2, y, qrSize);
          y -= 36;
          page.line(fonts.bold(), 18, texts.get("ar", "print.scan"), y);
          y -= 28;
          page.line(fonts.bold(), 16, texts.get("fr", "print.scan"), y);
          y -= 34;
          page.fitted(fonts.regular(), 18, shortUrl, y);
        });
  }

  /** A product's A6 label. */
  public byte[] label(Product product, Cooperative cooperative, String pageUrl, String shortUrl) {
    return pdf.document(
        PDRectangle.A6,
        "Tadamon — " + Languages.pick(product.name(), "fr"),
        (page, fonts) -> {
          float width = PDRectangle.A6.getWidth();
          float y = PDRectangle.A6.getHeight() - 24 - 14;
          y = page.fitted(fonts.bold(), 16, Languages.pick(product.name(), "ar"), y);
          y -= 20;
          y = page.fitted(fonts.bold(), 14, Languages.pick(product.name(), "fr"), y);
          y -= 20;
          // One line per language: numbers between Arabic and Latin words would be reordered.
          page.line(
              fonts.bold(),
              14,
              Dirhams.forReader(product.priceCentimes(), "fr") + " DH · " + product.unit(),
              y);
          y -= 18;
          page.line(
              fonts.bold(),
              14,
              Dirhams.forReader(product.priceCentimes(), "ar")
                  + " درهم · "
                  + Units.inLanguage(product.unit(), "ar"),
              y);
          y -= 18;
          page.fitted(
              fonts.regular(),
              10,
              texts.get("fr", "print.from") + " " + Languages.pick(cooperative.name(), "fr"),
              y);
          float qrSize = 140;
          y -= 8 + qrSize;
          qr(page, pageUrl, (width - qrSize) / 2, y, qrSize);
          y -= 16;
          page.line(fonts.regular(), 10, texts.get("ar", "print.scan"), y);
          y -= 14;
          page.line(fonts.regular(), 9, texts.get("fr", "print.scan"), y);
          y -= 16;
          page.fitted(fonts.regular(), 10, shortUrl, y);
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

  /** A QR code drawn as filled rectangles (vector: sharp when printed large). */
  private static void qr(PdfPages.Canvas page, String text, float x, float y, float size)
      throws IOException {
    PDPageContentStream content = page.content();
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
