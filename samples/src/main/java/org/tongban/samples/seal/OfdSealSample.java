package org.tongban.samples.seal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.tongban.crypto.KeyType;
import org.tongban.pki.DemoPki;
import org.tongban.samples.Proof;
import org.tongban.seal.SealMaker;
import org.tongban.seal.SealPictures;
import org.tongban.seal.SealSpec;
import org.tongban.seal.SealType;
import org.tongban.seal.ofd.OfdSealPlacement;
import org.tongban.seal.ofd.OfdSealVerifier;
import org.tongban.seal.ofd.OfdSealer;
import org.tongban.seal.ofd.OfdVerificationReport;
import org.tongban.seal.ses.SealPicture;
import org.tongban.seal.ses.SesSeal;

/**
 * Sample: seal an OFD notice with a GB/T 38540 seal and a cross-page seal (骑缝章), verify it,
 * then change one page and watch the verification name the changed part.
 */
public final class OfdSealSample {
  /** What the sample proves when it ends with exit code 0. */
  public static final String PROVES =
      "an OFD with a visible and a cross-page seal verifies against the trusted root, and a "
      + "page changed afterwards is caught and named";

  private OfdSealSample() {}

  /**
   * Runs the sample.
   *
   * @return true if the sealed OFD verified and the changed copy did not
   */
  public static boolean run() {
    DemoPki pki = DemoPki.create(KeyType.SM2, "OFD sample");
    DemoPki.Issued maker = pki.issueLeaf("CN=某某市电子印章制作中心,C=CN");
    DemoPki.Issued department = pki.issueLeaf("CN=某某市市场监督管理局,C=CN");
    Instant now = Instant.now();
    SesSeal seal = SealMaker.builder(maker.signingKey()).build().make(SealSpec.builder()
        .name("某某市市场监督管理局公章").type(SealType.ORGANIZATION)
        .picture(SealPicture.of("PNG", SealPictures.emblem(40, 200), 40, 40))
        .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)))
        .holders(List.of(department.certificate())).build());

    byte[] sealed = OfdSealer.builder().build().seal(OfdNotice.example(), seal,
        OfdSealPlacement.lastPageBottomRight().withCrossPage(), department.signingKey());
    OfdSealVerifier verifier = OfdSealVerifier.builder(pki.trustPolicy()).build();
    OfdVerificationReport report = verifier.verify(sealed);
    System.out.println("sealed: " + report.indication() + ", " + report.signatures().size()
        + " signature, " + report.signatures().get(0).orElseThrow().stamps().size()
        + " stamps");

    byte[] changed = OfdParts.replace(sealed, "Doc_0/Pages/Page_0/Content.xml",
        new String(OfdParts.read(sealed, "Doc_0/Pages/Page_0/Content.xml"),
            StandardCharsets.UTF_8).replace("3月31日", "12月31日")
            .getBytes(StandardCharsets.UTF_8));
    OfdVerificationReport tampered = verifier.verify(changed);
    System.out.println("changed: " + tampered.indication() + " " + tampered.reason()
        .map(Enum::name).orElse("") + " — " + tampered.signatures().get(0)
            .check(OfdSealVerifier.REFERENCES).map(c -> c.detail()).orElse(""));
    return report.isValid() && !tampered.isValid();
  }

  /**
   * Runs the sample and says what it proved:
   * {@code java -cp samples/target/tongban.jar org.tongban.samples.seal.OfdSealSample}.
   *
   * @param args none
   */
  public static void main(String[] args) {
    System.exit(Proof.report(run(), PROVES));
  }
}
