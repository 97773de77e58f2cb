package org.tongban.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tongban.crypto.KeyType;
import org.tongban.crypto.SignatureAlgorithm;
import org.tongban.crypto.SignatureEncoding;
import org.tongban.crypto.SignatureParameters;
import org.tongban.crypto.SigningKey;
import org.tongban.internal.jose.Base64Url;
import org.tongban.keys.KeyPairs;
import org.tongban.keys.SigningKeys;
import org.tongban.result.Indication;
import org.tongban.result.Reason;
import org.tongban.result.VerificationResult;
import org.tongban.testing.TestData;

/**
 * Tokens signed by nimbus-jose-jwt (RS256, PS256, ES256) and by Tongban's SM2 key (SM2SM3) verify;
 * every header trick of RFC 8725 gets its own reason; the RFC 7520 RS256 example verifies.
 */
class JwsVerifierTest {
  private static final KeyPair RSA = KeyPairs.generate(KeyType.RSA);
  private static final KeyPair EC = KeyPairs.generate(KeyType.EC_P256);
  private static final KeyPair SM2 = KeyPairs.generate(KeyType.SM2);
  private static final JwsVerifier VERIFIER = JwsVerifier.builder(JwsAlgorithm.RS256,
      JwsAlgorithm.PS256, JwsAlgorithm.ES256, JwsAlgorithm.SM2SM3).build();

  private static String jwk(KeyPair kp, String kid) {
    if (kp.getPublic() instanceof RSAPublicKey r) {
      return new RSAKey.Builder(r).keyID(kid).build().toJSONString();
    }
    ECPublicKey e = (ECPublicKey) kp.getPublic();
    if (kp == SM2) {
      return "{\"kty\":\"EC\",\"crv\":\"SM2\",\"kid\":\"" + kid + "\",\"x\":\""
          + Base64Url.encode(fixed(e.getW().getAffineX())) + "\",\"y\":\""
          + Base64Url.encode(fixed(e.getW().getAffineY())) + "\"}";
    }
    return new ECKey.Builder(Curve.P_256, e).keyID(kid).build().toJSONString();
  }

  private static byte[] fixed(java.math.BigInteger v) {
    byte[] b = v.toByteArray();
    byte[] out = new byte[32];
    System.arraycopy(b, Math.max(0, b.length - 32), out, Math.max(0, 32 - b.length),
        Math.min(32, b.length));
    return out;
  }

  /** A mixed JWKS: RSA, P-256 and SM2 — nimbus alone rejects a set with crv SM2. */
  private static final JsonWebKeys KEYS = JsonWebKeys.parse("{\"keys\":[" + jwk(RSA, "rsa")
      + "," + jwk(EC, "ec") + "," + jwk(SM2, "sm2") + "]}");

  private static String nimbus(JWSAlgorithm alg, String kid, String payload) throws Exception {
    JWSObject o = new JWSObject(new JWSHeader.Builder(alg).keyID(kid)
        .type(JOSEObjectType.JWT).build(), new Payload(payload));
    if (alg.getName().startsWith("ES")) {
      o.sign(new ECDSASigner((ECPrivateKey) EC.getPrivate()));
    } else {
      o.sign(new RSASSASigner(RSA.getPrivate()));
    }
    return o.serialize();
  }

