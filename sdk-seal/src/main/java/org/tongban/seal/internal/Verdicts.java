package org.tongban.seal.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.tongban.result.CheckId;
import org.tongban.result.Indication;
import org.tongban.result.Reason;
import org.tongban.result.VerificationResult;

/**
 * The document verdict both document formats share: PASSED only if every signature passed;
 * otherwise the first FAILED signature decides, else the first INDETERMINATE one.
 */
public final class Verdicts {
  private Verdicts() {}

  /**
   * The verdict over some signatures' results.
   *
   * @param results the results, in document order, at least one
   * @return the indication and its reason (empty iff PASSED)
   */
  public static java.util.Map.Entry<Indication, Optional<Reason>> of(
      List<? extends VerificationResult<?>> results) {
    for (Indication worst : List.of(Indication.FAILED, Indication.INDETERMINATE)) {
      for (VerificationResult<?> r : results) {
        if (r.indication() == worst) {
          return java.util.Map.entry(worst, r.reason());
        }
      }
    }
    return java.util.Map.entry(Indication.PASSED, Optional.empty());
  }

  /**
   * A document report in the common result model: one check per signature, or one document
   * check when none was verified.
   *
   * @param <S> the signature payload
   * @param <R> the report
   * @param signatures the signatures' results
   * @param reason the document's reason
   * @param document the document check's id
   * @param label names a verified signature in its check's detail
   * @param report the payload
   * @return the result
   */
  public static <S, R> VerificationResult<R> toResult(List<VerificationResult<S>> signatures,
      Optional<Reason> reason, CheckId document, Function<S, String> label, R report) {
    Instant at = signatures.stream().map(VerificationResult::validationTime)
        .findFirst().orElse(Instant.now());
    VerificationResult.Builder<R> r = VerificationResult.builder(at);
    if (signatures.isEmpty()) {
      r.fail(document, reason.orElse(Reason.FORMAT_FAILURE), "no signature verified");
    }
    int i = 1;
    for (VerificationResult<S> s : signatures) {
      CheckId id = CheckId.of("signature." + i++);
      if (s.isValid()) {
        r.ok(id, s.verified().map(label).orElse(""));
      } else {
        r.fail(id, s.reason().orElseThrow(), s.checks().stream()
            .filter(c -> c.reason().equals(s.reason())).map(c -> c.id() + ": " + c.detail())
            .findFirst().orElse(""));
      }
    }
    return r.build(report);
  }
}
