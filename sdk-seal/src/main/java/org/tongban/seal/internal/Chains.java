package org.tongban.seal.internal;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.tongban.pki.CertificatePath;
import org.tongban.pki.CertificateVerifier;
import org.tongban.result.CheckId;
import org.tongban.result.VerificationResult;

/** Records a certificate chain validation as one check of a seal result. */
public final class Chains {
  private Chains() {}

  /**
   * Validates {@code chain} (leaf first, then candidate intermediates) at {@code at} and records
   * the outcome under {@code id}: OK naming the anchor, or FAILED with the path validation's
   * decisive reason and the detail of the check that gave it.
   *
   * @param r the result being built
   * @param id the check
   * @param verifier the path validator
   * @param chain the leaf and candidate intermediates
   * @param at the validation time
   */
  public static void record(VerificationResult.Builder<?> r, CheckId id,
      CertificateVerifier verifier, List<X509Certificate> chain, Instant at) {
    VerificationResult<CertificatePath> c = verifier.verify(chain, at);
    if (c.isValid()) {
      r.ok(id, "to " + c.orElseThrow().anchor().getSubjectX500Principal().getName() + " at "
          + at);
    } else {
      String detail = c.checks().stream().filter(x -> x.reason().equals(c.reason()))
          .map(x -> x.id() + ": " + x.detail()).findFirst().orElse("");
      r.fail(id, c.reason().orElseThrow(), detail);
    }
  }
}
