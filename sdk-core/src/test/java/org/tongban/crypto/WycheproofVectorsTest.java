package org.tongban.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.tongban.internal.crypto.Bc;
import org.tongban.testing.TestData;

/**
 * Runs every Wycheproof file for an algorithm Tongban supports: all {@code valid} cases must
 * verify, all {@code invalid} must be rejected, and {@code acceptable} follows {@link
 * #ACCEPTABLE_FLAGS_WE_ACCEPT} (empty: strict — we reject every acceptable case).
 */
class WycheproofVectorsTest {
  /**
   * Decision table for {@code acceptable} cases, by flag. Empty on purpose: the only acceptable
   * flag in our files is {@code MissingNull} (PKCS#1 DigestInfo without the NULL parameters),
   * which RFC 8017 §9.2 note 1 allows verifiers to refuse; accepting it widens the set of
   * valid encodings for no interoperability gain.
   */
  private static final Set<String> ACCEPTABLE_FLAGS_WE_ACCEPT = Set.of();

  private static final HexFormat HEX = HexFormat.of();

  @TestFactory
  Stream<DynamicTest> ecdsaP256Der() throws Exception {
    return ecdsa("ecdsa_secp256r1_sha256_test.json", SignatureAlgorithm.ECDSA_P256_SHA256,
        SignatureEncoding.DER);
  }

  @TestFactory
  Stream<DynamicTest> ecdsaP256P1363() throws Exception {
    return ecdsa("ecdsa_secp256r1_sha256_p1363_test.json", SignatureAlgorithm.ECDSA_P256_SHA256,
        SignatureEncoding.RAW_R_S);
  }

  @TestFactory
  Stream<DynamicTest> ecdsaP384Der() throws Exception {
    return ecdsa("ecdsa_secp384r1_sha384_test.json", SignatureAlgorithm.ECDSA_P384_SHA384,
        SignatureEncoding.DER);
  }

  @TestFactory
  Stream<DynamicTest> ecdsaP384P1363() throws Exception {
    return ecdsa("ecdsa_secp384r1_sha384_p1363_test.json", SignatureAlgorithm.ECDSA_P384_SHA384,
        SignatureEncoding.RAW_R_S);
  }

  @TestFactory
  Stream<DynamicTest> rsaPkcs1_2048() throws Exception {
    return rsa("rsa_signature_2048_sha256_test.json", SignatureAlgorithm.RSA_PKCS1_SHA256);
  }

  @TestFactory
  Stream<DynamicTest> rsaPkcs1_3072() throws Exception {
    return rsa("rsa_signature_3072_sha256_test.json", SignatureAlgorithm.RSA_PKCS1_SHA256);
  }

  @TestFactory
  Stream<DynamicTest> rsaPkcs1_4096() throws Exception {
    return rsa("rsa_signature_4096_sha256_test.json", SignatureAlgorithm.RSA_PKCS1_SHA256);
  }

  @TestFactory
  Stream<DynamicTest> rsaPss2048Salt32() throws Exception {
    return rsa("rsa_pss_2048_sha256_mgf1_32_test.json", SignatureAlgorithm.RSA_PSS_SHA256);
  }

  @TestFactory
  Stream<DynamicTest> rsaPss2048Salt0() throws Exception {
    return rsa("rsa_pss_2048_sha256_mgf1_0_test.json", SignatureAlgorithm.RSA_PSS_SHA256);
  }

  private static Map<String, Object> load(String file) throws Exception {
    Path p = TestData.vector("wycheproof/testvectors_v1/" + file);
    return TestData.json(p);
  }

  private static Stream<DynamicTest> ecdsa(String file, SignatureAlgorithm alg,
      SignatureEncoding enc) throws Exception {
    Map<String, Object> root = load(file);
    List<DynamicTest> out = new ArrayList<>();
    for (Map<String, Object> group : TestData.objects(root.get("testGroups"))) {
      byte[] spki = HEX.parseHex((String) group.get("publicKeyDer"));
      PublicKey pk = KeyFactory.getInstance("EC", Bc.PROVIDER)
          .generatePublic(new X509EncodedKeySpec(spki));
      VerificationKey key = VerificationKey.builder(pk).algorithm(alg)
          .parameters(SignatureParameters.ec(enc)).build();
      for (Map<String, Object> t : TestData.objects(group.get("tests"))) {
        out.add(caseFor(file, key, t));
      }
    }
    assertTrue(out.size() > 200, "too few cases in " + file);
    return out.stream();
  }

  private static Stream<DynamicTest> rsa(String file, SignatureAlgorithm alg) throws Exception {
    Map<String, Object> root = load(file);
    List<DynamicTest> out = new ArrayList<>();
    for (Map<String, Object> group : TestData.objects(root.get("testGroups"))) {
      Map<String, Object> pub = TestData.object(group.get("publicKey"));
      BigInteger n = new BigInteger((String) pub.get("modulus"), 16);
      BigInteger e = new BigInteger((String) pub.get("publicExponent"), 16);
      PublicKey pk = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
      SignatureParameters params = alg == SignatureAlgorithm.RSA_PSS_SHA256
          ? SignatureParameters.rsaPss(((Number) group.get("sLen")).intValue())
          : SignatureParameters.defaults(alg);
      if (alg == SignatureAlgorithm.RSA_PSS_SHA256) {
        assertEquals("SHA-256", group.get("sha"));
        assertEquals("SHA-256", group.get("mgfSha"));
      }
      VerificationKey key = VerificationKey.builder(pk).algorithm(alg).parameters(params).build();
      for (Map<String, Object> t : TestData.objects(group.get("tests"))) {
        out.add(caseFor(file, key, t));
      }
    }
    assertTrue(out.size() > 100, "too few cases in " + file);
    return out.stream();
  }

  @SuppressWarnings("unchecked")
  private static DynamicTest caseFor(String file, VerificationKey key, Map<String, Object> t) {
    int tcId = ((Number) t.get("tcId")).intValue();
    String result = (String) t.get("result");
    List<String> flags = (List<String>) t.get("flags");
    byte[] msg = HEX.parseHex((String) t.get("msg"));
    byte[] sig = HEX.parseHex((String) t.get("sig"));
    boolean expected;
    switch (result) {
      case "valid":
        expected = true;
        break;
      case "invalid":
        expected = false;
        break;
      default:
        expected = flags.stream().allMatch(ACCEPTABLE_FLAGS_WE_ACCEPT::contains);
    }
    String name = file + " tcId " + tcId + " " + flags + ": " + t.get("comment");
    boolean want = expected;
    return DynamicTest.dynamicTest(name, () -> {
      boolean got = key.verifier().isValid(sig, msg);
      assertEquals(want, got, name + " expected " + result);
    });
  }
}
