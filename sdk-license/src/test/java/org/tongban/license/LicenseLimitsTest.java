package org.tongban.license;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tongban.crypto.KeyType;
import org.tongban.crypto.SignatureAlgorithm;
import org.tongban.io.Limits;
import org.tongban.license.qr.QrCodec;
import org.tongban.result.Reason;

/** The licence verifiers take their size limits from the builder, as {@link Limits} says. */
class LicenseLimitsTest {
  @Test
  void qrTextAndInflatedPayloadLimits_areTheBuilders() {
    LicenseFixtures f = new LicenseFixtures(KeyType.SM2, SignatureAlgorithm.SM2_SM3);
    String text = f.issuer().issue(LicenseFixtures.businessLicence("L1")).text();
    int inflated = QrCodec.decode(text, java.util.Set.of(QrCodec.TONGBAN_PREFIX)).cose().length;
    LicenseVerifier.Builder b = LicenseVerifier.builder(List.of(f.cert));
    assertTrue(b.limits(Limits.builder().maxQrTextBytes(text.length())
        .maxDecompressedBytes(inflated).build()).build().verify(text).isValid());
    assertEquals(Optional.of(Reason.SIZE_LIMIT_EXCEEDED), b.limits(Limits.builder()
        .maxQrTextBytes(text.length() - 1).build()).build().verify(text).reason());
    assertEquals(Optional.of(Reason.SIZE_LIMIT_EXCEEDED), b.limits(Limits.builder()
        .maxDecompressedBytes(inflated - 1).build()).build().verify(text).reason());
  }

  @Test
  void onlineReferenceLength_isTheBuilders() {
    LicenseFixtures f = new LicenseFixtures(KeyType.SM2, SignatureAlgorithm.SM2_SM3);
    java.net.URI service = java.net.URI.create("http://127.0.0.1:9/licences");
    String url = f.issuer().issueOnline(LicenseFixtures.businessLicence("L2"), service).text();
    OnlineLicenseVerifier v = OnlineLicenseVerifier.builder(f.verifier()).service(service)
        .issuerCertificates(List.of(f.cert))
        .limits(Limits.builder().maxQrTextBytes(url.length() - 1).build()).build();
    assertEquals(Optional.of(Reason.SIZE_LIMIT_EXCEEDED), v.verify(url, "核验").reason());
  }
}
