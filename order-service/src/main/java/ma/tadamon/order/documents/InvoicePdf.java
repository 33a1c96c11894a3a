package ma.tadamon.order.documents;

import java.io.IOException;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ma.tadamon.order.domain.Invoice;
import ma.tadamon.order.domain.WithdrawalPolicy;
import ma.tadamon.platform.domain.Dirhams;
import ma.tadamon.platform.print.PdfPages;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;

/**
 * An invoice or credit note as an A4 PDF in French and Arabic: each heading in both, the seller's
 * identifiers, the buyer, the lines (the product's French and Arabic names), and the totals with
 * the VAT apart. Blocking: call it from a worker.
 */
public final class InvoicePdf {

  private static final int LINES_PER_PAGE = 18;
  private static final float MARGIN = 40;
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

  private final PdfPages pdf = new PdfPages();

  public byte[] render(Invoice invoice) {
    List<List<Invoice.Line>> pages = new ArrayList<>();
    for (int i = 0; i < invoice.lines().size(); i += LINES_PER_PAGE) {
      pages.add(invoice.lines().subList(i, Math.min(invoice.lines().size(), i + LINES_PER_PAGE)));
    }
    List<PdfPages.Drawing> drawings = new ArrayList<>();
    for (int page = 0; page < pages.size(); page++) {
      List<Invoice.Line> lines = pages.get(page);
      boolean last = page == pages.size() - 1;
      drawings.add((canvas, fonts) -> draw(canvas, fonts, invoice, lines, last));
    }
    return pdf.document(PDRectangle.A4, "Tadamon — " + invoice.displayNumber(), drawings);
  }

