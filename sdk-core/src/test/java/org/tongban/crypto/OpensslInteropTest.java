package org.tongban.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.keys.KeyPairs;
import org.tongban.keys.Pem;
import org.tongban.keys.SigningKeys;
import org.tongban.pki.CertificateVerifier;
import org.tongban.pki.DemoPki;
import org.tongban.pki.TrustAnchors;
import org.tongban.testing.Openssl;
import org.tongban.testing.ResultAssertions;

/**
 * Interop with OpenSSL 3, both directions: SM2/SM3 (default and non-default distinguishing ID),
 * RSA PKCS#1 and PSS, ECDSA P-256, and certificate chains.
 *
 * <p>Note: OpenSSL 3.0's {@code pkeyutl} uses an <em>empty</em> SM2 ID when none is given, not
 * GM/T 0009's {@code 1234567812345678}; every command here therefore names the ID with
 * {@code -pkeyopt distid:...}, as a user must.
 */
@Tag("interop")
class OpensslInteropTest {
  private static final String DEFAULT_ID = "distid:" + SignatureParameters.DEFAULT_DISTINGUISHING_ID;

  @TempDir Path dir;
  private byte[] data;

  @BeforeEach
  void setUp() throws Exception {
    Openssl.assumeAvailable();
    data = "电子证照 licence data\n".repeat(100).getBytes(StandardCharsets.UTF_8);
    Files.write(dir.resolve("data.bin"), data);
    byte[] tampered = data.clone();
    tampered[7] ^= 1;
    Files.write(dir.resolve("tampered.bin"), tampered);
  }

  private void write(String name, String text) throws Exception {
    Files.writeString(dir.resolve(name), text);
  }

  private Openssl.Run ossl(String... args) throws Exception {
    return Openssl.run(dir, args);
  }

  @Test
  void sm2_oursVerifiesInOpenssl_defaultId_publicKeyAndCertificate() throws Exception {
    DemoPki pki = DemoPki.create(KeyType.SM2, "interop");
    DemoPki.Issued leaf = pki.issueLeaf("CN=Signer,C=CN");
    write("pub.pem", Pem.writePublicKey(leaf.certificate().getPublicKey()));
    write("cert.pem", Pem.writeCertificate(leaf.certificate()));
    Files.write(dir.resolve("sig.der"), leaf.signingKey().sign(data));

    Openssl.Run ok = ossl("pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin",
        "-digest", "sm3", "-pkeyopt", DEFAULT_ID, "-in", "data.bin", "-sigfile", "sig.der");
    assertEquals(0, ok.exit(), ok.output());
    assertTrue(ok.output().contains("Signature Verified Successfully"), ok.output());

    Openssl.Run cert = ossl("pkeyutl", "-verify", "-certin", "-inkey", "cert.pem", "-rawin",
        "-digest", "sm3", "-pkeyopt", DEFAULT_ID, "-in", "data.bin", "-sigfile", "sig.der");
    assertEquals(0, cert.exit(), cert.output());

    Openssl.Run bad = ossl("pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin",
        "-digest", "sm3", "-pkeyopt", DEFAULT_ID, "-in", "tampered.bin", "-sigfile", "sig.der");
    assertNotEquals(0, bad.exit(), "tampered data must fail in OpenSSL too");
  }

  @Test
  void sm2_nonDefaultId_bothDirections() throws Exception {
    String id = "ALICE123@YAHOO.COM";
    KeyPair kp = KeyPairs.generate(KeyType.SM2);
    write("key.pem", Pem.writePrivateKey(kp.getPrivate()));
    write("pub.pem", Pem.writePublicKey(kp.getPublic()));
    SignatureParameters p = SignatureParameters.sm2(id, SignatureEncoding.DER);
    Files.write(dir.resolve("ours.sig"),
        SigningKeys.builder(kp.getPrivate()).parameters(p).build().sign(data));
    Openssl.Run ok = ossl("pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin",
        "-digest", "sm3", "-pkeyopt", "distid:" + id, "-in", "data.bin", "-sigfile", "ours.sig");
    assertEquals(0, ok.exit(), ok.output());
    Openssl.Run wrongId = ossl("pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin",
        "-digest", "sm3", "-pkeyopt", DEFAULT_ID, "-in", "data.bin", "-sigfile", "ours.sig");
    assertNotEquals(0, wrongId.exit(), "the ID is part of what is signed");

    Openssl.Run sign = ossl("pkeyutl", "-sign", "-inkey", "key.pem", "-rawin", "-digest", "sm3",
        "-pkeyopt", "distid:" + id, "-in", "data.bin", "-out", "theirs.sig");
    assertEquals(0, sign.exit(), sign.output());
    byte[] theirs = Files.readAllBytes(dir.resolve("theirs.sig"));
    VerificationKey vk = VerificationKey.builder(kp.getPublic()).parameters(p).build();
    assertTrue(vk.verifier().isValid(theirs, data));
    assertFalse(VerificationKey.of(kp.getPublic()).verifier().isValid(theirs, data));
  }

