package org.tongban.license.qr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tongban.MalformedInputException;

/** RFC 9285 §4.3 examples, round trips and the invalid inputs of §4.2. */
class Base45Test {
  @Test
  void rfc9285Examples() {
    assertEquals("BB8", Base45.encode("AB".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("%69 VD92EX0", Base45.encode("Hello!!".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("UJCLQE7W581", Base45.encode("base-45".getBytes(StandardCharsets.US_ASCII)));
    assertEquals("ietf!", new String(Base45.decode("QED8WEX0"), StandardCharsets.US_ASCII));
  }

  @Test
  void roundTrip_randomBytes() {
    Random r = new Random(9285);
    for (int n = 0; n < 300; n++) {
      byte[] b = new byte[n];
      r.nextBytes(b);
      assertArrayEquals(b, Base45.decode(Base45.encode(b)));
    }
  }

  @Test
  void invalidInputs_rejected() {
    assertThrows(MalformedInputException.class, () -> Base45.decode("GGW")); // 65536
    assertThrows(MalformedInputException.class, () -> Base45.decode("A"));
    assertThrows(MalformedInputException.class, () -> Base45.decode("ab"));
    assertThrows(MalformedInputException.class, () -> Base45.decode("::")); // 2024 > 255
    assertThrows(MalformedInputException.class, () -> Base45.decode("中文"));
  }
}
