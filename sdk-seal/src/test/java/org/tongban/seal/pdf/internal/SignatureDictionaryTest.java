package org.tongban.seal.pdf.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignatureDictionaryTest {
  private static Optional<SignatureDictionary.Parsed> parse(String text) {
    byte[] b = ("%junk\n" + text).getBytes(StandardCharsets.ISO_8859_1);
    return SignatureDictionary.parse(b, 6, 12, 0);
  }

  @Test
  void readsTheFieldsAndWhereContentsLies() {
    String body = "12 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached"
        + " /Name (A \\) (nested) name) /M (D:2026) /Prop_Build << /App << /Name /X >> >>"
        + " /Reference [ << /TransformMethod /DocMDP /TransformParams 7 0 R >> ]"
        + " % a comment\n /ByteRange [0 100 200 300] /Contents <3082ABcd> /Flag true"
        + " /Nothing null /Real -1.5 >>\nendobj";
    SignatureDictionary.Parsed p = parse(body).orElseThrow();
    assertArrayEquals(new long[] {0, 100, 200, 300}, p.byteRange().orElseThrow());
    assertEquals("adbe.pkcs7.detached", p.subFilter());
    assertTrue(p.hasReference());
    String all = "%junk\n" + body;
    assertEquals(all.indexOf("<3082"), p.contentsStart());
    assertEquals(all.indexOf("<3082") + "<3082ABcd>".length(), p.contentsEnd());
  }

  @Test
  void byteRangeOtherThanFourIntegers_isReadAsAbsent() {
    for (String range : new String[] {"[0 1 2]", "[0 1 2 3 4]", "[0 1.5 2 3]", "5 0 R",
        "[0 1 2 /X]"}) {
      SignatureDictionary.Parsed p = parse("12 0 obj << /ByteRange " + range
          + " /Contents <00> >>").orElseThrow();
      assertFalse(p.byteRange().isPresent(), range);
    }
  }

  @Test
  void contentsThatIsNotAHexString_hasNoPosition() {
    assertEquals(-1, parse("12 0 obj << /Contents (abc) >>").orElseThrow().contentsStart());
    assertEquals(-1, parse("12 0 obj << /Contents 4 0 R >>").orElseThrow().contentsStart());
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "13 0 obj << /Contents <00> >>", // another object number
      "12 1 obj << /Contents <00> >>", // another generation
      "12 0 obj [1 2 3]", // not a dictionary
      "12 0 obj << /Contents <00> /Contents <01> >>", // duplicate key
      "12 0 obj << /Sub#46ilter /X >>", // escaped name: PDFBox decides
      "12 0 obj << /A <zz> >>", // bad hex string
      "12 0 obj << /A (unterminated >>", // unterminated literal
      "12 0 obj << /A [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]] >>",
      "12 0 obj << /A", // truncated
      "12 0 obj << /A ~ >>", // not a PDF value
  })
  void whatItDoesNotExpect_isDeclined(String text) {
    assertEquals(Optional.empty(), parse(text), text);
  }

  @Test
  void offsetsOutsideTheFile_areDeclined() {
    byte[] b = "12 0 obj << >>".getBytes(StandardCharsets.US_ASCII);
    assertEquals(Optional.empty(), SignatureDictionary.parse(b, -1, 12, 0));
    assertEquals(Optional.empty(), SignatureDictionary.parse(b, b.length, 12, 0));
    assertTrue(SignatureDictionary.parse(b, 0, 12, 0).isPresent());
  }
}
