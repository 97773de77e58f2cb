package org.tongban.samples.seal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.tongban.crypto.KeyType;
import org.tongban.pki.DemoPki;
import org.tongban.pki.TrustPolicy;
import org.tongban.result.VerificationResult;
import org.tongban.samples.Proof;
import org.tongban.seal.DataSealer;
import org.tongban.seal.SealMaker;
import org.tongban.seal.SealPictures;
import org.tongban.seal.SealSpec;
import org.tongban.seal.SealVerifier;
import org.tongban.seal.VerifiedSeal;
import org.tongban.seal.ses.SealPicture;
import org.tongban.seal.ses.SesSeal;
import org.tongban.seal.ses.SesSignature;

/**
 * Quick start: make a GB/T 38540 seal, seal a document with it, verify. The region between the
 * markers is copied verbatim into README.md (a test keeps them equal).
 */
public final class SealSample {
  /** What the sample proves when it ends with exit code 0. */
  public static final String PROVES =
      "a GB/T 38540 seal made by the seal maker and used by the department on"
      + " a document verifies against the trusted roots (maker and signer "
      + "signatures, document digest, holder, validity, both chains)";

  private SealSample() {}

  /**
   * Runs the sample.
   *
   * @return true if the seal verified
   */
  public static boolean run() {
    DemoPki pki = DemoPki.create(KeyType.SM2, "Seal quick start");
    DemoPki.Issued maker = pki.issueLeaf("CN=某某市电子印章制作中心,C=CN");
    DemoPki.Issued dept = pki.issueLeaf("CN=某某市市场监督管理局,C=CN");
    byte[] document = "关于开展一网通办试点工作的通知".getBytes(StandardCharsets.UTF_8);
    // [START seal-verify]
    // The seal maker (制章人) makes a seal for the department's certificate.
    byte[] png = SealPictures.roundSeal("某某市市场监督管理局", "合同专用章", 42, 300);
    SesSeal seal = SealMaker.builder(maker.signingKey()).build().make(SealSpec.builder()
        .name("某某市市场监督管理局合同专用章")
        .picture(SealPicture.of("PNG", png, 42, 42))
        .validity(Instant.now(), Instant.now().plus(Duration.ofDays(365)))
        .holders(List.of(dept.certificate()))
        .build());

    // The department seals a document (detached SES_Signature, SM3 data hash, SM2 signature).
    SesSignature signature = DataSealer.builder().build()
        .seal(seal, dept.signingKey(), document, "notice.txt");

    // Anyone verifies it against what they trust; build once, share.
    TrustPolicy trust = TrustPolicy.builder(pki.trustAnchors())     // the roots
        .intermediates(List.of(pki.intermediate().certificate()))
        .build();                                  // + .revocation(...) for CRL/OCSP
    SealVerifier verifier = SealVerifier.builder(trust).build();
    VerificationResult<VerifiedSeal> result = verifier.verify(signature.encoded(), document);
    result.verified().ifPresent(v -> System.out.println(v.sealName() + " by " + v.signer()
        .getSubjectX500Principal().getName()));
    // [END seal-verify]
    return result.isValid();
  }

  /**
   * Runs the sample and says what it proved:
   * {@code java -cp samples/target/tongban.jar org.tongban.samples.seal.SealSample}.
   *
   * @param args none
   */
  public static void main(String[] args) {
    System.exit(Proof.report(run(), PROVES));
  }
}
