package org.tongban.seal.ofd;

import java.util.List;
import java.util.Optional;
import org.tongban.result.CheckId;
import org.tongban.result.Indication;
import org.tongban.result.Reason;
import org.tongban.result.VerificationResult;
import org.tongban.seal.internal.Verdicts;

/**
 * The outcome of verifying a sealed OFD: one result per signature, in the order
 * {@code Signatures.xml} lists them, and the document verdict — PASSED only if every signature
 * passed; otherwise the worst indication with the first decisive reason.
 *
 * <p>Immutable and thread-safe.
 *
 * @param signatures one result per signature
 * @param indication the document verdict
 * @param reason the document's decisive reason, empty iff PASSED
 * @since 0.1
 */
public record OfdVerificationReport(List<VerificationResult<VerifiedOfdSignature>> signatures,
    Indication indication, Optional<Reason> reason) {
  /** The check under which a document-level failure (not an OFD, no signature) sits. */
  public static final CheckId DOCUMENT = CheckId.of("document");

  /**
   * Copies the list.
   *
   * @param signatures the results
   * @param indication the verdict
   * @param reason the reason
   */
  public OfdVerificationReport {
    signatures = List.copyOf(signatures);
  }

  /**
   * Returns whether the document verdict is PASSED.
   *
   * @return true iff PASSED
   */
  public boolean isValid() {
    return indication == Indication.PASSED;
  }

  /**
   * Returns the document verdict in the common result model: one check per signature
   * ({@code signature.1}, … in listed order), or one {@link #DOCUMENT} check when the package
   * could not be read as a signed OFD; its payload, when PASSED, is this report.
   *
   * @return the result; its indication and reason are this report's
   */
  public VerificationResult<OfdVerificationReport> toResult() {
    return Verdicts.toResult(signatures, reason, DOCUMENT, s -> s.id(), this);
  }
}
