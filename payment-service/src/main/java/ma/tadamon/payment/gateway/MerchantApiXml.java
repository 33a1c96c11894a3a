package ma.tadamon.payment.gateway;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The documents of CMI's merchant API (the "CC5" XML interface its platform shares with other
 * acquirers): a {@code <CC5Request>} of named elements, and the {@code <CC5Response>} read back as
 * its elements' names and texts. Values are escaped on the way out; the answer is parsed with
 * document type declarations refused (no external entities from a server's answer).
 */
final class MerchantApiXml {

  private MerchantApiXml() {}

  /** {@code <CC5Request><Name>…</Name>…</CC5Request>}, elements in the given order. */
  static String request(Map<String, String> elements) {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><CC5Request>");
    elements.forEach(
        (name, value) ->
            xml.append('<')
                .append(name)
                .append('>')
                .append(escape(value))
                .append("</")
                .append(name)
                .append('>'));
    return xml.append("</CC5Request>").toString();
  }

  /**
   * The answer's elements under {@code <CC5Response>}, by name (nested ones too, e.g. those of
   * {@code <Extra>}); fails with IllegalArgumentException on anything else.
   */
  static Map<String, String> response(String xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setExpandEntityReferences(false);
      Element root =
          factory
              .newDocumentBuilder()
              .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
              .getDocumentElement();
      if (!"CC5Response".equals(root.getTagName())) {
        throw new IllegalArgumentException("not a CC5Response but " + root.getTagName());
      }
      Map<String, String> values = new LinkedHashMap<>();
      collect(root, values);
      return values;
    } catch (IllegalArgumentException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalArgumentException("not a readable CC5Response: " + e.getMessage(), e);
    }
  }

  private static void collect(Element parent, Map<String, String> values) {
    NodeList children = parent.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i).getNodeType() == Node.ELEMENT_NODE) {
        Element child = (Element) children.item(i);
        boolean leaf = child.getElementsByTagName("*").getLength() == 0;
        if (leaf) {
          values.putIfAbsent(child.getTagName(), child.getTextContent().strip());
        } else {
          collect(child, values);
        }
      }
    }
  }

  private static String escape(String value) {
    StringBuilder escaped = new StringBuilder(value.length());
    for (char c : value.toCharArray()) {
      switch (c) {
        case '&' -> escaped.append("&amp;");
        case '<' -> escaped.append("&lt;");
        case '>' -> escaped.append("&gt;");
        case '"' -> escaped.append("&quot;");
        case '\'' -> escaped.append("&apos;");
        default -> escaped.append(c);
      }
    }
    return escaped.toString();
  }
}
