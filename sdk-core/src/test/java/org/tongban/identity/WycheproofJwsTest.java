package org.tongban.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.tongban.MalformedInputException;
import org.tongban.result.Reason;
import org.tongban.result.VerificationResult;
import org.tongban.testing.TestData;

/**
 * Wycheproof's JOSE vectors through {@link JwsVerifier} and {@link JsonWebKeys}. Every
 * {@code invalid} case is rejected. Every {@code valid} case whose algorithm is in Tongban's
 * profile (RS256, PS256, ES256) verifies; {@code valid} cases outside it (HMAC, RS384/512,
 * PS384/512, ES512) are refused by policy, each with the reason the policy gives — counted, and
 * checked to be exactly those. Two {@code valid} cases with a character inserted into the
 * base64url are FORMAT_FAILURE here on purpose: the strict compact-form check.
 */
class WycheproofJwsTest {
  private static final Set<String> PROFILE = Set.of("RS256", "PS256", "ES256");
  private static final JwsVerifier VERIFIER = JwsVerifier.builder(JwsAlgorithm.RS256,
      JwsAlgorithm.PS256, JwsAlgorithm.ES256, JwsAlgorithm.SM2SM3).build();

  private static String alg(String jws) {
    try {
      String h = jws.substring(0, jws.indexOf('.'));
      Map<String, Object> m = com.nimbusds.jose.util.JSONObjectUtils.parse(new String(
          Base64.getUrlDecoder().decode(h), StandardCharsets.UTF_8));
      return String.valueOf(m.get("alg"));
    } catch (Exception e) {
      return "?";
    }
  }

  private static JsonWebKeys keys(Object jwkOrSet) {
    if (jwkOrSet == null) {
      return JsonWebKeys.empty();
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) jwkOrSet;
    Map<String, Object> set = m.containsKey("keys") ? m : Map.of("keys", List.of(m));
    try {
      return JsonWebKeys.parse(com.nimbusds.jose.util.JSONObjectUtils.toJSONString(set));
    } catch (MalformedInputException e) {
      return null; // the whole set is refused
    }
  }

  @SuppressWarnings("unchecked")
  private static void run(String file, int minimumValidInProfile) throws Exception {
    Map<String, Object> root = TestData.json(TestData.vector("wycheproof/testvectors_v1/"
        + file));
    int validInProfile = 0;
    Map<String, Integer> refusedByPolicy = new TreeMap<>();
    List<String> failures = new ArrayList<>();
    for (Object g : (List<Object>) root.get("testGroups")) {
      Map<String, Object> group = (Map<String, Object>) g;
      Object keySource = group.containsKey("public") ? group.get("public")
          : group.get("private");
      JsonWebKeys keys = keys(keySource);
      for (Object t : (List<Object>) group.get("tests")) {
        Map<String, Object> test = (Map<String, Object>) t;
        if (!(test.get("jws") instanceof String jws)) {
          failures.add(test.get("tcId") + ": not a compact JWS");
          continue;
        }
        String expected = (String) test.get("result");
        String alg = alg(jws);
        VerificationResult<VerifiedJws> r = keys == null ? null : VERIFIER.verify(jws, keys);
        boolean passed = r != null && r.isValid();
        String id = file + " #" + test.get("tcId") + " (" + group.get("comment") + ", "
            + test.get("comment") + ", alg " + alg + ")";
        if (String.valueOf(test.get("comment")).startsWith("InvalidCharacterInserted")) {
          // Wycheproof calls these valid (the MAC is over the literal text); a character
          // outside base64url makes the token malformed for the strict compact-form check
          // that runs before any signature check, which is what must answer.
          if (r == null || r.reason().orElse(null) != Reason.FORMAT_FAILURE) {
            failures.add(id + ": expected FORMAT_FAILURE, got " + r);
          }
          refusedByPolicy.merge("strict base64url", 1, Integer::sum);
        } else if (expected.equals("invalid") && passed) {
          failures.add(id + ": accepted");
        } else if (expected.equals("valid") && PROFILE.contains(alg)) {
          if (!passed) {
            failures.add(id + ": rejected: " + r);
          } else {
            validInProfile++;
          }
        } else if (expected.equals("valid")) {
          // Outside the profile: must be refused, and for the policy's reasons only.
          Reason reason = r == null ? Reason.FORMAT_FAILURE : r.reason().orElseThrow();
          if (passed || !Set.of(Reason.SYMMETRIC_ALGORITHM_REFUSED,
              Reason.ALGORITHM_NOT_ALLOWED).contains(reason)) {
            failures.add(id + ": valid outside the profile, got " + r);
          }
          refusedByPolicy.merge(alg, 1, Integer::sum);
        }
      }
    }
    System.out.println("[wycheproof] " + file + ": " + validInProfile
        + " valid in profile verified; refused by policy: " + refusedByPolicy);
    assertEquals(List.of(), failures);
    assertTrue(validInProfile >= minimumValidInProfile, "valid in profile: " + validInProfile);
  }

  @Test
  void jsonWebSignature() throws Exception {
    run("json_web_signature_test.json", 13);
  }

  @Test
  void jsonWebKey() throws Exception {
    run("json_web_key_test.json", 1);
  }

  @Test
  void aWholeSetWithDuplicateKidsIsRefused_andRefusedKeysSayWhy() {
    String ec = "{\"kty\":\"EC\",\"crv\":\"P-256\",\"kid\":\"a\","
        + "\"x\":\"04N0xi21hshyvBp7I167sbE_bXqyqkAPfefdklMO7wY\","
        + "\"y\":\"UI8exy-C06a7DUnjIdENkxeFtHM4-l_41LqEw9nVgmw\"}";
    MalformedInputException e = org.junit.jupiter.api.Assertions.assertThrows(
        MalformedInputException.class, () -> JsonWebKeys.parse("{\"keys\":[" + ec + "," + ec
            + "]}"));
    assertTrue(e.getMessage().contains("kid"), e.getMessage());
    JsonWebKeys k = JsonWebKeys.parse("{\"keys\":[" + ec.replace("\"kid\":\"a\",",
        "\"kid\":\"a\",\"use\":\"enc\",") + ",{\"kty\":\"oct\",\"kid\":\"s\",\"k\":\"AAAA\"}]}");
    assertEquals(0, k.keys().size());
    assertEquals(List.of(Reason.KEY_USAGE_INVALID, Reason.SYMMETRIC_ALGORITHM_REFUSED),
        k.refused().stream().map(JsonWebKeys.Refused::reason).toList());
    assertFalse(k.toString().isEmpty());
  }
}