  @Test
  void sm2_opensslKeysAndSignatures_workWithOurs() throws Exception {
    assertEquals(0, ossl("genpkey", "-algorithm", "SM2", "-out", "key.pem").exit());
    assertEquals(0, ossl("pkey", "-in", "key.pem", "-pubout", "-out", "pub.pem").exit());
    Openssl.Run sign = ossl("pkeyutl", "-sign", "-inkey", "key.pem", "-rawin", "-digest", "sm3",
        "-pkeyopt", DEFAULT_ID, "-in", "data.bin", "-out", "theirs.sig");
    assertEquals(0, sign.exit(), sign.output());
    VerificationKey vk = VerificationKey.of(Pem.readPublicKey(
        Files.readString(dir.resolve("pub.pem"))));
    assertEquals(SignatureAlgorithm.SM2_SM3, vk.algorithm());
    assertTrue(vk.verifier().isValid(Files.readAllBytes(dir.resolve("theirs.sig")), data));
    assertFalse(vk.verifier().isValid(Files.readAllBytes(dir.resolve("theirs.sig")),
        Files.readAllBytes(dir.resolve("tampered.bin"))));

    // OpenSSL's private key PEM, signed with by us, verified by OpenSSL.
    SigningKey sk = SigningKeys.fromPem(Files.readString(dir.resolve("key.pem")), "");
    Files.write(dir.resolve("ours.sig"), sk.sign(data));
    Openssl.Run ok = ossl("pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin",
        "-digest", "sm3", "-pkeyopt", DEFAULT_ID, "-in", "data.bin", "-sigfile", "ours.sig");
    assertEquals(0, ok.exit(), ok.output());
  }

  @Test
  void rsaPkcs1AndPss_andP256_bothDirections() throws Exception {
    for (KeyType type : List.of(KeyType.RSA, KeyType.EC_P256)) {
      KeyPair kp = KeyPairs.generate(type);
      write("key.pem", Pem.writePrivateKey(kp.getPrivate()));
      write("pub.pem", Pem.writePublicKey(kp.getPublic()));
      Files.write(dir.resolve("ours.sig"), SigningKeys.of(kp.getPrivate(), List.of()).sign(data));
      Openssl.Run ok = ossl("dgst", "-sha256", "-verify", "pub.pem", "-signature", "ours.sig",
          "data.bin");
      assertEquals(0, ok.exit(), type + ": " + ok.output());
      assertTrue(ok.output().contains("Verified OK"));
      assertNotEquals(0, ossl("dgst", "-sha256", "-verify", "pub.pem", "-signature",
          "ours.sig", "tampered.bin").exit());

      assertEquals(0, ossl("dgst", "-sha256", "-sign", "key.pem", "-out", "theirs.sig",
          "data.bin").exit());
      VerificationKey vk = VerificationKey.of(kp.getPublic());
      assertTrue(vk.verifier().isValid(Files.readAllBytes(dir.resolve("theirs.sig")), data),
          type.toString());
    }
    // RSA-PSS, salt 32, MGF1-SHA-256.
    KeyPair kp = KeyPairs.generate(KeyType.RSA);
    write("key.pem", Pem.writePrivateKey(kp.getPrivate()));
    write("pub.pem", Pem.writePublicKey(kp.getPublic()));
    SigningKey pss = SigningKeys.builder(kp.getPrivate())
        .algorithm(SignatureAlgorithm.RSA_PSS_SHA256).build();
    Files.write(dir.resolve("ours.sig"), pss.sign(data));
    Openssl.Run ok = ossl("dgst", "-sha256", "-sigopt", "rsa_padding_mode:pss", "-sigopt",
        "rsa_pss_saltlen:32", "-verify", "pub.pem", "-signature", "ours.sig", "data.bin");
    assertEquals(0, ok.exit(), ok.output());
    assertEquals(0, ossl("dgst", "-sha256", "-sigopt", "rsa_padding_mode:pss", "-sigopt",
        "rsa_pss_saltlen:32", "-sign", "key.pem", "-out", "theirs.sig", "data.bin").exit());
    VerificationKey vk = VerificationKey.builder(kp.getPublic())
        .algorithm(SignatureAlgorithm.RSA_PSS_SHA256).build();
    assertTrue(vk.verifier().isValid(Files.readAllBytes(dir.resolve("theirs.sig")), data));
  }

