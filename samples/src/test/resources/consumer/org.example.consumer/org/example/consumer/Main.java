package org.example.consumer;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.tongban.crypto.KeyType;
import org.tongban.license.HolderCodeType;
import org.tongban.license.IssuedLicense;
import org.tongban.license.License;
import org.tongban.license.LicenseIdentifier;
import org.tongban.license.LicenseIssuer;
import org.tongban.license.LicenseVerifier;
import org.tongban.license.qr.QrImages;
import org.tongban.pki.DemoPki;
import org.tongban.seal.DataSealer;
import org.tongban.seal.SealMaker;
import org.tongban.seal.SealPictures;
import org.tongban.seal.SealSpec;
import org.tongban.seal.SealVerifier;
import org.tongban.seal.ses.SealPicture;
import org.tongban.seal.ses.SesSeal;
import org.tongban.seal.ses.SesSignature;

/** Seals and verifies a document, issues a licence QR image and verifies it. */
public final class Main {
  public static void main(String[] args) {
    DemoPki pki = DemoPki.create(KeyType.SM2, "Consumer");
    DemoPki.Issued maker = pki.issueLeaf("CN=Maker,C=CN");
    DemoPki.Issued dept = pki.issueLeaf("CN=Dept,C=CN");
    byte[] document = "module path".getBytes(StandardCharsets.UTF_8);
    SesSeal seal = SealMaker.builder(maker.signingKey()).build().make(SealSpec.builder()
        .name("Consumer seal").picture(SealPicture.of("PNG", SealPictures.emblem(42, 100), 42, 42))
        .validity(Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600))
        .holders(List.of(dept.certificate())).build());
    SesSignature sealed = DataSealer.builder().build().seal(seal, dept.signingKey(), document,
        "doc");
    boolean sealOk = SealVerifier.builder(pki.trustPolicy()).build()
        .verify(sealed.encoded(), document).isValid();

    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    DemoPki.Issued issuer = pki.issueLeaf("CN=Issuer,C=CN");
    License licence = License.builder().name("营业执照").typeCode("91110108551385082Q001")
        .number("91440300708461136T")
        .identifier(LicenseIdentifier.create("91110108551385082Q001", "91350100M000100Y43",
            "2026A0001", "001"))
        .issuingAuthority("某某市市场监督管理局", "91350100M000100Y43").issueDate(today)
        .holder("某某科技有限公司", "91440300708461136T", HolderCodeType.UNIFIED_SOCIAL_CREDIT_CODE)
        .validFrom(today).validUntil(today.plusYears(1)).build(today);
    IssuedLicense issued = LicenseIssuer.builder(issuer.signingKey()).build().issue(licence);
    // java.desktop is read through org.tongban.license (BufferedImage is in its API).
    BufferedImage image = QrImages.render(issued.text(), QrImages.Options.defaults());
    boolean licenceOk = LicenseVerifier.builder(List.of(
        issuer.certificate())).build().verify(QrImages.decode(image)).isValid();

    System.out.println("consumer: seal " + sealOk + ", licence " + licenceOk + ", image "
        + image.getWidth() + "px");
    System.exit(sealOk && licenceOk ? 0 : 1);
  }
}