  /** A compact JWS with any header, signed by our key for {@code algorithm}. */
  private static String sign(String headerJson, String payload, SigningKey key) {
    String input = Base64Url.encode(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
        + Base64Url.encode(payload.getBytes(StandardCharsets.UTF_8));
    return input + "." + Base64Url.encode(key.sign(input.getBytes(StandardCharsets.US_ASCII)));
  }

  private static SigningKey sm2Key(SignatureEncoding encoding) {
    return SigningKeys.builder(SM2.getPrivate()).algorithm(SignatureAlgorithm.SM2_SM3)
        .parameters(SignatureParameters.sm2(SignatureParameters.DEFAULT_DISTINGUISHING_ID,
            encoding)).build();
  }

  private static Optional<Reason> reason(String token) {
    return VERIFIER.verify(token, KEYS).reason();
  }

  @Test
  void nimbusSignedRs256Ps256Es256_verify_withThePayload() throws Exception {
    for (JWSAlgorithm alg : new JWSAlgorithm[] {JWSAlgorithm.RS256, JWSAlgorithm.PS256,
        JWSAlgorithm.ES256}) {
      String kid = alg == JWSAlgorithm.ES256 ? "ec" : "rsa";
      VerificationResult<VerifiedJws> r = VERIFIER.verify(nimbus(alg, kid, "{\"sub\":\"a\"}"),
          KEYS);
      assertTrue(r.isValid(), alg + ": " + r);
      assertArrayEquals("{\"sub\":\"a\"}".getBytes(StandardCharsets.UTF_8),
          r.orElseThrow().payload());
      assertEquals(alg.getName(), r.orElseThrow().algorithm().name());
    }
  }

  @Test
  void sm2sm3_rawSignature_verifies_andNimbusReadsTheSameTokenAsUnsupported() throws Exception {
    String token = sign("{\"alg\":\"SM2SM3\",\"kid\":\"sm2\"}", "{\"sub\":\"a\"}",
        sm2Key(SignatureEncoding.RAW_R_S));
    assertEquals(64, Base64Url.decode(token.substring(token.lastIndexOf('.') + 1)).orElseThrow()
        .length);
    assertTrue(VERIFIER.verify(token, KEYS).isValid());
    // One changed payload byte: the signature no longer verifies.
    String other = sign("{\"alg\":\"SM2SM3\",\"kid\":\"sm2\"}", "{\"sub\":\"b\"}",
        sm2Key(SignatureEncoding.RAW_R_S));
    String spliced = other.substring(0, other.lastIndexOf('.'))
        + token.substring(token.lastIndexOf('.'));
    assertEquals(Optional.of(Reason.SIG_CRYPTO_FAILURE), reason(spliced));
  }

  @Test
  void sm2Aliases_onlyWhenConfigured_withTheirEncoding() {
    String der = sign("{\"alg\":\"SM3withSM2\",\"kid\":\"sm2\"}", "x",
        sm2Key(SignatureEncoding.DER));
    assertEquals(Optional.of(Reason.ALGORITHM_NOT_ALLOWED), reason(der));
    JwsVerifier withAlias = JwsVerifier.builder(JwsAlgorithm.sm2Alias("SM3withSM2",
        SignatureEncoding.DER)).build();
    assertTrue(withAlias.verify(der, KEYS).isValid());
    String raw = sign("{\"alg\":\"SM3withSM2\",\"kid\":\"sm2\"}", "x",
        sm2Key(SignatureEncoding.RAW_R_S));
    assertEquals(Optional.of(Reason.SIG_CRYPTO_FAILURE), withAlias.verify(raw, KEYS).reason());
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> JwsAlgorithm.sm2Alias("ES256", SignatureEncoding.RAW_R_S));
  }

  @ParameterizedTest
  @ValueSource(strings = {"none", "NONE", "None"})
  void algNone_isUnsecured(String none) {
    String token = Base64Url.encode(("{\"alg\":\"" + none + "\"}").getBytes(
        StandardCharsets.UTF_8)) + "." + Base64Url.encode("{}".getBytes(StandardCharsets.UTF_8))
        + ".AA";
    assertEquals(Optional.of(Reason.UNSECURED_TOKEN), reason(token));
  }

