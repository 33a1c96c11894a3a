package ma.tadamon.platform.http;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules a field breaks, told in the reader's language. The domain words its rules once, in
 * English, for developers and logs; a shopper or a cooperative filling a form reads them in Arabic
 * or French. Each kind of message the services write is matched here, its numbers carried over; a
 * message not listed stays in English (a test lists the ones people meet in forms).
 */
final class FieldMessages {

  /** An English message's shape, and its Arabic and French wording ({0}, {1}: its numbers). */
  private record Wording(Pattern english, String arabic, String french) {

    Wording(String english, String arabic, String french) {
      this(Pattern.compile(english), arabic, french);
    }
  }

  private static final List<Wording> WORDINGS =
      List.of(
          new Wording(
              "Some fields are not valid",
              "بعض الخانات غير صحيحة",
              "Certains champs ne sont pas valides"),
          new Wording(
              "(\\d+) fields are not valid",
              "بعض الخانات غير صحيحة",
              "{0} champs ne sont pas valides"),
          new Wording("is required", "هذه الخانة ضرورية", "ce champ est obligatoire"),
          new Wording("must not be empty", "لا يمكن أن تكون فارغة", "ne peut pas être vide"),
          new Wording(
              "(?:must be )?at most (\\d+) characters",
              "{0} حرفا على الأكثر",
              "{0} caractères au plus"),
          new Wording(
              "the member's name, at most (\\d+) characters",
              "اسم العضو، {0} حرفا على الأكثر",
              "le nom du membre, {0} caractères au plus"),
          new Wording("is too long", "النص طويل جدا", "le texte est trop long"),
          new Wording(
              "(?:must be )?an international number such as \\+212\\d+",
              "رقم دولي مثل \u2066+212612345678\u2069",
              "un numéro international comme +212612345678"),
          new Wording(
              "(?:is not )?an e-mail address",
              "عنوان بريد إلكتروني صحيح",
              "une adresse e-mail valide"),
          new Wording(
              "give it in Arabic, French or English at least",
              "اكتبوه بالعربية أو الفرنسية أو الإنجليزية على الأقل",
              "donnez-le au moins en arabe, en français ou en anglais"),
          new Wording(
              "(?:languages are|must be) ar, fr, en (?:and|or) zgh",
              "اللغات: العربية، الفرنسية، الإنجليزية، الأمازيغية",
              "langues : arabe, français, anglais, amazighe"),
          new Wording(
              "must be a whole number from (\\d+) to (\\d+)",
              "عدد صحيح من {0} إلى {1}",
              "un nombre entier de {0} à {1}"),
          new Wording("must be from (\\d+) to (\\d+)", "من {0} إلى {1}", "de {0} à {1}"),
          new Wording("at most (\\d+)", "{0} على الأكثر", "{0} au plus"),
          new Wording(
              "must be one of Morocco's 12 regions",
              "اختاروا جهة من جهات المغرب الاثنتي عشرة",
              "choisissez une des 12 régions du Maroc"),
          new Wording("must be one of .*", "اختاروا من القائمة", "choisissez dans la liste"),
          new Wording("must be true or false", "نعم أو لا", "oui ou non"),
          new Wording(
              "add at least one product",
              "أضيفوا منتجا واحدا على الأقل",
              "ajoutez au moins un produit"),
          new Wording(
              "at most (\\d+) lines per order",
              "{0} منتجا على الأكثر في الطلب الواحد",
              "{0} lignes au plus par commande"),
          new Wording(
              "must be CASH_ON_DELIVERY or CARD",
              "اختاروا الدفع عند الاستلام أو بالبطاقة",
              "choisissez le paiement à la livraison ou par carte"),
          new Wording("no such product", "هذا المنتج غير موجود", "ce produit n'existe pas"),
          new Wording(
              "this product is no longer sold",
              "هذا المنتج لم يعد معروضا للبيع",
              "ce produit n'est plus en vente"),
          new Wording(
              "this cooperative is not selling yet",
              "هذه التعاونية لا تبيع بعد",
              "cette coopérative ne vend pas encore"),
          new Wording(
              "say why the part is declined; the shopper is told",
              "اكتبوا سبب الرفض، سنخبر به الزبون",
              "dites pourquoi vous refusez : l'acheteur en est informé"),
          new Wording(
              "must not contain control characters",
              "لا يمكن أن يحتوي على رموز تحكم",
              "ne doit pas contenir de caractères de contrôle"),
          new Wording(
              "choose at least one of sms, email, webhook",
              "اختاروا قناة واحدة على الأقل",
              "choisissez au moins un canal"),
          new Wording("an http\\(s\\) address", "عنوان يبدأ بـ https://", "une adresse https://"),
          new Wording(
              "must be an https:// address or a path starting with /",
              "عنوان يبدأ بـ https:// أو بـ /",
              "une adresse https:// ou un chemin commençant par /"),
          new Wording(
              "no such cooperative", "هذه التعاونية غير موجودة", "cette coopérative n'existe pas"),
          // A cooperative's seller identity (the portal).
          new Wording("the ICE is 15 digits", "رقم ICE من 15 رقما", "l'ICE compte 15 chiffres"),
          new Wording(
              "the IF is 1 to 10 digits",
              "رقم التعريف الضريبي من 1 إلى 10 أرقام",
              "l'IF compte de 1 à 10 chiffres"),
          // A withdrawal from a delivered part (the order's page).
          new Wording("at most (\\d+) lines", "{0} سطرا على الأكثر", "{0} lignes au plus"),
          new Wording(
              "not a product of this part",
              "هذا المنتج ليس من هذا الجزء من الطلب",
              "ce produit ne fait pas partie de cette livraison"),
          new Wording("named twice", "مذكور مرتين", "indiqué deux fois"),
          new Wording(
              "from 1 to (\\d+), as bought",
              "من 1 إلى {0}، كما اشتريتم",
              "de 1 à {0}, comme acheté"),
          // The checkout's boxes: the terms, and consent to news.
          new Wording(
              "the version of the terms shown, e\\.g\\. 2026-12-01",
              "إصدار الشروط المعروضة، مثل \u20662026-12-01\u2069",
              "la version des conditions affichées, par exemple 2026-12-01"),
          new Wording(
              "the version of the consent text shown, e\\.g\\. v1",
              "إصدار نص الموافقة المعروض، مثل \u2066v1\u2069",
              "la version du texte de consentement affiché, par exemple v1"),
          // The operators' console: announcements and back-office references.
          new Wording(
              "in Arabic and French at least \\(ar, fr; en if you can\\)",
              "بالعربية والفرنسية على الأقل (والإنجليزية إن أمكن)",
              "au moins en arabe et en français (et en anglais si possible)"),
          new Wording(
              "languages are ar, fr and en",
              "اللغات: العربية، الفرنسية، الإنجليزية",
              "langues : arabe, français, anglais"),
          new Wording(
              "SMS, EMAIL or both",
              "رسالة قصيرة أو بريد إلكتروني أو كلاهما",
              "SMS, e-mail ou les deux"),
          new Wording(
              "(?:.*, )?(\\d+) to (\\d+) characters",
              "من {0} إلى {1} حرفا",
              "de {0} à {1} caractères"));

  private FieldMessages() {}

  /** {@code message} in {@code language}; English, or a message not listed, as it is. */
  static String inLanguage(String message, String language) {
    if (message == null || "en".equals(language)) {
      return message;
    }
    for (Wording wording : WORDINGS) {
      Matcher matched = wording.english().matcher(message);
      if (matched.matches()) {
        String text = "ar".equals(language) ? wording.arabic() : wording.french();
        for (int group = 1; group <= matched.groupCount(); group++) {
          text = text.replace("{" + (group - 1) + "}", matched.group(group));
        }
        return text;
      }
    }
    return message;
  }

  /** The {@code errors} of a problem, each message in {@code language}. */
  static List<Map<String, Object>> inLanguage(List<?> errors, String language) {
    return errors.stream()
        .map(
            error -> {
              @SuppressWarnings("unchecked")
              Map<String, Object> fieldError = (Map<String, Object>) error;
              Object message = fieldError.get("message");
              return message instanceof String english
                  ? Map.<String, Object>of(
                      "field", fieldError.get("field"), "message", inLanguage(english, language))
                  : fieldError;
            })
        .toList();
  }
}