  @Test
  void certificateChains_ourChainsVerifyInOpenssl_andOpensslCertsParse() throws Exception {
    // RSA: OpenSSL's own path validation accepts our chain.
    DemoPki rsa = DemoPki.create(KeyType.RSA, "chain");
    DemoPki.Issued rsaLeaf = rsa.issueLeaf("CN=某某局,C=CN");
    write("root.pem", Pem.writeCertificate(rsa.root().certificate()));
    write("inter.pem", Pem.writeCertificate(rsa.intermediate().certificate()));
    write("leaf.pem", Pem.writeCertificate(rsaLeaf.certificate()));
    Openssl.Run v = ossl("verify", "-CAfile", "root.pem", "-untrusted", "inter.pem", "leaf.pem");
    assertEquals(0, v.exit(), v.output());
    assertTrue(v.output().contains("leaf.pem: OK"), v.output());

    // SM2: GM/T 0015 signs certificates with the default ID 1234567812345678, but OpenSSL 3.0's
    // `openssl verify` uses an empty ID for SM2 certificates, so it cannot judge a conforming
    // chain. Check each certificate signature with pkeyutl and the standard ID instead.
    DemoPki sm2 = DemoPki.create(KeyType.SM2, "chain");
    DemoPki.Issued sm2Leaf = sm2.issueLeaf("CN=某某局,C=CN");
    List<java.security.cert.X509Certificate> chain = List.of(sm2Leaf.certificate(),
        sm2.intermediate().certificate(), sm2.root().certificate());
    for (int i = 0; i + 1 < chain.size(); i++) {
      Files.write(dir.resolve("tbs.der"), chain.get(i).getTBSCertificate());
      Files.write(dir.resolve("sig.der"), chain.get(i).getSignature());
      write("issuer.pem", Pem.writeCertificate(chain.get(i + 1)));
      Openssl.Run ok = ossl("pkeyutl", "-verify", "-certin", "-inkey", "issuer.pem", "-rawin",
          "-digest", "sm3", "-pkeyopt", DEFAULT_ID, "-in", "tbs.der", "-sigfile", "sig.der");
      assertEquals(0, ok.exit(), "certificate " + i + ": " + ok.output());
    }

    // A self-signed SM2 certificate made by OpenSSL is read and trusted by us.
    assertEquals(0, ossl("genpkey", "-algorithm", "SM2", "-out", "k.pem").exit());
    Openssl.Run req = ossl("req", "-x509", "-new", "-key", "k.pem", "-subj", "/CN=OpenSSL SM2/C=CN",
        "-sm3", "-sigopt", DEFAULT_ID, "-days", "10", "-out", "c.pem");
    assertEquals(0, req.exit(), req.output());
    java.security.cert.X509Certificate c = Pem.readCertificate(
        Files.readAllBytes(dir.resolve("c.pem")));
    assertEquals("1.2.156.10197.1.501", c.getSigAlgOID());
    ResultAssertions.assertPassed(CertificateVerifier.builder(TrustAnchors.of(c)).build()
        .verify(List.of(c)));
    // And its signature is a real SM2 signature over the TBS, with the default ID.
    VerificationKey.of(c.getPublicKey()).verify(c.getSignature(), c.getTBSCertificate());
  }
}
