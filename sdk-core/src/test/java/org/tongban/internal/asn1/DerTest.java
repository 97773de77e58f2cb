package org.tongban.internal.asn1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.tongban.MalformedInputException;
import org.tongban.result.Reason;

class DerTest {
  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  @Test
  void berLength_findsTheEndOfDefiniteAndIndefiniteValues_beforePadding() {
    assertEquals(4, Der.berLength(hex("3002050000000000"), 1024, 8));
    // SEQUENCE (indefinite) { SEQUENCE (indefinite) { NULL } EOC } EOC, then zero padding.
    assertEquals(10, Der.berLength(hex("30803080050000000000" + "000000"), 1024, 8));
  }

  @Test
  void berLength_rejectsTruncatedOverlongAndTooDeepValues() {
    assertThrows(MalformedInputException.class, () -> Der.berLength(hex("3080308005000000"),
        1024, 8));
    assertThrows(MalformedInputException.class, () -> Der.berLength(hex("3005050000"), 1024,
        8));
    MalformedInputException deep = assertThrows(MalformedInputException.class,
        () -> Der.berLength(hex("30803080308030800500" + "0000000000000000"), 1024, 3));
    assertEquals(Reason.SIZE_LIMIT_EXCEEDED, deep.reason());
  }

  @Test
  void checkBer_stillRejectsTrailingBytes() {
    assertThrows(MalformedInputException.class, () -> Der.checkBer(hex("300005"), 1024, 8));
  }
}
