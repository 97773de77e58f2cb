package org.tongban.seal.ofd.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tongban.MalformedInputException;
import org.tongban.io.Limits;
import org.w3c.dom.Element;

/** The hardened XML reading of OFD parts: no DTD or entity of any kind, bounded depth. */
class OfdXmlTest {
  private static Element parse(String xml) {
    return OfdXml.parse(xml.getBytes(StandardCharsets.UTF_8), "test.xml");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "<ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\"><ofd:DocBody/></ofd:OFD>",
      "<OFD xmlns=\"http://www.ofdspec.org/2016\"><DocBody/></OFD>",
      "<OFD><DocBody/></OFD>",
      "<ofd:OFD xmlns:ofd=\"http://www.ofdspec.org\"><ofd:DocBody/></ofd:OFD>"})
  void theOfdNamespace_withAnyPrefixOrNone_andProducerVariants(String xml) {
    Element root = parse(xml);
    assertTrue(OfdXml.is(root, "OFD"));
    assertEquals(1, OfdXml.children(root, "DocBody").size());
  }

  @Test
  void anotherNamespace_isNotOfd() {
    assertEquals(0, OfdXml.children(parse("<OFD xmlns:x=\"urn:other\"><x:DocBody/></OFD>"),
        "DocBody").size());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "<!DOCTYPE OFD [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><OFD>&x;</OFD>",
      "<!DOCTYPE OFD SYSTEM \"http://127.0.0.1:1/x.dtd\"><OFD/>",
      "<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>"
          + "<OFD>&lol2;</OFD>",
      "<OFD xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"file:///etc/passwd\""
          + " parse=\"text\"/></OFD>"})
  void dtdsEntitiesAndXInclude_areRefusedOrInert(String xml) {
    if (xml.contains("XInclude")) {
      // XInclude is off: the element stays an element, nothing is read.
      Element root = parse(xml);
      assertTrue(!root.getTextContent().contains("root:"), root.getTextContent());
      return;
    }
    assertThrows(MalformedInputException.class, () -> parse(xml));
  }

  @Test
  void depthIsBounded() {
    int max = Limits.MAX_XML_DEPTH;
    parse("<a>".repeat(max) + "</a>".repeat(max));
    assertThrows(MalformedInputException.class,
        () -> parse("<a>".repeat(max + 1) + "</a>".repeat(max + 1)));
  }

  @Test
  void duplicateChildrenWhereOneIsExpected_areRefused() {
    Element root = parse("<Signature><SignedValue>a</SignedValue><SignedValue>b</SignedValue>"
        + "</Signature>");
    assertThrows(MalformedInputException.class, () -> OfdXml.text(root, "SignedValue"));
  }
}
