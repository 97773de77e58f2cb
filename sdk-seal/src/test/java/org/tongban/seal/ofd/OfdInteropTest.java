package org.tongban.seal.ofd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tongban.crypto.KeyType;
import org.tongban.pki.DemoPki;
import org.tongban.result.Reason;
import org.tongban.seal.ModificationLevel;
import org.tongban.seal.ofdrw.OfdrwClassLoader;
import org.tongban.seal.ofdrw.OfdrwSignHarness;
import org.tongban.seal.ses.SesSeal;
import org.tongban.seal.ses.SesVersion;

/**
 * OFD seals against ofdrw 2.3.3 (ofdrw-sign's {@code OFDSigner} and {@code OFDValidator}, run
 * in an isolated class loader with its own BouncyCastle): what we seal passes ofdrw's validator,
 * what ofdrw seals passes ours — v4 and v1, one seal, two seals, cross-page — and a changed page
 * fails on both sides.
 */
class OfdInteropTest {
  private static final DemoPki PKI = DemoPki.create(KeyType.SM2, "OFD interop");
  private static final DemoPki.Issued MAKER = PKI.issueLeaf("CN=制章中心,C=CN");
  private static final DemoPki.Issued HOLDER = PKI.issueLeaf("CN=某某市市场监督管理局,C=CN");
  private static final DemoPki.Issued SECOND = PKI.issueLeaf("CN=某某市税务局,C=CN");
  private static OfdrwClassLoader ofdrw;

  @BeforeAll
  static void loadOfdrw() throws Exception {
    ofdrw = new OfdrwClassLoader("ofdrw-sign-libs", OfdrwSignHarness.class);
  }

  private static String version(SesVersion v) {
    return v == SesVersion.V4 ? "v4" : "v1";
  }

  private static String ofdrwValidates(byte[] ofd, SesVersion v) throws Exception {
    return (String) ofdrw.call("validate", ofd, version(v));
  }

  private static byte[] ofdrwSeals(byte[] ofd, SesSeal seal, DemoPki.Issued signer, SesVersion v,
      int page, boolean crossPage) throws Exception {
    return (byte[]) ofdrw.call("seal", ofd, seal.encoded(), signer.certificate().getEncoded(),
        signer.privateKey().getEncoded(), version(v), page, crossPage);
  }

  private static OfdVerificationReport ours(byte[] ofd) {
    return OfdSealVerifier.builder(PKI.trustPolicy()).build().verify(ofd);
  }

  private static byte[] changePage(byte[] ofd) {
    return OfdFixtures.change(ofd, parts -> parts.put("Doc_0/Pages/Page_0/Content.xml",
        OfdFixtures.page("金额：壹佰万元", 50).getBytes(StandardCharsets.UTF_8)));
  }

  @ParameterizedTest
  @EnumSource(SesVersion.class)
  void oursPassesOfdrwsValidator_andAChangedPageDoesNot(SesVersion v) throws Exception {
    byte[] one = OfdSealer.builder().build().seal(OfdFixtures.unsigned(2),
        OfdSealTest.seal(MAKER, v, HOLDER), OfdSealPlacement.at(1, 30, 30), HOLDER.signingKey());
    assertEquals("OK", ofdrwValidates(one, v));
    byte[] two = OfdSealer.builder().build().seal(one, OfdSealTest.seal(MAKER, v, SECOND),
        OfdSealPlacement.lastPageBottomRight().withCrossPage(), SECOND.signingKey());
    assertEquals("OK", ofdrwValidates(two, v));
    // ofdrw names the changed part as a file-integrity failure, not some other error.
    String changed = ofdrwValidates(changePage(two), v);
    assertTrue(changed.startsWith("FileIntegrityException: /Doc_0/Pages/Page_0/Content.xml"),
        changed);
  }