  private static void draw(
      PdfPages.Canvas page,
      PdfPages.Fonts fonts,
      Invoice invoice,
      List<Invoice.Line> lines,
      boolean last)
      throws IOException {
    float left = MARGIN;
    float right = PDRectangle.A4.getWidth() - MARGIN;
    float y = PDRectangle.A4.getHeight() - MARGIN - 10;
    boolean credit = invoice.kind() == Invoice.Kind.CREDIT_NOTE;
    page.left(fonts.regular(), 9, "Tadamon", left, y);
    page.right(fonts.regular(), 9, "تضامن", right, y);
    y -= 26;
    page.left(
        fonts.bold(),
        16,
        (credit ? "AVOIR N° " : "FACTURE N° ") + invoice.displayNumber(),
        left,
        y);
    page.right(
        fonts.bold(),
        16,
        (credit ? "إشعار دائن" : "فاتورة") + " رقم " + invoice.displayNumber(),
        right,
        y);
    y -= 18;
    String day = invoice.issuedAt().atZone(WithdrawalPolicy.ZONE).format(DAY);
    page.left(fonts.regular(), 10, "Date : " + day + " · Commande " + invoice.orderCode(), left, y);
    page.right(
        fonts.regular(), 10, "التاريخ: " + day + " · الطلب " + invoice.orderCode(), right, y);

    y -= 30;
    Invoice.Seller seller = invoice.seller();
    page.left(fonts.bold(), 11, "Vendeur", left, y);
    page.right(fonts.bold(), 11, "البائع", right, y);
    y -= 15;
    page.left(fonts.regular(), 10, pick(seller.name(), "fr"), left, y);
    page.right(fonts.regular(), 10, pick(seller.name(), "ar"), right, y);
    y =
        identifier(
            page,
            fonts,
            "N° d'immatriculation",
            "رقم التسجيل",
            seller.registrationNumber(),
            y,
            left,
            right);
    y = identifier(page, fonts, "ICE", "التعريف الموحد للمقاولة", seller.ice(), y, left, right);
    y = identifier(page, fonts, "IF", "التعريف الضريبي", seller.taxId(), y, left, right);
    if (seller.address() != null) {
      y -= 13;
      page.left(fonts.regular(), 9, seller.address(), left, y);
    }

    y -= 24;
    Invoice.Buyer buyer = invoice.buyer();
    page.left(fonts.bold(), 11, "Client", left, y);
    page.right(fonts.bold(), 11, "الزبون", right, y);
    y -= 15;
    page.left(fonts.regular(), 10, buyer.name(), left, y);
    y -= 13;
    page.left(
        fonts.regular(),
        9,
        buyer.addressLine()
            + ", "
            + buyer.city()
            + (buyer.postalCode() == null ? "" : " " + buyer.postalCode()),
        left,
        y);

    y -= 28;
    float quantityColumn = right - 190;
    float unitColumn = right - 100;
    page.left(fonts.bold(), 9, "Désignation · التعيين", left, y);
    page.right(fonts.bold(), 9, "Qté · الكمية", quantityColumn, y);
    page.right(fonts.bold(), 9, "P.U. TTC (DH)", unitColumn, y);
    page.right(fonts.bold(), 9, "Montant TTC (DH)", right, y);
    y -= 6;
    page.rule(left, right, y);
    for (Invoice.Line line : lines) {
      y -= 15;
      page.left(fonts.regular(), 10, pick(line.name(), "fr"), left, y);
      page.right(fonts.regular(), 10, String.valueOf(line.quantity()), quantityColumn, y);
      page.right(fonts.regular(), 10, Dirhams.onInvoice(line.unitPriceCentimes()), unitColumn, y);
      page.right(fonts.regular(), 10, Dirhams.onInvoice(line.amountCentimes()), right, y);
      String arabic = line.name().get("ar");
      if (arabic != null && !arabic.isBlank()) {
        y -= 12;
        page.left(fonts.regular(), 9, arabic, left + 12, y);
      }
    }
    y -= 8;
    page.rule(left, right, y);
    if (!last) {
      page.right(fonts.regular(), 9, "…", right, y - 14);
      return;
    }

    y -= 18;
    y =
        total(
            page,
            fonts.regular(),
            "Total HT",
            "المجموع دون الضريبة",
            invoice.netCentimes(),
            y,
            left,
            right);
    y =
        total(
            page,
            fonts.regular(),
            "TVA " + Dirhams.forReader(invoice.vatBasisPoints(), "fr") + " %",
            "الضريبة على القيمة المضافة",
            invoice.vatCentimes(),
            y,
            left,
            right);
    y = total(page, fonts.bold(), "Total TTC", "المجموع", invoice.totalCentimes(), y, left, right);
    if (invoice.vatBasisPoints() == 0) {
      y -= 16;
      page.left(fonts.regular(), 8, "TVA non applicable (coopérative exonérée).", left, y);
      page.right(fonts.regular(), 8, "معفاة من الضريبة على القيمة المضافة (تعاونية).", right, y);
    }
    y -= 30;
    page.left(
        fonts.regular(),
        8,
        "Vendu par la coopérative ci-dessus sur Tadamon, place de marché de l'économie sociale et solidaire.",
        left,
        y);
  }

  private static float identifier(
      PdfPages.Canvas page,
      PdfPages.Fonts fonts,
      String french,
      String arabic,
      String value,
      float y,
      float left,
      float right)
      throws IOException {
    if (value == null) {
      return y;
    }
    y -= 13;
    page.left(fonts.regular(), 9, french + " : " + value, left, y);
    page.right(fonts.regular(), 9, arabic + ": " + value, right, y);
    return y;
  }

  private static float total(
      PdfPages.Canvas page,
      PDFont font,
      String french,
      String arabic,
      long centimes,
      float y,
      float left,
      float right)
      throws IOException {
    String amount = Dirhams.onInvoice(centimes) + " DH";
    page.left(font, 10, french + " · " + arabic, left + 240, y);
    page.right(font, 10, amount, right, y);
    return y - 15;
  }

  private static String pick(Map<String, String> texts, String language) {
    String text = texts.get(language);
    if (text != null && !text.isBlank()) {
      return text;
    }
    return texts.getOrDefault("fr", texts.values().stream().findFirst().orElse(""));
  }
}
