package org.tongban.license;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.tongban.crypto.KeyType;
import org.tongban.crypto.SignatureAlgorithm;
import org.tongban.crypto.SigningKey;
import org.tongban.keys.KeyPairs;
import org.tongban.keys.SigningKeys;
import org.tongban.pki.CertificateBuilder;
import org.tongban.pki.DemoPki;
import org.tongban.pki.KeyUsage;

/** An issuer per algorithm and a business licence. */
final class LicenseFixtures {
  static final String ISSUER_CODE = "91350100M000100Y43";
  static final String TYPE_CODE = "91110108551385082Q001";
  static final LocalDate TODAY = LocalDate.now(LicenseIssuer.CHINA);

  final DemoPki pki;
  final X509Certificate cert;
  final SigningKey key;

  LicenseFixtures(KeyType type, SignatureAlgorithm alg) {
    pki = DemoPki.create(type, "Licence " + alg);
    KeyPair kp = KeyPairs.generate(type);
    cert = CertificateBuilder.forSubject(kp.getPublic(), "CN=某某市市场监督管理局证照签发,C=CN")
        .issuer(pki.intermediate().certificate(), pki.intermediate().signingKey())
        .keyUsage(Set.of(KeyUsage.DIGITAL_SIGNATURE))
        .validity(Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(90)))
        .build();
    key = SigningKeys.builder(kp.getPrivate()).algorithm(alg).certificateChain(List.of(cert))
        .build();
  }

  static License businessLicence(String serial) {
    return License.builder().name("营业执照").typeCode(TYPE_CODE).number("91440300708461136T")
        .identifier(LicenseIdentifier.create(TYPE_CODE, ISSUER_CODE, serial, "001"))
        .issuingAuthority("某某市市场监督管理局", ISSUER_CODE)
        .issueDate(TODAY.minusDays(10))
        .holder("某某科技有限公司", "91440300708461136T", HolderCodeType.UNIFIED_SOCIAL_CREDIT_CODE)
        .validFrom(TODAY.minusDays(10)).validUntil(TODAY.plusYears(20))
        .item("法定代表人", "张三").item("注册资本", "100万元人民币").item("类型", "有限责任公司")
        .build(TODAY);
  }

  /** The core GB/T 36903 fields of a business licence, no data items. */
  static License coreBusinessLicence(String serial) {
    return License.builder().name("营业执照").typeCode(TYPE_CODE).number("91440300708461136T")
        .identifier(LicenseIdentifier.create(TYPE_CODE, ISSUER_CODE, serial, "001"))
        .issuingAuthority("某某市市场监督管理局", ISSUER_CODE)
        .issueDate(TODAY.minusDays(10))
        .holder("某某科技有限公司", "91440300708461136T", HolderCodeType.UNIFIED_SOCIAL_CREDIT_CODE)
        .validFrom(TODAY.minusDays(10)).validUntil(TODAY.plusYears(20))
        .build(TODAY);
  }

  LicenseVerifier verifier() {
    return LicenseVerifier.builder(List.of(cert))
        .trust(pki.trustPolicy()).build();
  }

  LicenseIssuer issuer() {
    return LicenseIssuer.builder(key).build();
  }
}
