package org.tongban.seal.ofd.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.tongban.MalformedInputException;
import org.tongban.io.Limits;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The XML parts of an OFD package, parsed by a hardened parser: no DTD (a document with a
 * {@code DOCTYPE} is refused, so no entity of any kind), no external access, no XInclude, secure
 * processing, element depth at most {@link Limits#MAX_XML_DEPTH}; sizes are bounded by the
 * caller ({@link OfdPackage#read}).
 *
 * <p>Elements are matched by local name in the OFD namespace {@code http://www.ofdspec.org/2016},
 * with any prefix or none, and in the variants producers write: no namespace, or another
 * {@code http://www.ofdspec.org/...} URI.
 */
public final class OfdXml {
  /** The namespace GB/T 33190 defines. */
  public static final String NAMESPACE = "http://www.ofdspec.org/2016";
  private static final DocumentBuilderFactory FACTORY = factory();
  private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(() -> {
    try {
      DocumentBuilder b = FACTORY.newDocumentBuilder();
      b.setEntityResolver((publicId, systemId) -> {
        throw new SAXException("external entity refused");
      });
      b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
        @Override
        public void error(SAXParseException e) throws SAXException {
          throw e;
        }
      });
      return b;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException(e);
    }
  });

  private OfdXml() {}

  private static DocumentBuilderFactory factory() {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    try {
      f.setNamespaceAware(true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      f.setAttribute("jdk.xml.maxElementDepth", Integer.toString(Limits.MAX_XML_DEPTH));
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      return f;
    } catch (ParserConfigurationException | IllegalArgumentException e) {
      throw new IllegalStateException("the JDK's XML parser cannot be hardened", e);
    }
  }

  /**
   * Parses one part.
   *
   * @param bytes the part
   * @param what the part's name, for messages
   * @return the root element
   * @throws MalformedInputException if it is not well-formed or breaks a rule above
   */
  public static Element parse(byte[] bytes, String what) {
    DocumentBuilder b = BUILDER.get();
    b.reset();
    try {
      Document d = b.parse(new InputSource(new ByteArrayInputStream(bytes)));
      return d.getDocumentElement();
    } catch (SAXException | IOException | RuntimeException e) {
      throw new MalformedInputException(what + " is not acceptable XML: " + e.getMessage(), e);
    } finally {
      b.reset();
    }
  }

  /**
   * Parses XML text; for writers that re-read what they made.
   *
   * @param xml the text
   * @param what a name for messages
   * @return the root element
   */
  public static Element parse(String xml, String what) {
    DocumentBuilder b = BUILDER.get();
    b.reset();
    try {
      return b.parse(new InputSource(new StringReader(xml))).getDocumentElement();
    } catch (SAXException | IOException | RuntimeException e) {
      throw new MalformedInputException(what + " is not acceptable XML: " + e.getMessage(), e);
    } finally {
      b.reset();
    }
  }

  /**
   * Returns whether an element is the OFD element of this local name.
   *
   * @param e the element
   * @param localName e.g. {@code Signature}
   * @return true if it is
   */
  public static boolean is(Element e, String localName) {
    String ns = e.getNamespaceURI();
    String name = e.getLocalName() != null ? e.getLocalName() : e.getTagName();
    return localName.equals(name) && (ns == null || ns.startsWith("http://www.ofdspec.org"));
  }

  /**
   * Returns the child elements of this local name, in document order.
   *
   * @param parent the parent
   * @param localName the name
   * @return the children
   */
  public static List<Element> children(Element parent, String localName) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && is(e, localName)) {
        out.add(e);
      }
    }
    return out;
  }

  /**
   * Returns the only child of this local name.
   *
   * @param parent the parent
   * @param localName the name
   * @return the child, or empty if there is none
   * @throws MalformedInputException if there are several
   */
  public static Optional<Element> child(Element parent, String localName) {
    List<Element> c = children(parent, localName);
    if (c.size() > 1) {
      throw new MalformedInputException("more than one " + localName + " in "
          + parent.getLocalName());
    }
    return c.isEmpty() ? Optional.empty() : Optional.of(c.get(0));
  }

  /**
   * Returns the only child's trimmed text.
   *
   * @param parent the parent
   * @param localName the name
   * @return the text, or empty if there is no such child
   */
  public static Optional<String> text(Element parent, String localName) {
    return child(parent, localName).map(e -> e.getTextContent().trim());
  }

  /**
   * Returns an attribute, unqualified.
   *
   * @param e the element
   * @param name the attribute
   * @return its value, or empty if absent
   */
  public static Optional<String> attribute(Element e, String name) {
    return e.hasAttribute(name) ? Optional.of(e.getAttribute(name).trim()) : Optional.empty();
  }
}
