package org.tongban.license;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.tongban.crypto.KeyType;
import org.tongban.crypto.SignatureAlgorithm;
import org.tongban.result.CheckStatus;
import org.tongban.result.Indication;
import org.tongban.result.Reason;
import org.tongban.result.VerificationResult;
import org.tongban.testing.CrlServer;
import org.tongban.testing.ResultAssertions;

/** Status lists: valid, revoked, suspended, cached, outage, forged. */
class LicenseStatusTest {
  private static final class MutableClock extends Clock {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }

    void advance(Duration d) {
      now.set(now.get().plus(d));
    }
  }

  @Test
  void statusList_validRevokedSuspended_cachedAndOutage() throws Exception {
    LicenseFixtures f = new LicenseFixtures(KeyType.SM2, SignatureAlgorithm.SM2_SM3);
    MutableClock clock = new MutableClock();
    try (CrlServer server = new CrlServer()) {
      URI uri = server.base().resolve("/status/1");
      StatusListIssuer lists = StatusListIssuer.builder(f.key).clock(clock).build();
      AtomicReference<byte[]> published = new AtomicReference<>(
          lists.issue(uri, 1000, Map.of(), Duration.ofHours(1)));
      server.serve("/status/1", published::get);

      String a = f.issuer().issue(LicenseFixtures.businessLicence("S1"),
          new StatusReference(uri, 7)).text();
      String b = f.issuer().issue(LicenseFixtures.businessLicence("S2"),
          new StatusReference(uri, 8)).text();
      LicenseVerifier v = LicenseVerifier.builder(List.of(f.cert))
          .statusSource(StatusListSource.builder(List.of(f.cert)).clock(clock).build())
              .clock(clock).build();

      VerificationResult<VerifiedLicense> ok = v.verify(a);
      ResultAssertions.assertPassed(ok);
      assertEquals(CheckStatus.OK, ok.check(LicenseVerifier.STATUS).orElseThrow().status());
      int afterFirst = server.requests();
      ResultAssertions.assertPassed(v.verify(b));
      assertEquals(afterFirst, server.requests(), "the list is cached until it expires");

      published.set(lists.issue(uri, 1000, Map.of(7, LicenseState.REVOKED,
          8, LicenseState.SUSPENDED), Duration.ofHours(1)));
      ResultAssertions.assertPassed(v.verify(a)); // still the cached list
      clock.advance(Duration.ofMinutes(61));
      published.set(lists.issue(uri, 1000, Map.of(7, LicenseState.REVOKED,
          8, LicenseState.SUSPENDED), Duration.ofHours(1)));
      VerificationResult<VerifiedLicense> revoked = v.verify(a);
      ResultAssertions.assertResult(revoked, Indication.FAILED, Reason.LICENSE_REVOKED);
      assertTrue(revoked.check(LicenseVerifier.STATUS).orElseThrow().detail()
          .startsWith("invalid"));
      VerificationResult<VerifiedLicense> suspended = v.verify(b);
      ResultAssertions.assertResult(suspended, Indication.FAILED, Reason.LICENSE_REVOKED);
      assertTrue(suspended.check(LicenseVerifier.STATUS).orElseThrow().detail()
          .startsWith("suspended"));

      server.serve("/status/1", () -> new byte[] {1, 2, 3}); // the service breaks
      clock.advance(Duration.ofMinutes(90));
      VerificationResult<VerifiedLicense> outage = v.verify(a);
      ResultAssertions.assertResult(outage, Indication.INDETERMINATE, Reason.REVOCATION_UNKNOWN);
      assertTrue(outage.check(LicenseVerifier.STATUS).orElseThrow().detail().contains("min old"),
          outage.toString());

      LicenseFixtures rogue = new LicenseFixtures(KeyType.SM2, SignatureAlgorithm.SM2_SM3);
      server.serve("/status/1", () -> StatusListIssuer.builder(rogue.key).clock(clock).build()
          .issue(uri, 1000, Map.of(), Duration.ofHours(1)));
      ResultAssertions.assertResult(v.verify(b), Indication.INDETERMINATE,
          Reason.REVOCATION_UNKNOWN);

      // A licence naming its status list, verified with no status source: undecided (it may
      // be revoked), never PASSED.
      VerificationResult<VerifiedLicense> noSource = LicenseVerifier.builder(List.of(f.cert))
          .clock(clock).build().verify(a);
      ResultAssertions.assertResult(noSource, Indication.INDETERMINATE,
          Reason.REVOCATION_UNKNOWN);
      assertTrue(noSource.check(LicenseVerifier.STATUS).orElseThrow().detail()
          .contains("not checked"));
    }
  }
}
