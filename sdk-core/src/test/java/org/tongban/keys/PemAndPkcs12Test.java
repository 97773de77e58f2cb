package org.tongban.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.tongban.KeyAccessException;
import org.tongban.MalformedInputException;
import org.tongban.crypto.KeyType;
import org.tongban.crypto.SigningKey;
import org.tongban.crypto.VerificationKey;
import org.tongban.pki.DemoPki;
import org.tongban.result.Reason;

class PemAndPkcs12Test {
  private static final byte[] MSG = "data".getBytes(StandardCharsets.US_ASCII);

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void pkcs8AndPublicPem_roundTrip_signAndVerify(KeyType type) {
    KeyPair kp = KeyPairs.generate(type);
    String priv = Pem.writePrivateKey(kp.getPrivate());
    String pub = Pem.writePublicKey(kp.getPublic());
    assertTrue(priv.startsWith("-----BEGIN PRIVATE KEY-----\n"));
    PrivateKey back = Pem.readPrivateKey(priv);
    assertArrayEquals(kp.getPrivate().getEncoded(), back.getEncoded());
    byte[] sig = SigningKeys.of(back, List.of()).sign(MSG);
    VerificationKey.of(Pem.readPublicKey(pub)).verify(sig, MSG);
  }

  @ParameterizedTest
  @EnumSource(value = KeyType.class, names = {"SM2", "EC_P256", "EC_P384"})
  void sec1Pem_roundTrip(KeyType type) {
    KeyPair kp = KeyPairs.generate(type);
    String sec1 = Pem.writeSec1PrivateKey((ECPrivateKey) kp.getPrivate());
    assertTrue(sec1.startsWith("-----BEGIN EC PRIVATE KEY-----\n"));
    PrivateKey back = Pem.readPrivateKey(sec1);
    assertEquals(((ECPrivateKey) kp.getPrivate()).getS(), ((ECPrivateKey) back).getS());
    VerificationKey.of(kp.getPublic()).verify(SigningKeys.of(back, List.of()).sign(MSG), MSG);
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void certificatePemAndDer_andPkcs12_roundTrip(KeyType type, @TempDir Path dir)
      throws Exception {
    DemoPki pki = DemoPki.create(type, "T");
    DemoPki.Issued leaf = pki.issueLeaf("CN=张三,O=某某局,C=CN");
    String pem = Pem.writeCertificates(leaf.chain());
    assertEquals(leaf.chain(), Pem.readCertificates(pem));
    assertEquals(leaf.certificate(), Pem.readCertificate(leaf.certificate().getEncoded()));
    assertEquals("CN=张三,O=某某局,C=CN", leaf.certificate().getSubjectX500Principal().getName());

    Path p12 = dir.resolve("leaf.p12");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrivateKey pk = leaf.privateKey();
    SigningKeys.writePkcs12(out, pk, leaf.chain(), "seal", "pw".toCharArray());
    Files.write(p12, out.toByteArray());
    SigningKey back = SigningKeys.fromPkcs12(p12, "pw".toCharArray());
    assertEquals(leaf.chain(), back.certificateChain());
    VerificationKey.of(leaf.certificate()).verify(back.sign(MSG), MSG);

    KeyAccessException e = assertThrows(KeyAccessException.class,
        () -> SigningKeys.fromPkcs12(p12, "wrong".toCharArray()));
    assertTrue(e.getMessage().contains("PKCS#12"));
    assertThrows(KeyAccessException.class,
        () -> SigningKeys.fromPkcs12(p12, "pw".toCharArray(), "nope"));
  }

  @Test
  void readPrivateKey_badInputs_typedExceptions() {
    assertThrows(KeyAccessException.class, () -> Pem.readPrivateKey(""));
    assertThrows(KeyAccessException.class, () -> Pem.readPrivateKey(
        Pem.writePublicKey(KeyPairs.generate(KeyType.SM2).getPublic())));
    assertThrows(MalformedInputException.class, () -> Pem.readPrivateKey(
        "-----BEGIN PRIVATE KEY-----\nAAAA!!!\n-----END PRIVATE KEY-----\n"));
    MalformedInputException big = assertThrows(MalformedInputException.class,
        () -> Pem.readCertificate(new byte[Pem.MAX_PEM_BYTES + 1]));
    assertEquals(Reason.SIZE_LIMIT_EXCEEDED, big.reason());
    assertThrows(MalformedInputException.class,
        () -> Pem.readCertificate(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}));
  }

  @Test
  void signingKey_certificateOfAnotherKey_isRefused() {
    for (KeyType type : List.of(KeyType.SM2,
        KeyType.RSA, KeyType.EC_P256)) {
      DemoPki pki = DemoPki.create(type, "Match");
      DemoPki.Issued a = pki.issueLeaf("CN=A,C=CN");
      DemoPki.Issued b = pki.issueLeaf("CN=B,C=CN");
      assertEquals(a.certificate(), SigningKeys.of(a.privateKey(), List.of(a.certificate()))
          .certificateChain().get(0));
      KeyAccessException e = assertThrows(KeyAccessException.class,
          () -> SigningKeys.of(a.privateKey(), List.of(b.certificate())), type.toString());
      assertTrue(e.getMessage().contains("does not match the certificate CN=B"),
          e.getMessage());
    }
  }
}
