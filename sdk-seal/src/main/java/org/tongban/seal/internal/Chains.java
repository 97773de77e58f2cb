package org.tongban.seal.internal;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import org.tongban.pki.CertificatePath;
import org.tongban.pki.TrustPolicy;
import org.tongban.result.CheckId;
import org.tongban.result.VerificationResult;

/** Records a certificate chain validation as one check of a seal result. */
public final class Chains {
  private Chains() {}

  /**
   * Validates {@code chain} (the certificate first, then candidate intermediates) in a role at
   * {@code at} under the trust policy and records the outcome under {@code id}: OK naming the
   * anchor, or FAILED with the path validation's decisive reason (INDETERMINATE
   * {@code TRUST_NOT_CONFIGURED} when nothing is trusted) and the detail of its check.
   *
   * @param r the result being built
   * @param id the check
   * @param trust what is trusted
   * @param role the certificate's role
   * @param chain the certificate and candidate intermediates
   * @param at the validation time
   */
  public static void record(VerificationResult.Builder<?> r, CheckId id, TrustPolicy trust,
      TrustPolicy.Role role, List<X509Certificate> chain, Instant at) {
    VerificationResult<CertificatePath> c = trust.validate(role, chain, at);
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
