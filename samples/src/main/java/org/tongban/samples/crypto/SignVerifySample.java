package org.tongban.samples.crypto;

import java.nio.charset.StandardCharsets;
import org.tongban.crypto.KeyType;
import org.tongban.crypto.SigningKey;
import org.tongban.crypto.VerificationKey;
import org.tongban.pki.CertificatePath;
import org.tongban.pki.CertificateVerifier;
import org.tongban.pki.CrlRevocationSource;
import org.tongban.pki.DemoPki;
import org.tongban.result.VerificationResult;
import org.tongban.samples.Proof;

/**
 * Quick start: sign with an SM2 key, verify with the certificate, validate the chain. The region
 * between the markers is copied verbatim into README.md (a test keeps them equal).
 */
public final class SignVerifySample {
  /** What the sample proves when it ends with exit code 0. */
  public static final String PROVES =
      "an SM2 signature made with the department's key verifies with its "
      + "certificate, and the certificate's chain validates to the trusted root"
      + " with CRL revocation";

  private SignVerifySample() {}

  /**
   * Runs the sample.
   *
   * @return true if everything verified
   */
  public static boolean run() {
    DemoPki pki = DemoPki.create(KeyType.SM2, "Quick start");
    DemoPki.Issued dept = pki.issueLeaf("CN=某某市市场监督管理局,C=CN");
    // [START sign-verify]
    byte[] document = "关于开展一网通办试点工作的通知".getBytes(StandardCharsets.UTF_8);

    // Sign: SM2 over SM3(Z_A ‖ document), DER, distinguishing ID 1234567812345678.
    SigningKey key = dept.signingKey(); // or SigningKeys.fromPem(...) / fromPkcs12(...)
    byte[] signature = key.sign(document);

    // Verify: the algorithm is bound to the key; build once, share, reuse.
    VerificationKey signer = VerificationKey.of(dept.certificate());
    boolean valid = signer.verifier().isValid(signature, document);

    // Validate the signer's chain against trusted roots, with CRL revocation.
    CertificateVerifier chains = CertificateVerifier.builder(pki.trustAnchors())
        .revocation(CrlRevocationSource.builder().crl(pki.intermediateCrl())
            .crl(pki.rootCrl()).build())
        .build();
    VerificationResult<CertificatePath> chain = chains.verify(dept.chain());
    System.out.println(chain.indication() + " " + chain.reason().map(Enum::name).orElse(""));
    // [END sign-verify]
    return valid && chain.isValid();
  }

  /**
   * Runs the sample and says what it proved:
   * {@code java -cp samples/target/tongban.jar org.tongban.samples.crypto.SignVerifySample}.
   *
   * @param args none
   */
  public static void main(String[] args) {
    System.exit(Proof.report(run(), PROVES));
  }
}
