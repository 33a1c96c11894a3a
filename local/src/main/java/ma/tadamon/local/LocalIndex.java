package ma.tadamon.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ma.tadamon.catalog.CatalogService;
import ma.tadamon.local.identity.DemoAccounts;
import ma.tadamon.local.identity.LocalKeycloak;
import ma.tadamon.notification.NotificationService;
import ma.tadamon.order.OrderService;
import ma.tadamon.payment.PaymentService;
import ma.tadamon.platform.http.Html;

/**
 * The local platform's own index, at /local on the storefront's origin and nowhere else: every page
 * and tool of the running platform a click away, with the demo accounts, in Arabic, French and
 * English. What the start-up banner prints, for a browser.
 */
final class LocalIndex {

  /** A link and what it is, in the three languages (ar, fr, en). */
  private record Link(String url, String ar, String fr, String en) {}

  private LocalIndex() {}

  static String page(
      String origin,
      Map<String, Integer> ports,
      String cardSandbox,
      String smsSandbox,
      String mailPage,
      LocalKeycloak keycloak) {
    List<Link> shop =
        List.of(
            new Link(
                origin + "/ar/", "المتجر بالعربية", "La boutique en arabe", "The shop in Arabic"),
            new Link(
                origin + "/fr/",
                "المتجر بالفرنسية",
                "La boutique en français",
                "The shop in French"),
            new Link(
                origin + "/en/",
                "المتجر بالإنجليزية",
                "La boutique en anglais",
                "The shop in English"),
            new Link(
                origin + "/fr/#/portal",
                "فضاء التعاونيات",
                "Espace coopératives",
                "Cooperative portal"),
            new Link(
                origin + "/fr/#/operator", "لوحة المشرف", "Console opérateur", "Operator console"),
            new Link(
                origin + "/fr/#/account", "حساب المتسوق", "Compte client", "Shopper's account"),
            new Link(origin + "/sitemap.xml", "خريطة الموقع", "Plan du site", "Sitemap"));
    List<Link> tools = new ArrayList<>();
    tools.add(new Link(smsSandbox, "محاكي الرسائل القصيرة", "Bac à sable SMS", "SMS sandbox"));
    if (mailPage != null) {
      tools.add(
          new Link(mailPage, "الرسائل الإلكترونية المرسلة", "E-mails envoyés", "Sent e-mails"));
    }
    tools.addAll(
        List.of(
            new Link(cardSandbox, "محاكي الأداء بالبطاقة", "Bac à sable carte", "Card sandbox"),
            new Link(
                origin + "/auth/admin/",
                "إدارة Keycloak",
                "Administration de Keycloak",
                "Keycloak administration")));
    StringBuilder html =
        new StringBuilder(
            "<!doctype html><html lang=\"fr\" dir=\"ltr\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<meta name=\"robots\" content=\"noindex\">"
                + "<title>Tadamon — local</title><link rel=\"stylesheet\" href=\"/app.css\"></head>"
                + "<body><main><h1>Tadamon — <span lang=\"ar\" dir=\"rtl\">المنصة المحلية</span>"
                + " · plateforme locale · local platform</h1>");
    section(html, "تضامن", "Tadamon", "Tadamon", shop);
    section(html, "الأدوات", "Outils", "Tools", tools);
    html.append("<h2>").append(trilingual("الخدمات", "Services", "Services")).append("</h2><ul>");
    for (String service :
        List.of(
            CatalogService.NAME,
            OrderService.NAME,
            PaymentService.NAME,
            NotificationService.NAME)) {
      String base = "http://localhost:" + ports.get(service);
      html.append("<li>")
          .append(Html.escape(service))
          .append(": <a href=\"")
          .append(Html.escape(base + "/health/ready"))
          .append("\">/health/ready</a> · <a href=\"")
          .append(Html.escape(base + "/metrics"))
          .append("\">/metrics</a></li>");
    }
    html.append("</ul>");
    if (keycloak != null) {
      DemoAccounts accounts = keycloak.accounts();
      html.append("<h2>")
          .append(trilingual("الحسابات التجريبية", "Comptes de démonstration", "Demo accounts"))
          .append("</h2><p>")
          .append(
              trilingual(
                  "كلمة السر لكل الحسابات",
                  "Mot de passe de tous les comptes",
                  "Password of every account"))
          .append(": <code>")
          .append(Html.escape(accounts.password()))
          .append("</code></p><ul><li><code>")
          .append(DemoAccounts.OPERATOR)
          .append("</code> — ")
          .append(
              trilingual(
                  "المشرف (رمز تطبيق المصادقة)",
                  "opératrice (code d’une application d’authentification)",
                  "operator (an authenticator app's code)"))
          .append("</li><li><code>")
          .append(Html.escape(DemoAccounts.manager("tifaouine-argan")))
          .append("</code> — ")
          .append(
              trilingual(
                  "مسيرة تعاونية (اسم كل تعاونية تجريبية)",
                  "gérante d’une coopérative (le nom court de chaque coopérative)",
                  "a cooperative's manager (each demo cooperative's short name)"))
          .append("</li><li><code>")
          .append(DemoAccounts.SHOPPER)
          .append("</code> — ")
          .append(trilingual("متسوقة", "cliente", "shopper"))
          .append("</li></ul>");
    }
    html.append("<h2>")
        .append(trilingual("منصة حية", "Une plateforme qui vit", "A platform in use"))
        .append("</h2><p><code>./tadamon demo</code> — ")
        .append(
            trilingual(
                "متسوقون وتعاونيات افتراضيون يستعملون المنصة: طلبات، رسائل قصيرة، أداءات",
                "des clientes et des coopératives simulées l’utilisent : commandes, SMS, paiements",
                "simulated shoppers and cooperatives use it: orders, SMS, payments"))
        .append("</p>");
    return html.append("</main></body></html>").toString();
  }

  private static void section(
      StringBuilder html, String ar, String fr, String en, List<Link> links) {
    html.append("<h2>").append(trilingual(ar, fr, en)).append("</h2><ul>");
    for (Link link : links) {
      html.append("<li><a href=\"")
          .append(Html.escape(link.url()))
          .append("\">")
          .append(trilingual(link.ar(), link.fr(), link.en()))
          .append("</a></li>");
    }
    html.append("</ul>");
  }

  private static String trilingual(String ar, String fr, String en) {
    return "<span lang=\"ar\" dir=\"rtl\">"
        + Html.escape(ar)
        + "</span> · "
        + Html.escape(fr)
        + " · <span lang=\"en\">"
        + Html.escape(en)
        + "</span>";
  }
}
