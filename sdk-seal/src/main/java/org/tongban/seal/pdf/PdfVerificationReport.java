package org.tongban.seal.pdf;

import java.util.List;
import java.util.Optional;
import org.tongban.result.CheckId;
import org.tongban.result.Indication;
import org.tongban.result.Reason;
import org.tongban.result.VerificationResult;
import org.tongban.seal.internal.Verdicts;

/**
 * The outcome of verifying a sealed PDF: one result per signature, in revision order, and the
 * document verdict — PASSED only if every signature passed (each covering the whole file or
 * followed only by updates that add signatures); otherwise the worst indication, with the first
 * decisive reason.
 *
 * <p>Immutable and thread-safe.
 *
 * @param signatures one result per signature
 * @param indication the document verdict
 * @param reason the document's decisive reason, empty iff PASSED
 * @since 0.1
 */
public record PdfVerificationReport(List<VerificationResult<VerifiedPdfSignature>> signatures,
    Indication indication, Optional<Reason> reason) {
  /**
   * Copies the list.
   *
   * @param signatures the results
   * @param indication the verdict
   * @param reason the reason
   */
  public PdfVerificationReport {
    signatures = List.copyOf(signatures);
  }

  /** The check under which a document-level failure (not a PDF, no signature, too large) sits. */
  public static final CheckId DOCUMENT = CheckId.of("document");

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
   * ({@code signature.1}, {@code signature.2}, … in revision order, each OK or failed with that
   * signature's reason), or a single {@link #DOCUMENT} check when the file could not be read as
   * a signed PDF; its payload, when PASSED, is this report.
   *
   * @return the result; its indication and reason are this report's
   */
  public VerificationResult<PdfVerificationReport> toResult() {
    return Verdicts.toResult(signatures, reason, DOCUMENT, VerifiedPdfSignature::fieldName,
        this);
  }

}