  @ParameterizedTest
  @EnumSource(SesVersion.class)
  void ofdrwsSealsPassOurs_oneTwoAndCrossPage_andAChangedPageDoesNot(SesVersion v)
      throws Exception {
    byte[] one = ofdrwSeals(OfdFixtures.unsigned(2), OfdSealTest.seal(MAKER, v, HOLDER), HOLDER,
        v, 1, false);
    assertEquals("OK", ofdrwValidates(one, v), "ofdrw accepts its own");
    OfdVerificationReport r1 = ours(one);
    assertTrue(r1.isValid(), r1.toString());
    VerifiedOfdSignature s = r1.signatures().get(0).orElseThrow();
    assertEquals(v, s.seal().orElseThrow().version());
    assertEquals(1, s.stamps().size());
    assertEquals(java.util.OptionalInt.of(1), s.stamps().get(0).pageNumber());

    byte[] two = ofdrwSeals(one, OfdSealTest.seal(MAKER, v, SECOND), SECOND, v, 2, true);
    OfdVerificationReport r2 = ours(two);
    assertTrue(r2.isValid(), r2.toString());
    assertEquals(2, r2.signatures().size());
    assertEquals(ModificationLevel.SIGNATURES,
        r2.signatures().get(0).orElseThrow().modificationLevel());
    assertEquals(3, r2.signatures().get(1).orElseThrow().stamps().size(), "one + two slices");

    assertEquals(Optional.of(Reason.HASH_FAILURE), ours(changePage(two)).reason());
  }

  @Test
  void ofdrwsGbt35275Signature_verifies_andABareSignatureNeedsACertificateTrustedAsGiven()
      throws Exception {
    byte[] signed = (byte[]) ofdrw.call("signGbt35275", OfdFixtures.unsigned(2),
        HOLDER.certificate().getEncoded(), HOLDER.privateKey().getEncoded());
    OfdVerificationReport r = ours(signed);
    assertTrue(r.isValid(), r.toString());
    VerifiedOfdSignature s = r.signatures().get(0).orElseThrow();
    assertEquals("Sign", s.type());
    assertEquals(HOLDER.certificate(), s.signer());
    assertTrue(s.seal().isEmpty());
    assertTrue(s.signingTime().isPresent(), "SignatureDateTime as the claimed time");
    assertEquals(Optional.of(Reason.HASH_FAILURE), ours(changePage(signed)).reason());

    // The same signature file signed bare: SM2 over Signature.xml, no certificate in it.
    java.util.Map<String, byte[]> parts = OfdFixtures.parts(signed);
    byte[] bare = HOLDER.signingKey().sign(parts.get("Doc_0/Signs/Sign_0/Signature.xml"));
    byte[] bareOfd = OfdFixtures.change(signed,
        p -> p.put("Doc_0/Signs/Sign_0/SignedValue.dat", bare));
    OfdVerificationReport given = OfdSealVerifier.builder(org.tongban.pki.TrustPolicy
        .trustedAsGiven(java.util.List.of(HOLDER.certificate()))).build().verify(bareOfd);
    assertTrue(given.isValid(), given.toString());
    assertEquals(Optional.of(Reason.KEY_NOT_FOUND), ours(bareOfd).reason());
    byte[] forged = OfdFixtures.change(signed, p -> p.put("Doc_0/Signs/Sign_0/SignedValue.dat",
        SECOND.signingKey().sign(parts.get("Doc_0/Signs/Sign_0/Signature.xml"))));
    assertEquals(Optional.of(Reason.KEY_NOT_FOUND), OfdSealVerifier.builder(
        org.tongban.pki.TrustPolicy.trustedAsGiven(java.util.List.of(HOLDER.certificate())))
        .build().verify(forged).reason());
  }

  @Test
  void anOfdrwSealThenOurs_bothStayValid_onBothSides() throws Exception {
    byte[] theirs = ofdrwSeals(OfdFixtures.unsigned(2), OfdSealTest.seal(MAKER, SesVersion.V4,
        HOLDER), HOLDER, SesVersion.V4, 1, false);
    byte[] both = OfdSealer.builder().build().seal(theirs, OfdSealTest.seal(MAKER,
        SesVersion.V4, SECOND), OfdSealPlacement.lastPageBottomRight(), SECOND.signingKey());
    assertTrue(ours(both).isValid(), ours(both).toString());
    assertEquals("OK", ofdrwValidates(both, SesVersion.V4));
  }
}
