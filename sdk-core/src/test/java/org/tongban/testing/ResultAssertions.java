package org.tongban.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.tongban.result.CheckStatus;
import org.tongban.result.Indication;
import org.tongban.result.Reason;
import org.tongban.result.VerificationResult;

/** The invariant battery every verifier test runs on every result (CONVENTIONS §7.4). */
public final class ResultAssertions {
  private ResultAssertions() {}

  /**
   * Asserts the result model's invariants.
   *
   * @param result the result
   */
  public static void assertConsistent(VerificationResult<?> result) {
    assertFalse(result.checks().isEmpty(), "a result has checks");
    boolean passed = result.indication() == Indication.PASSED;
    assertEquals(passed, result.reason().isEmpty(), "PASSED iff no reason: " + result);
    assertEquals(passed, result.verified().isPresent(), "PASSED iff payload: " + result);
    assertEquals(passed, result.isValid());
    if (!passed) {
      Reason r = result.reason().orElseThrow();
      assertEquals(result.indication(), r.indication(), "reason's indication: " + result);
      assertTrue(result.checks().stream().anyMatch(c -> c.status() == CheckStatus.FAILED
          && c.reason().equals(result.reason())), "the decisive reason is in the checks");
    }
    for (Reason w : result.warnings()) {
      assertEquals(Reason.Kind.WARNING, w.kind(), "warnings are warning reasons");
    }
    String s = result.toString();
    assertFalse(s.contains("PRIVATE KEY"), "no key material in toString");
  }

  /**
   * Asserts a result is consistent and has exactly this indication and reason.
   *
   * @param result the result
   * @param indication the expected indication
   * @param reason the expected reason
   */
  public static void assertResult(VerificationResult<?> result, Indication indication,
      Reason reason) {
    assertConsistent(result);
    assertEquals(indication, result.indication(), () -> "indication of " + result);
    assertEquals(reason, result.reason().orElse(null), () -> "reason of " + result);
  }

  /**
   * Asserts a result is consistent and PASSED.
   *
   * @param result the result
   */
  public static void assertPassed(VerificationResult<?> result) {
    assertConsistent(result);
    assertEquals(Indication.PASSED, result.indication(), () -> "expected PASSED: " + result);
  }
}
