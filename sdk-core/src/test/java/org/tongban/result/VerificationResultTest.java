package org.tongban.result;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tongban.testing.ResultAssertions;

class VerificationResultTest {
  private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void build_allChecksOk_passedWithPayload() {
    VerificationResult<String> r = VerificationResult.<String>builder(T)
        .ok(CheckId.FORMAT, "").ok(CheckId.SIGNATURE, "").build("payload");
    ResultAssertions.assertPassed(r);
    assertEquals("payload", r.orElseThrow());
    assertEquals(T, r.validationTime());
  }

  @Test
  void build_firstFailureOfTheWorstKindDecides_andPayloadIsWithheld() {
    VerificationResult<String> r = VerificationResult.<String>builder(T)
        .ok(CheckId.FORMAT, "")
        .fail(CheckId.REVOCATION, Reason.REVOCATION_UNKNOWN, "")
        .fail(CheckId.CERT_CHAIN, Reason.NO_CERTIFICATE_CHAIN_FOUND, "")
        .build("payload");
    ResultAssertions.assertResult(r, Indication.INDETERMINATE, Reason.REVOCATION_UNKNOWN);
    assertTrue(r.verified().isEmpty());
    VerificationFailedException e = assertThrows(VerificationFailedException.class,
        r::orElseThrow);
    assertSame(r, e.result());
    assertEquals(Reason.REVOCATION_UNKNOWN, e.reason());
  }

  @Test
  void build_warningsAreReportedButDoNotFail() {
    VerificationResult<String> r = VerificationResult.<String>builder(T)
        .warn(CheckId.SIGNATURE, Reason.STALE_KEYS_USED, "cached").build("p");
    ResultAssertions.assertPassed(r);
    assertEquals(List.of(Reason.STALE_KEYS_USED), r.warnings());
  }

  @Test
  void check_failedWithWarningReason_throws() {
    assertThrows(IllegalArgumentException.class, () -> VerificationResult.<String>builder(T)
        .fail(CheckId.SIGNATURE, Reason.STALE_KEYS_USED, ""));
  }

  @Test
  void buildFailed_withoutFailure_throws() {
    assertThrows(IllegalStateException.class,
        () -> VerificationResult.<String>builder(T).ok(CheckId.FORMAT, "").buildFailed());
  }

  @Test
  void build_noChecks_throws() {
    assertThrows(IllegalStateException.class, () -> VerificationResult.<String>builder(T)
        .build("p"));
  }

  @Test
  void map_keepsIndicationAndMapsPayload() {
    VerificationResult<Integer> r = VerificationResult.<String>builder(T)
        .ok(CheckId.FORMAT, "").build("abc").map(String::length);
    assertEquals(3, r.orElseThrow());
    VerificationResult<Integer> f = VerificationResult.<String>builder(T)
        .fail(CheckId.FORMAT, Reason.FORMAT_FAILURE, "").buildFailed().map(String::length);
    ResultAssertions.assertResult(f, Indication.FAILED, Reason.FORMAT_FAILURE);
  }

  @Test
  void checkId_rejectsBadNames() {
    assertThrows(IllegalArgumentException.class, () -> CheckId.of("Bad Name"));
    assertThrows(IllegalArgumentException.class, () -> CheckId.of(""));
    assertEquals("cert.chain", CheckId.CERT_CHAIN.name());
  }

  @Test
  void build_failedOutranksIndeterminate_whateverTheOrder() {
    VerificationResult<String> r = VerificationResult.<String>builder(java.time.Instant.EPOCH)
        .fail(CheckId.CERT_CHAIN, Reason.TRUST_NOT_CONFIGURED, "no anchors")
        .fail(CheckId.SIGNATURE, Reason.SIG_CRYPTO_FAILURE, "")
        .build("x");
    assertEquals(Indication.FAILED, r.indication());
    assertEquals(java.util.Optional.of(Reason.SIG_CRYPTO_FAILURE), r.reason());
    VerificationResult<String> undecided = VerificationResult.<String>builder(
        java.time.Instant.EPOCH).ok(CheckId.SIGNATURE, "")
        .fail(CheckId.CERT_CHAIN, Reason.TRUST_NOT_CONFIGURED, "no anchors")
        .fail(CheckId.REVOCATION, Reason.REVOCATION_UNKNOWN, "").build("x");
    assertEquals(Indication.INDETERMINATE, undecided.indication());
    assertEquals(java.util.Optional.of(Reason.TRUST_NOT_CONFIGURED), undecided.reason());
  }
}
