package org.tongban.pki;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.crypto.KeyType;
import org.tongban.keys.Pem;
import org.tongban.result.Indication;
import org.tongban.result.Reason;
import org.tongban.testing.Outside;
import org.tongban.testing.ResultAssertions;
import org.tongban.testing.Loopback;

/**
 * OCSP against a real responder: {@code openssl ocsp} serving a CA's index on loopback, started
 * and stopped by the test.
 */
@Tag("interop")
class OcspRevocationSourceTest {
  private static final DateTimeFormatter INDEX_TIME = DateTimeFormatter.ofPattern(
      "yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

  private static String indexLine(X509Certificate c, Instant revokedAt) {
    String serial = c.getSerialNumber().toString(16).toUpperCase(java.util.Locale.ROOT);
    if (serial.length() % 2 == 1) {
      serial = "0" + serial;
    }
    return (revokedAt == null ? "V" : "R") + "\t" + INDEX_TIME.format(c.getNotAfter()
        .toInstant()) + "\t" + (revokedAt == null ? "" : INDEX_TIME.format(revokedAt)) + "\t"
        + serial + "\tunknown\t/CN=x\n";
  }

  /** Starts openssl ocsp, waits until it accepts connections, returns it. */
  private static Process responder(Path dir, int port, String signerCert, String signerKey)
      throws Exception {
    Process p = new ProcessBuilder("openssl", "ocsp", "-index", "index.txt", "-port",
        String.valueOf(port), "-rsigner", signerCert, "-rkey", signerKey, "-CA", "ca.crt",
        "-nmin", "5").directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("ocsp-" + port + ".log").toFile()).start();
    // Ready when it says it waits for clients (a bare connect-and-close would stall its
    // one-at-a-time server); as long as the process lives it is given time.
    Path log = dir.resolve("ocsp-" + port + ".log");
    Instant guard = Instant.now().plusSeconds(60);
    while (!(Files.exists(log) && Files.readString(log).contains("waiting for OCSP client"))) {
      if (!p.isAlive() || Instant.now().isAfter(guard)) {
        p.destroyForcibly();
        throw new IllegalStateException("openssl ocsp did not start: "
            + (Files.exists(log) ? Files.readString(log) : ""));
      }
      Thread.sleep(50);
    }
    return p;
  }

  @Test
  void realResponder_good_revoked_unknown_andAnUnauthorisedSigner(@TempDir Path dir)
      throws Exception {
    Outside.program("openssl", "openssl");
    DemoPki pki = DemoPki.create(KeyType.RSA, "OCSP");
    DemoPki.Issued good = pki.issueLeaf("CN=Good,C=CN");
    DemoPki.Issued revoked = pki.issueLeaf("CN=Revoked,C=CN");
    DemoPki.Issued stranger = pki.issueLeaf("CN=Not in the index,C=CN");
    X509Certificate ca = pki.intermediate().certificate();
    Instant revokedAt = Instant.now().minus(Duration.ofHours(1));
    Files.writeString(dir.resolve("index.txt"), indexLine(good.certificate(), null)
        + indexLine(revoked.certificate(), revokedAt));
    Files.writeString(dir.resolve("ca.crt"), Pem.writeCertificate(ca));
    Files.writeString(dir.resolve("ca.key"), Pem.writePrivateKey(pki.intermediate()
        .privateKey()));
    Files.writeString(dir.resolve("leaf.crt"), Pem.writeCertificate(good.certificate()));
    Files.writeString(dir.resolve("leaf.key"), Pem.writePrivateKey(good.privateKey()));
    int port = Loopback.freePort();
    int roguePort = Loopback.freePort();
    Process real = responder(dir, port, "ca.crt", "ca.key");
    // A responder signing with a key the CA never authorised for OCSP (a plain leaf's).
    Process rogue = responder(dir, roguePort, "leaf.crt", "leaf.key");
    try {
      OcspRevocationSource ocsp = OcspRevocationSource.builder()
          .responder(URI.create("http://127.0.0.1:" + port + "/")).build();
      Instant now = Instant.now();
      RevocationStatus g = ocsp.check(good.certificate(), ca, now);
      assertEquals(RevocationStatus.Status.GOOD, g.status(), g.toString());
      RevocationStatus r = ocsp.check(revoked.certificate(), ca, now);
      assertEquals(RevocationStatus.Status.REVOKED, r.status(), r.toString());
      assertEquals(revokedAt.getEpochSecond(), r.revocationTime().orElseThrow()
          .getEpochSecond());
      // Revoked an hour ago: at a signing time two hours ago it was good.
      assertEquals(RevocationStatus.Status.GOOD, ocsp.check(revoked.certificate(), ca,
          now.minus(Duration.ofHours(2))).status());
      assertEquals(RevocationStatus.Status.UNKNOWN, ocsp.check(stranger.certificate(), ca,
          now).status());

      RevocationStatus forged = OcspRevocationSource.builder().responder(URI.create(
          "http://127.0.0.1:" + roguePort + "/")).build().check(revoked.certificate(), ca, now);
      assertEquals(RevocationStatus.Status.UNKNOWN, forged.status(), forged.toString());
      assertTrue(forged.detail().contains("not signed by the issuer"), forged.detail());

      // Through the trust policy: OCSP first, the CRLs when the responder does not know (the
      // issuing CA itself is answered for by the root's CRL: this responder speaks for the
      // issuing CA's certificates only).
      TrustPolicy policy = TrustPolicy.builder(pki.trustAnchors())
          .intermediates(List.of(ca)).revocation(RevocationSource.firstKnown(ocsp,
              CrlRevocationSource.builder().offline().crl(pki.intermediateCrl())
                  .crl(pki.rootCrl()).build()))
          .build();
      ResultAssertions.assertPassed(policy.validate(TrustPolicy.Role.SIGNER,
          List.of(good.certificate()), now));
      ResultAssertions.assertResult(policy.validate(TrustPolicy.Role.SIGNER,
          List.of(revoked.certificate()), now), Indication.FAILED, Reason.REVOKED);
      ResultAssertions.assertPassed(policy.validate(TrustPolicy.Role.SIGNER,
          List.of(stranger.certificate()), now)); // unknown to OCSP, good in the CRL
    } finally {
      real.destroyForcibly();
      rogue.destroyForcibly();
    }
  }

  @Test
  void unreachableResponder_isUnknown_neverGood() throws Exception {
    DemoPki pki = DemoPki.create(KeyType.SM2, "OCSP down");
    DemoPki.Issued leaf = pki.issueLeaf("CN=A,C=CN");
    RevocationStatus s = OcspRevocationSource.builder()
        .responder(URI.create("http://127.0.0.1:" + Loopback.freePort() + "/")).build()
        .check(leaf.certificate(), pki.intermediate().certificate(), Instant.now());
    assertEquals(RevocationStatus.Status.UNKNOWN, s.status());
    RevocationStatus none = OcspRevocationSource.builder().build().check(leaf.certificate(),
        pki.intermediate().certificate(), Instant.now());
    assertEquals(RevocationStatus.Status.UNKNOWN, none.status(), "no AIA, no responder");
  }
}
