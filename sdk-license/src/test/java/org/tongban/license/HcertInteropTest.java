package org.tongban.license;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.tongban.keys.Pem;
import org.tongban.result.CheckStatus;
import org.tongban.result.Reason;
import org.tongban.result.VerificationResult;
import org.tongban.testing.ResultAssertions;

/**
 * Proof that the container and signature pipeline is the standard HCERT one: EU Digital COVID
 * Certificates from the EU's public test data verify with {@link LicenseVerifier} given their
 * signing certificate, and a one-character change fails.
 */
class HcertInteropTest {
  @SuppressWarnings("unchecked")
  @TestFactory
  Stream<DynamicTest> euDgcTestVectors_verify() throws Exception {
    Map<String, Object> root;
    try (InputStream in = getClass().getResourceAsStream(
        "/vectors/qr/valid/hcert-dgc-testdata.json")) {
      root = JSONObjectUtils.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    List<DynamicTest> tests = new ArrayList<>();
    for (Object o : (List<Object>) root.get("vectors")) {
      Map<String, Object> v = (Map<String, Object>) o;
      tests.add(DynamicTest.dynamicTest((String) v.get("description"), () -> {
        X509Certificate cert = Pem.toCertificate(Base64.getDecoder().decode(
            (String) v.get("certificate")));
        Clock clock = Clock.fixed(Instant.parse((String) v.get("validationClock")),
            ZoneOffset.UTC);
        LicenseVerifier verifier = LicenseVerifier.builder(List.of(cert)).acceptPrefix("HC1:")
            .clock(clock).build();
        String text = (String) v.get("prefix");
        VerificationResult<VerifiedLicense> r = verifier.verify(text);
        ResultAssertions.assertPassed(r);
        assertEquals("HC1:", r.orElseThrow().prefix());
        assertTrue(r.orElseThrow().license().isEmpty());
        assertEquals(CheckStatus.SKIPPED, r.check(LicenseVerifier.DATA).orElseThrow().status());
        Object nam = r.orElseThrow().payload().get("nam");
        assertEquals("Gabriele", ((Map<String, Object>) nam).get("gn"));
        int i = text.length() - 20;
        String changed = text.substring(0, i) + (text.charAt(i) == 'A' ? 'B' : 'A')
            + text.substring(i + 1);
        VerificationResult<VerifiedLicense> bad = verifier.verify(changed);
        ResultAssertions.assertConsistent(bad);
        assertTrue(!bad.isValid(), "changed text must fail");
        assertTrue(bad.reason().orElseThrow() == Reason.SIG_CRYPTO_FAILURE
            || bad.reason().orElseThrow() == Reason.FORMAT_FAILURE, bad.toString());
      }));
    }
    return tests.stream();
  }
}
