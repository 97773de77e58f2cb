package org.tongban.samples.license;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.tongban.crypto.KeyType;
import org.tongban.crypto.SigningKey;
import org.tongban.keys.KeyPairs;
import org.tongban.keys.SigningKeys;
import org.tongban.license.HolderCodeType;
import org.tongban.license.IssuedLicense;
import org.tongban.license.License;
import org.tongban.license.LicenseIdentifier;
import org.tongban.license.LicenseIssuer;
import org.tongban.license.LicenseVerifier;
import org.tongban.license.VerifiedLicense;
import org.tongban.license.qr.QrImages;
import org.tongban.pki.CertificateBuilder;
import org.tongban.pki.DemoPki;
import org.tongban.pki.KeyUsage;
import org.tongban.pki.TrustPolicy;
import org.tongban.result.VerificationResult;
import org.tongban.samples.Proof;

/**
 * Quick start: issue a business licence as a signed QR code and verify the QR image. The region
 * between the markers is copied verbatim into README.md (a test keeps them equal).
 */
public final class LicenseSample {
  /** What the sample proves when it ends with exit code 0. */
  public static final String PROVES =
      "a licence issued as a signed QR image decodes and verifies offline "
      + "against the issuer's certificate and the trusted roots";

  private LicenseSample() {}

  /**
   * Runs the sample.
   *
   * @return true if the licence verified
   */
  public static boolean run() {
    DemoPki pki = DemoPki.create(KeyType.SM2, "Licence quick start");
    KeyPair kp = KeyPairs.generate(KeyType.SM2);
    X509Certificate cert = CertificateBuilder.forSubject(kp.getPublic(), "CN=证照签发,C=CN")
        .issuer(pki.intermediate().certificate(), pki.intermediate().signingKey())
        .keyUsage(Set.of(KeyUsage.DIGITAL_SIGNATURE))
        .validity(Instant.now(), Instant.now().plus(Duration.ofDays(365))).build();
    SigningKey issuerKey = SigningKeys.of(kp.getPrivate(), List.of(cert));
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    // [START license-verify]
    License licence = License.builder()
        .name("营业执照").typeCode("91110108551385082Q001").number("91440300708461136T")
        .identifier(LicenseIdentifier.create("91110108551385082Q001", "91350100M000100Y43",
            "2026A0001", "001"))
        .issuingAuthority("某某市市场监督管理局", "91350100M000100Y43")
        .issueDate(today)
        .holder("某某科技有限公司", "91440300708461136T", HolderCodeType.UNIFIED_SOCIAL_CREDIT_CODE)
        .validFrom(today).validUntil(today.plusYears(20))
        .build(today); // validates the identifier's check character and every code

    // Issue: CWT -> COSE_Sign1 (SM2, alg -48) -> zlib -> Base45 -> "ZZ1:" -> QR PNG.
    IssuedLicense issued = LicenseIssuer.builder(issuerKey).build().issue(licence);
    byte[] png = QrImages.renderPng(issued.text(), QrImages.Options.defaults());

    // Verify offline from the image: signature, issuer chain, validity, codes.
    LicenseVerifier verifier = LicenseVerifier.builder(List.of(cert))   // the issuers
        .trust(TrustPolicy.builder(pki.trustAnchors())                   // and their roots
            .intermediates(List.of(pki.intermediate().certificate())).build())
        .build();
    VerificationResult<VerifiedLicense> result = verifier.verify(QrImages.decode(png));
    result.verified().flatMap(VerifiedLicense::license)
        .ifPresent(l -> System.out.println(l.name() + " " + l.identifier()));
    // [END license-verify]
    return result.isValid();
  }

  /**
   * Runs the sample and says what it proved:
   * {@code java -cp samples/target/tongban.jar org.tongban.samples.license.LicenseSample}.
   *
   * @param args none
   */
  public static void main(String[] args) {
    System.exit(Proof.report(run(), PROVES));
  }
}
