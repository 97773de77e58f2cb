package org.tongban.license.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.upokecenter.cbor.CBORObject;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Set;
import org.tongban.MalformedInputException;
import org.tongban.license.internal.Cbor;
import org.tongban.license.internal.CompactLicense;
import org.tongban.license.internal.CoseSign1;
import org.tongban.license.qr.Base45;
import org.tongban.license.qr.QrCodec;
import org.tongban.license.qr.internal.PngGrey;

/**
 * Coverage-guided fuzzing (Jazzer) of the licence parsers — Base45, the QR container (prefix,
 * Base45, zlib with its inflation limit and preset dictionary), CBOR, the licence map in both
 * forms, COSE_Sign1 and the PNG reader behind QR images — each of which may throw only
 * {@link MalformedInputException}. {@code mvn verify} replays the corpus under
 * {@code samples/src/test/resources/org/tongban/license/fuzz/}.
 */
class LicenseParsersFuzzTest {
  private static final LocalDate DAY = LocalDate.of(2026, 12, 2);

  @FuzzTest(maxDuration = "2m")
  void base45(byte[] input) {
    try {
      Base45.decode(new String(input, StandardCharsets.ISO_8859_1));
    } catch (MalformedInputException e) {
      // declared
    }
  }

  @FuzzTest(maxDuration = "2m")
  void container(byte[] input) {
    try {
      QrCodec.decode(new String(input, StandardCharsets.ISO_8859_1), Set.of("ZZ1:", "HC1:"));
    } catch (MalformedInputException e) {
      // declared
    }
  }

  @FuzzTest(maxDuration = "2m")
  void cbor(byte[] input) {
    try {
      Cbor.decode(input);
    } catch (MalformedInputException e) {
      // declared
    }
  }

  @FuzzTest(maxDuration = "2m")
  void compactLicence(byte[] input) {
    try {
      CBORObject o = Cbor.decode(input);
      CompactLicense.fromIntegerKeys(o, "91350100M000100Y43", DAY);
      CompactLicense.fromTextKeys(o, DAY);
    } catch (MalformedInputException e) {
      // declared
    }
  }

  @FuzzTest(maxDuration = "2m")
  void cose(byte[] input) {
    try {
      CoseSign1.parse(input);
    } catch (MalformedInputException e) {
      // declared
    }
  }

  @FuzzTest(maxDuration = "2m")
  void png(byte[] input) {
    try {
      // A small side limit keeps each input quick; the limit itself is tested elsewhere.
      PngGrey.decode(input, 256);
      // The same bytes with every chunk's CRC made right, so that mutations reach the header,
      // palette, inflation and row filters instead of stopping at the first CRC.
      PngGrey.decode(withCrcsFixed(input), 256);
    } catch (MalformedInputException e) {
      // declared
    }
  }

  private static byte[] withCrcsFixed(byte[] png) {
    byte[] out = png.clone();
    java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(out);
    for (int pos = 8; pos + 12 <= out.length; ) {
      int len = b.getInt(pos);
      if (len < 0 || len > out.length - pos - 12) {
        break;
      }
      java.util.zip.CRC32 crc = new java.util.zip.CRC32();
      crc.update(out, pos + 4, len + 4);
      b.putInt(pos + 8 + len, (int) crc.getValue());
      pos += 12 + len;
    }
    return out;
  }
}
