package org.tongban.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tongban.crypto.KeyType;
import org.tongban.keys.KeyPairs;
import org.tongban.keys.SigningKeys;
import org.tongban.result.Reason;
import org.tongban.result.VerificationResult;

class IdentityMapperTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T08:00:00Z"),
      ZoneOffset.UTC);
  private static final KeyPair KP = KeyPairs.generate(KeyType.SM2);
  private static final TokenIssuer ISSUER = TokenIssuer.builder("https://idp.example",
      SigningKeys.of(KP.getPrivate(), List.of()), KP.getPublic(),
        "k").clock(CLOCK).build();
  private static final TokenVerifier VERIFIER = TokenVerifier.builder("https://idp.example",
      "dept", KeySource.of(JsonWebKeys.parse(ISSUER.jwks()))).algorithms(JwsAlgorithm.SM2SM3)
      .clock(CLOCK).build();
  private static final IdentityMapper MAPPER = IdentityMapper.builder().clock(CLOCK)
      .acrLevel("urn:gov:cn:loa:1", 1).acrLevel("urn:gov:cn:loa:3", 3).minimumLevel(2).build();

  private static VerifiedToken token(Map<String, Object> claims) {
    return VERIFIER.verifyIdToken(ISSUER.idToken("sub-1", "dept", Duration.ofMinutes(5),
        claims)).orElseThrow();
  }

  @Test
  void naturalPerson_withLevelFromAcr_andTheNumberMasked() {
    VerificationResult<Identity> r = MAPPER.map(token(Map.of("name", "张三",
        "id_number", "11010519491231002X", "acr", "urn:gov:cn:loa:3", "sid", "s-9")));
    Identity id = r.orElseThrow();
    assertEquals(Identity.SubjectType.NATURAL_PERSON, id.subjectType());
    assertEquals(3, id.assuranceLevel());
    assertEquals(Optional.of("110***********002X"), id.maskedResidentIdNumber());
    assertEquals(Optional.of("s-9"), id.sessionId());
    assertFalse(id.toString().contains("11010519491231002X"), id.toString());
  }

  @Test
  void legalPerson_withItsAgent_andWithoutCreditCodeRefused() {
    Identity id = MAPPER.map(token(Map.of("subject_type", "legal", "name", "某某科技有限公司",
        "uscc", "91350100M000100Y43", "agent_name", "李四", "agent_id_number",
        "11010519491231002X", "acr", "urn:gov:cn:loa:3"))).orElseThrow();
    assertEquals(Identity.SubjectType.LEGAL_PERSON, id.subjectType());
    assertEquals(Optional.of("91350100M000100Y43"), id.unifiedSocialCreditCode());
    assertEquals("李四", id.agent().orElseThrow().name());
    assertTrue(id.agent().toString().contains("110***********002X"));
    assertEquals(Optional.of(Reason.REQUIRED_CLAIM_MISSING), MAPPER.map(token(Map.of(
        "subject_type", "legal", "name", "某某科技有限公司", "acr", "urn:gov:cn:loa:3")))
        .reason());
  }

  @Test
  void belowTheMinimumLevel_isAssuranceLevelTooLow() {
    assertEquals(Optional.of(Reason.ASSURANCE_LEVEL_TOO_LOW), MAPPER.map(token(Map.of(
        "name", "张三", "acr", "urn:gov:cn:loa:1"))).reason());
    assertEquals(Optional.of(Reason.ASSURANCE_LEVEL_TOO_LOW), MAPPER.map(token(Map.of(
        "name", "张三", "acr", "urn:unknown"))).reason(), "an unknown acr is level 0");
    IdentityMapper byClaim = IdentityMapper.builder().clock(CLOCK).levelClaim("auth_level")
        .minimumLevel(2).build();
    assertTrue(byClaim.map(token(Map.of("name", "张三", "auth_level", 2))).isValid());
    assertEquals(Optional.of(Reason.ASSURANCE_LEVEL_TOO_LOW), byClaim.map(token(Map.of(
        "name", "张三", "auth_level", "1"))).reason());
    assertEquals(Optional.of(Reason.REQUIRED_CLAIM_MISSING), byClaim.map(token(Map.of(
        "auth_level", 3))).reason(), "no name");
  }
}
