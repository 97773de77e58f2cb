package org.tongban.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECCurve;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.tongban.internal.crypto.Bc;
import org.tongban.internal.crypto.EcCurves;
import org.tongban.internal.crypto.PreparedVerifiers;
import org.tongban.internal.crypto.Sm2Core;
import org.tongban.keys.KeyPairs;
import org.tongban.testing.TestData;

/**
 * Runs all cases of {@code vectors/sm2/sm2_vectors.json} (test resources): every case gives the
 * expected verdict, through the public API where the case is on sm2p256v1; fixed-k cases re-sign
 * to the exact (r, s); Z_A and e match where the file gives them; SM3 known answers hold.
 */
class Sm2VectorsTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final ECParameterSpec SM2_SPEC =
      ((ECPublicKey) KeyPairs.generate(KeyType.SM2).getPublic()).getParams();

  private static Map<String, Object> file() throws Exception {
    return TestData.json(TestData.vector("sm2/sm2_vectors.json"));
  }

  @Test
  void sm3_knownAnswers_match() throws Exception {
    List<Map<String, Object>> v = TestData.objects(file().get("sm3Vectors"));
    assertEquals(3, v.size());
    for (Map<String, Object> t : v) {
      byte[] msg = HEX.parseHex((String) t.get("messageHex"));
      assertEquals(((String) t.get("digest")).toLowerCase(),
          HEX.formatHex(DigestAlgorithm.SM3.digest(msg)));
      assertArrayEquals(DigestAlgorithm.SM3.digest(msg),
          DigestAlgorithm.SM3.digest(new java.io.ByteArrayInputStream(msg)));
    }
  }

  @TestFactory
  Stream<DynamicTest> sm2_allCases_giveExpectedVerdict() throws Exception {
    Map<String, Object> root = file();
    List<Map<String, Object>> tests = TestData.objects(root.get("tests"));
    assertEquals(((Number) root.get("numberOfTests")).intValue(), tests.size());
    assertEquals(38, tests.size());
    Map<String, Object> curves = TestData.object(root.get("curves"));
    List<DynamicTest> out = new ArrayList<>();
    for (Map<String, Object> t : tests) {
      String name = "tcId " + t.get("tcId") + " " + t.get("flags") + ": " + t.get("comment");
      out.add(DynamicTest.dynamicTest(name, () -> runCase(t, curves)));
    }
    return out.stream();
  }

  private static void runCase(Map<String, Object> t, Map<String, Object> curves)
      throws Exception {
    boolean valid = "valid".equals(t.get("result"));
    String curve = (String) t.get("curve");
    if ("sm2-test-fp256".equals(curve)) {
      runTestCurveCase(t, TestData.object(curves.get(curve)), valid);
      return;
    }
    assertEquals("sm2p256v1", curve);
    BigInteger r = big(t.get("r"));
    BigInteger s = big(t.get("s"));
    byte[] id = userId(t);
    boolean inputIsE = Boolean.TRUE.equals(t.get("inputIsDigestE"));
    boolean encodingOnly = Boolean.TRUE.equals(t.get("encodingOnly"));
    byte[] msg = inputIsE ? null : HEX.parseHex((String) t.get("messageHex"));

    VerificationKey key;
    try {
      key = publicApiKey(t, id, SignatureEncoding.DER);
    } catch (RuntimeException | java.security.GeneralSecurityException e) {
      // An invalid public key, or an ID the standard cannot encode, is rejected up front.
      assertFalse(valid, "valid case rejected at key building: " + e);
      return;
    }
    if (t.get("expectedZA") != null) {
      ECPublicKey pk = (ECPublicKey) key.publicKey();
      byte[] za = Sm2Core.za(EcCurves.SM2, id, EcCurves.validPoint(EcCurves.SM2, pk.getW()));
      assertEquals(((String) t.get("expectedZA")).toLowerCase(), HEX.formatHex(za));
      if (t.get("expectedE") != null) {
        assertEquals(big(t.get("expectedE")), Sm2Core.e(za, msg));
      }
    }
    if (inputIsE) {
      byte[] e = HEX.parseHex((String) t.get("e"));
      PreparedVerifiers.Sm2Verifier v = (PreparedVerifiers.Sm2Verifier) key.verifier();
      boolean ok = true;
      try {
        v.verifyDigest(HEX.parseHex((String) t.get("sigDer")), e);
      } catch (org.tongban.SignatureInvalidException ex) {
        ok = false;
      }
      assertEquals(valid, ok);
      return;
    }
    if (t.get("sigDer") != null) {
      // Repeated, so that both the generic path and (after a few uses) the key's fixed-point
      // tables give the verdict.
      for (int i = 0; i < 8; i++) {
        assertEquals(valid, key.verifier().isValid(HEX.parseHex((String) t.get("sigDer")), msg),
            "DER verdict, use " + i);
      }
    }
    if (!encodingOnly && r.bitLength() <= 256 && s.bitLength() <= 256) {
      VerificationKey raw = publicApiKey(t, id, SignatureEncoding.RAW_R_S);
      byte[] rs = new byte[64];
      copy(r, rs, 0);
      copy(s, rs, 32);
      for (int i = 0; i < 8; i++) {
        assertEquals(valid, raw.verifier().isValid(rs, msg), "raw r||s verdict, use " + i);
      }
    }
    if (encodingOnly) {
      // The pair itself is correct; only the DER is bad. A strict raw verifier accepts it.
      VerificationKey raw = publicApiKey(t, id, SignatureEncoding.RAW_R_S);
      byte[] rs = new byte[64];
      copy(r, rs, 0);
      copy(s, rs, 32);
      assertTrue(raw.verifier().isValid(rs, msg), "encodingOnly pair should verify raw");
    }
    if (valid && t.get("k") != null && t.get("privateKey") != null) {
      BigInteger d = big(t.get("privateKey"));
      BigInteger k = big(t.get("k"));
      ECPublicKey pk = (ECPublicKey) key.publicKey();
      byte[] za = Sm2Core.za(EcCurves.SM2, id, EcCurves.validPoint(EcCurves.SM2, pk.getW()));
      BigInteger[] sig = Sm2Core.sign(EcCurves.SM2, d, Sm2Core.e(za, msg), () -> k);
      assertEquals(r, sig[0], "re-signed r");
      assertEquals(s, sig[1], "re-signed s");
    }
  }

  private static void runTestCurveCase(Map<String, Object> t, Map<String, Object> c,
      boolean valid) {
    BigInteger p = big(c.get("p"));
    BigInteger n = big(c.get("n"));
    ECCurve curve = new ECCurve.Fp(p, big(c.get("a")), big(c.get("b")), n, BigInteger.ONE);
    ECDomainParameters domain = new ECDomainParameters(curve,
        curve.createPoint(big(c.get("gx")), big(c.get("gy"))), n);
    org.bouncycastle.math.ec.ECPoint q =
        curve.validatePoint(big(t.get("publicKeyX")), big(t.get("publicKeyY")));
    byte[] id = userId(t);
    byte[] msg = HEX.parseHex((String) t.get("messageHex"));
    byte[] za = Sm2Core.za(domain, id, q.normalize());
    if (t.get("expectedZA") != null) {
      assertEquals(((String) t.get("expectedZA")).toLowerCase(), HEX.formatHex(za));
    }
    BigInteger e = Sm2Core.e(za, msg);
    BigInteger r = big(t.get("r"));
    BigInteger s = big(t.get("s"));
    assertEquals(valid, Sm2Core.verify(domain, q.normalize(), e, r, s));
    if (valid && t.get("k") != null) {
      BigInteger k = big(t.get("k"));
      BigInteger[] sig = Sm2Core.sign(domain, big(t.get("privateKey")), e, () -> k);
      assertEquals(r, sig[0]);
      assertEquals(s, sig[1]);
    }
  }

  private static VerificationKey publicApiKey(Map<String, Object> t, byte[] id,
      SignatureEncoding enc) throws java.security.GeneralSecurityException {
    PublicKey pk = KeyFactory.getInstance("EC", Bc.PROVIDER).generatePublic(new ECPublicKeySpec(
        new ECPoint(big(t.get("publicKeyX")), big(t.get("publicKeyY"))), SM2_SPEC));
    return VerificationKey.builder(pk).algorithm(SignatureAlgorithm.SM2_SM3)
        .parameters(SignatureParameters.sm2(id, enc)).build();
  }

  private static byte[] userId(Map<String, Object> t) {
    if (t.get("userIdHex") != null) {
      return HEX.parseHex((String) t.get("userIdHex"));
    }
    if (t.get("userIdSpec") != null) {
      Map<String, Object> spec = TestData.object(t.get("userIdSpec"));
      byte[] b = new byte[((Number) spec.get("count")).intValue()];
      Arrays.fill(b, (byte) Integer.parseInt((String) spec.get("repeat"), 16));
      return b;
    }
    if (t.get("userIdAscii") != null) {
      return ((String) t.get("userIdAscii")).getBytes(StandardCharsets.US_ASCII);
    }
    return SignatureParameters.DEFAULT_DISTINGUISHING_ID.getBytes(StandardCharsets.US_ASCII);
  }

  private static BigInteger big(Object hex) {
    return new BigInteger((String) hex, 16);
  }

  private static void copy(BigInteger v, byte[] out, int off) {
    byte[] b = org.bouncycastle.util.BigIntegers.asUnsignedByteArray(32, v);
    System.arraycopy(b, 0, out, off, 32);
  }
}
