package org.tongban.license;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.tongban.crypto.KeyType;
import org.tongban.crypto.SignatureAlgorithm;
import org.tongban.result.Indication;
import org.tongban.result.Reason;
import org.tongban.result.VerificationResult;
import org.tongban.testing.CrlServer;
import org.tongban.testing.ResultAssertions;

/** The online reference QR: a short signed URL, licence and state fetched from the issuer. */
class OnlineLicenseTest {
  @Test
  void onlineReference_validRevokedForgedAndOutage() throws Exception {
    LicenseFixtures f = new LicenseFixtures(KeyType.SM2, SignatureAlgorithm.SM2_SM3);
    License lic = LicenseFixtures.businessLicence("ON1");
    String offlineQr = f.issuer().issue(lic).text();
    try (CrlServer server = new CrlServer()) {
      URI service = server.base().resolve("/licences");
      AtomicReference<String> answer = new AtomicReference<>(
          "{\"state\":\"01\",\"qr\":\"" + offlineQr + "\"}");
      server.serve("/licences/" + lic.identifier(),
          () -> answer.get().getBytes(StandardCharsets.UTF_8));

      IssuedLicense online = f.issuer().issueOnline(lic, service);
      assertTrue(online.text().startsWith(service + "?zzbs=" + lic.identifier() + "&t="));
      assertTrue(online.text().length() < 400, online.text().length() + " characters");
      OnlineLicenseVerifier v = OnlineLicenseVerifier.builder(f.verifier()).service(service)
          .issuerCertificates(List.of(f.cert)).build();

      VerificationResult<VerifiedLicense> ok = v.verify(online.text(), "办理企业开户");
      ResultAssertions.assertPassed(ok);
      assertEquals(lic.identifier(), ok.orElseThrow().license().orElseThrow().identifier());
      assertEquals("办理企业开户", URLDecoder.decode(server.lastRequest().getRawQuery()
          .substring("purpose=".length()), StandardCharsets.UTF_8), "purpose of use declared");

      answer.set("{\"state\":\"06\",\"qr\":\"" + offlineQr + "\"}");
      VerificationResult<VerifiedLicense> revoked = v.verify(online.text(), "核验");
      ResultAssertions.assertResult(revoked, Indication.FAILED, Reason.LICENSE_REVOKED);
      assertTrue(revoked.checks().get(revoked.checks().size() - 1).detail().contains("吊销"));

      String other = f.issuer().issue(LicenseFixtures.businessLicence("ON2")).text();
      answer.set("{\"state\":\"01\",\"qr\":\"" + other + "\"}");
      ResultAssertions.assertResult(v.verify(online.text(), "核验"), Indication.FAILED,
          Reason.LICENSE_DATA_MISMATCH);

      String elsewhere = online.text().replace(server.base().toString(),
          "http://127.0.0.2:1/");
      ResultAssertions.assertResult(v.verify(elsewhere, "核验"), Indication.FAILED,
          Reason.FORMAT_FAILURE);

      IssuedLicense forOther = f.issuer().issueOnline(LicenseFixtures.businessLicence("ON3"),
          service);
      String swapped = online.text().substring(0, online.text().indexOf("&t="))
          + forOther.text().substring(forOther.text().indexOf("&t="));
      ResultAssertions.assertResult(v.verify(swapped, "核验"), Indication.FAILED,
          Reason.LICENSE_DATA_MISMATCH);

      // Under a trust policy the token signer must chain to its anchors: the fixture's issuer
      // does under its own PKI, not under another one.
      OnlineLicenseVerifier chained = OnlineLicenseVerifier.builder(f.verifier()).service(service)
          .issuerCertificates(List.of(f.cert)).trust(f.pki.trustPolicy()).build();
      answer.set("{\"state\":\"01\",\"qr\":\"" + offlineQr + "\"}");
      VerificationResult<VerifiedLicense> viaChain = chained.verify(online.text(), "核验");
      ResultAssertions.assertPassed(viaChain);
      assertTrue(viaChain.check(LicenseVerifier.ISSUER_CHAIN).orElseThrow().detail()
          .startsWith("to "), viaChain.toString());
      LicenseFixtures elsewhereCa = new LicenseFixtures(KeyType.SM2, SignatureAlgorithm.SM2_SM3);
      VerificationResult<VerifiedLicense> unchained = OnlineLicenseVerifier
          .builder(f.verifier()).service(service).issuerCertificates(List.of(f.cert))
          .trust(elsewhereCa.pki.trustPolicy()).build().verify(online.text(), "核验");
      ResultAssertions.assertResult(unchained, Indication.INDETERMINATE,
          Reason.NO_CERTIFICATE_CHAIN_FOUND);
      assertEquals(LicenseVerifier.ISSUER_CHAIN, unchained.checks()
          .get(unchained.checks().size() - 1).id());
      ResultAssertions.assertResult(OnlineLicenseVerifier.builder(f.verifier()).service(service)
          .issuerCertificates(List.of(f.cert)).trust(org.tongban.pki.TrustPolicy.none()).build()
          .verify(online.text(), "核验"), Indication.INDETERMINATE, Reason.TRUST_NOT_CONFIGURED);

      LicenseFixtures rogue = new LicenseFixtures(KeyType.SM2, SignatureAlgorithm.SM2_SM3);
      ResultAssertions.assertResult(v.verify(rogue.issuer().issueOnline(lic, service).text(),
          "核验"), Indication.INDETERMINATE, Reason.KEY_NOT_FOUND);
    }
    // The service is gone.
    OnlineLicenseVerifier v = OnlineLicenseVerifier.builder(f.verifier())
        .service(URI.create("http://127.0.0.1:9/licences")).issuerCertificates(List.of(f.cert))
        .build();
    String url = f.issuer().issueOnline(lic, URI.create("http://127.0.0.1:9/licences")).text();
    ResultAssertions.assertResult(v.verify(url, "核验"), Indication.INDETERMINATE,
        Reason.KEY_SOURCE_UNAVAILABLE);
  }
}
