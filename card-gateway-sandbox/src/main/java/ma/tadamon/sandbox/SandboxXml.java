package ma.tadamon.sandbox;

import java.io.StringReader;
import java.util.HashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The sandbox's reading and writing of the merchant API's XML ({@code <CC5Request>} in, {@code
 * <CC5Response>} out), with a streaming parser of its own: payment-service builds and reads these
 * documents with other code, so that one side misreading the format fails the tests.
 */
final class SandboxXml {

  private SandboxXml() {}

  /** The request's top-level elements by name; IllegalArgumentException when it is not one. */
  static Map<String, String> read(String data) {
    if (data == null || data.isBlank()) {
      throw new IllegalArgumentException("DATA is required: the CC5Request document");
    }
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    try {
      XMLStreamReader xml = factory.createXMLStreamReader(new StringReader(data));
      xml.nextTag();
      if (!"CC5Request".equals(xml.getLocalName())) {
        throw new IllegalArgumentException("the document is not a CC5Request");
      }
      Map<String, String> elements = new HashMap<>();
      while (xml.nextTag() == XMLStreamReader.START_ELEMENT) {
        String name = xml.getLocalName();
        elements.put(name, xml.getElementText().trim());
      }
      return elements;
    } catch (XMLStreamException e) {
      throw new IllegalArgumentException("the CC5Request is not well-formed XML");
    }
  }

  static String response(Map<String, String> elements) {
    StringBuilder xml =
        new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<CC5Response>");
    elements.forEach(
        (name, value) ->
            xml.append("\n  <")
                .append(name)
                .append('>')
                .append(value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
                .append("</")
                .append(name)
                .append('>'));
    return xml.append("\n</CC5Response>\n").toString();
  }
}