  @Test
  void hmacWithThePublicKeyAsSecret_keyConfusion_isRefused() throws Exception {
    // The classic attack: HS256 keyed with the RSA public key's bytes.
    JWSObject o = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa").build(),
        new Payload("{\"sub\":\"admin\"}"));
    o.sign(new com.nimbusds.jose.crypto.MACSigner(java.util.Arrays.copyOf(
        RSA.getPublic().getEncoded(), 64)));
    assertEquals(Optional.of(Reason.SYMMETRIC_ALGORITHM_REFUSED), reason(o.serialize()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"jwk\":{\"kty\":\"EC\"}", "\"jku\":\"https://evil.example/jwks\"",
      "\"x5u\":\"https://evil.example/cert\"", "\"x5c\":[\"MIIB\"]"})
  void keysInTheHeader_areRefused(String member) {
    String token = sign("{\"alg\":\"SM2SM3\",\"kid\":\"sm2\"," + member + "}", "x",
        sm2Key(SignatureEncoding.RAW_R_S));
    assertEquals(Optional.of(Reason.HEADER_KEY_REFUSED), reason(token));
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"crit\":[\"exp\"]", "\"crit\":[\"tongban-ext\"],\"tongban-ext\":1",
      "\"b64\":false", "\"crit\":[]"})
  void criticalHeaders_andUnencodedPayloads_areRefused(String member) {
    String token = sign("{\"alg\":\"SM2SM3\",\"kid\":\"sm2\"," + member + "}", "x",
        sm2Key(SignatureEncoding.RAW_R_S));
    assertEquals(Optional.of(Reason.CRITICAL_HEADER_UNSUPPORTED), reason(token));
  }

  @Test
  void keySelection_isByKid_andTheKeyMustFitTheAlgorithm() throws Exception {
    assertEquals(Optional.of(Reason.ALGORITHM_MISMATCH),
        reason(nimbus(JWSAlgorithm.RS256, "ec", "x")));
    VerificationResult<VerifiedJws> unknown = VERIFIER.verify(nimbus(JWSAlgorithm.RS256,
        "rotated-away", "x"), KEYS);
    assertEquals(Indication.INDETERMINATE, unknown.indication());
    assertEquals(Optional.of(Reason.KEY_NOT_FOUND), unknown.reason());
    assertEquals(Optional.of(Reason.ALGORITHM_NOT_ALLOWED),
        reason(nimbus(JWSAlgorithm.RS384, "rsa", "x")));
    // Without kid, the issuer's keys of the algorithm's type are tried.
    JWSObject o = new JWSObject(new JWSHeader(JWSAlgorithm.ES256), new Payload("x"));
    o.sign(new ECDSASigner((ECPrivateKey) EC.getPrivate()));
    assertTrue(VERIFIER.verify(o.serialize(), KEYS).isValid());
  }

  @Test
  void whatNimbusAccepts_butIsNotStrictCompactForm_isMalformed() throws Exception {
    String token = nimbus(JWSAlgorithm.ES256, "ec", "{\"sub\":\"a\"}");
    int dot = token.indexOf('.');
    for (String bad : new String[] {token.substring(0, dot) + " " + token.substring(dot),
        token.substring(0, dot) + "=" + token.substring(dot), token + "=", " " + token,
        token + ".x", token.replace('-', '+')}) {
      if (bad.equals(token)) {
        continue;
      }
      assertEquals(Optional.of(Reason.FORMAT_FAILURE), reason(bad), bad);
    }
    // nimbus itself verifies a signature part with padding or a space inside: the reason this
    // check runs first.
    int last = token.lastIndexOf('.');
    for (String lenient : new String[] {token + "==", token.substring(0, last + 5) + " "
        + token.substring(last + 5)}) {
      assertTrue(JWSObject.parse(lenient).verify(new ECDSAVerifier(
          (ECPublicKey) EC.getPublic())), lenient);
      assertEquals(Optional.of(Reason.FORMAT_FAILURE), reason(lenient), lenient);
    }
  }

  @Test
  void oversizedTokens_areSizeLimitExceeded() throws Exception {
    String big = nimbus(JWSAlgorithm.ES256, "ec", "x".repeat(20_000));
    assertEquals(Optional.of(Reason.SIZE_LIMIT_EXCEEDED), reason(big));
  }

  @Test
  void rfc7520_rs256Example_verifies_theOthersAreOutsideTheProfile() throws Exception {
    Map<String, Object> e41 = TestData.json(TestData.vector(
        "jose-cookbook-rfc7520/jws/4_1.rsa_v15_signature.json"));
    String jwks = "{\"keys\":[" + new String(java.nio.file.Files.readAllBytes(TestData.vector(
        "jose-cookbook-rfc7520/jwk/3_3.rsa_public_key.json")), StandardCharsets.UTF_8) + "]}";
    JsonWebKeys keys = JsonWebKeys.parse(jwks);
    @SuppressWarnings("unchecked")
    Map<String, Object> out = (Map<String, Object>) e41.get("output");
    @SuppressWarnings("unchecked")
    Map<String, Object> in = (Map<String, Object>) e41.get("input");
    VerificationResult<VerifiedJws> r = VERIFIER.verify((String) out.get("compact"), keys);
    assertTrue(r.isValid(), r.toString());
    assertEquals(in.get("payload"), new String(r.orElseThrow().payload(),
        StandardCharsets.UTF_8));
    for (String f : new String[] {"4_2.rsa-pss_signature.json", "4_3.ecdsa_signature.json"}) {
      @SuppressWarnings("unchecked")
      Map<String, Object> o = (Map<String, Object>) TestData.json(TestData.vector(
          "jose-cookbook-rfc7520/jws/" + f)).get("output");
      assertEquals(Optional.of(Reason.ALGORITHM_NOT_ALLOWED),
          VERIFIER.verify((String) o.get("compact"), keys).reason(), f);
    }
    // The example's private key, published as if it were a public JWKS, is refused.
    String published = com.nimbusds.jose.util.JSONObjectUtils.toJSONString(Map.of("keys",
        java.util.List.of(in.get("key"))));
    assertEquals(Optional.of(Reason.KEY_USAGE_INVALID),
        VERIFIER.verify((String) out.get("compact"), JsonWebKeys.parse(published)).reason());
  }
}
