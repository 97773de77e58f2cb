package org.tongban.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tongban.KeyAccessException;
import org.tongban.SignatureInvalidException;
import org.tongban.internal.crypto.EcCurves;
import org.tongban.keys.KeyPairs;
import org.tongban.keys.SigningKeys;

class SignatureRoundTripTest {
  private static final byte[] MSG = "一次认证、全网通办".getBytes(StandardCharsets.UTF_8);

  private static List<SignatureAlgorithm> algorithmsFor(KeyType t) {
    List<SignatureAlgorithm> out = new ArrayList<>();
    for (SignatureAlgorithm a : SignatureAlgorithm.values()) {
      if (a.keyType() == t) {
        out.add(a);
      }
    }
    return out;
  }

  @ParameterizedTest
  @EnumSource(KeyType.class)
  void signThenVerify_everyAlgorithmAndEncoding_verifiesAndRejectsTampering(KeyType type) {
    KeyPair kp = KeyPairs.generate(type);
    for (SignatureAlgorithm alg : algorithmsFor(type)) {
      List<SignatureParameters> params = type == KeyType.RSA
          ? List.of(SignatureParameters.defaults(alg))
          : List.of(SignatureParameters.ec(SignatureEncoding.DER),
              SignatureParameters.ec(SignatureEncoding.RAW_R_S));
      for (SignatureParameters p : params) {
        SigningKey sk = SigningKeys.builder(kp.getPrivate()).algorithm(alg).parameters(p).build();
        VerificationKey vk = VerificationKey.builder(kp.getPublic()).algorithm(alg).parameters(p)
            .build();
        byte[] sig = sk.sign(MSG);
        vk.verify(sig, MSG);
        byte[] tampered = MSG.clone();
        tampered[0] ^= 1;
        assertFalse(vk.verifier().isValid(sig, tampered), alg + " " + p + " tampered message");
        byte[] badSig = sig.clone();
        badSig[badSig.length - 1] ^= 1;
        assertFalse(vk.verifier().isValid(badSig, MSG), alg + " " + p + " tampered signature");
        assertFalse(vk.verifier().isValid(new byte[0], MSG));
        assertFalse(vk.verifier().isValid(new byte[sig.length], MSG), "all-zero signature");
        if (p.encoding() == SignatureEncoding.RAW_R_S) {
          assertEquals(type == KeyType.EC_P384 ? 96 : 64, sig.length);
        }
      }
    }
  }

  /**
   * A message inside a larger array verifies as if copied out; a range one byte off does not.
   * Twenty rounds, so SM2 runs both before and after its key's tables are built.
   */
  @ParameterizedTest
  @EnumSource(KeyType.class)
  void verifyRange_sameVerdictAsTheCopiedMessage(KeyType type) {
    KeyPair kp = KeyPairs.generate(type);
    byte[] sig = SigningKeys.of(kp.getPrivate(), List.of()).sign(MSG);
    Verifier v = VerificationKey.of(kp.getPublic()).verifier();
    byte[] data = new byte[MSG.length + 12];
    java.util.Arrays.fill(data, (byte) 0x5a);
    System.arraycopy(MSG, 0, data, 7, MSG.length);
    for (int round = 0; round < 20; round++) {
      assertTrue(v.isValid(sig, data, 7, MSG.length), type + " round " + round);
      v.verify(sig, data, 7, MSG.length);
      assertFalse(v.isValid(sig, data, 6, MSG.length), type + " starts one early");
      assertFalse(v.isValid(sig, data, 8, MSG.length), type + " starts one late");
      assertFalse(v.isValid(sig, data, 7, MSG.length - 1), type + " one short");
      assertFalse(v.isValid(sig, data, 7, MSG.length + 1), type + " one long");
    }
    assertFalse(v.isValid(sig, null, 0, 0));
    assertThrows(SignatureInvalidException.class, () -> v.verify(sig, null, 0, 0));
    assertThrows(IndexOutOfBoundsException.class, () -> v.isValid(sig, data, 7, data.length));
    assertThrows(IndexOutOfBoundsException.class, () -> v.isValid(sig, data, -1, 2));
  }

  @Test
  void sm2_distinguishingIdIsBound() {
    KeyPair kp = KeyPairs.generate(KeyType.SM2);
    SignatureParameters alice = SignatureParameters.sm2("ALICE123@YAHOO.COM",
        SignatureEncoding.DER);
    byte[] sig = SigningKeys.builder(kp.getPrivate()).parameters(alice).build().sign(MSG);
    assertTrue(VerificationKey.builder(kp.getPublic()).parameters(alice).build().verifier()
        .isValid(sig, MSG));
    assertFalse(VerificationKey.of(kp.getPublic()).verifier().isValid(sig, MSG),
        "default ID must not verify an ALICE signature");
  }

  @Test
  void sm2_interoperatesWithBouncyCastleSm2Signer_bothWays() throws Exception {
    KeyPair kp = KeyPairs.generate(KeyType.SM2);
    ECPublicKeyParameters pub = new ECPublicKeyParameters(
        EcCurves.validPoint(EcCurves.SM2, ((ECPublicKey) kp.getPublic()).getW()), EcCurves.SM2);
    ECPrivateKeyParameters priv =
        new ECPrivateKeyParameters(((ECPrivateKey) kp.getPrivate()).getS(), EcCurves.SM2);
    byte[] id = "1234567812345678".getBytes(StandardCharsets.US_ASCII);

    SM2Signer bc = new SM2Signer();
    bc.init(true, new ParametersWithID(priv, id));
    bc.update(MSG, 0, MSG.length);
    byte[] bcSig = bc.generateSignature();
    VerificationKey.of(kp.getPublic()).verify(bcSig, MSG);

    byte[] ours = SigningKeys.of(kp.getPrivate(), List.of()).sign(MSG);
    SM2Signer check = new SM2Signer();
    check.init(false, new ParametersWithID(pub, id));
    check.update(MSG, 0, MSG.length);
    assertTrue(check.verifySignature(ours));
  }

  @Test
  void verificationKey_algorithmFromKey_mismatchRejected() {
    KeyPair sm2 = KeyPairs.generate(KeyType.SM2);
    assertEquals(SignatureAlgorithm.SM2_SM3, VerificationKey.of(sm2.getPublic()).algorithm());
    assertThrows(KeyAccessException.class, () -> VerificationKey.builder(sm2.getPublic())
        .algorithm(SignatureAlgorithm.ECDSA_P256_SHA256).build());
    assertThrows(KeyAccessException.class, () -> SigningKeys.builder(sm2.getPrivate())
        .algorithm(SignatureAlgorithm.RSA_PKCS1_SHA256).build());
    KeyPair rsa = KeyPairs.generate(KeyType.RSA);
    assertThrows(IllegalArgumentException.class, () -> VerificationKey.builder(rsa.getPublic())
        .parameters(SignatureParameters.ec(SignatureEncoding.DER)).build());
  }

  @Test
  void sm2Parameters_idOf8192Bytes_rejected() {
    assertThrows(IllegalArgumentException.class,
        () -> SignatureParameters.sm2(new byte[8192], SignatureEncoding.DER));
    SignatureParameters.sm2(new byte[8191], SignatureEncoding.DER);
  }

  @Test
  void signingKey_toStringHasNoKeyMaterial() {
    KeyPair kp = KeyPairs.generate(KeyType.SM2);
    SigningKey sk = SigningKeys.of(kp.getPrivate(), List.of());
    String s = sk.toString();
    String d = ((ECPrivateKey) kp.getPrivate()).getS().toString(16);
    assertFalse(s.contains(d));
    assertFalse(s.toLowerCase().contains(d.substring(0, 16)));
  }

  @Test
  void verifier_sharedAcross16Threads_isConsistent() throws Exception {
    KeyPair kp = KeyPairs.generate(KeyType.SM2);
    SigningKey sk = SigningKeys.of(kp.getPrivate(), List.of());
    VerificationKey vk = VerificationKey.of(kp.getPublic());
    byte[] sig = sk.sign(MSG);
    byte[] bad = sig.clone();
    bad[10] ^= 0x40;
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<Boolean>> fs = new ArrayList<>();
      for (int i = 0; i < 160; i++) {
        boolean good = i % 2 == 0;
        fs.add(pool.submit(() -> vk.verifier().isValid(good ? sig : bad, MSG) == good
            && vk.verifier().isValid(sk.sign(MSG), MSG)));
      }
      for (Future<Boolean> f : fs) {
        assertTrue(f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void verify_invalid_throwsUniformMessage() {
    KeyPair kp = KeyPairs.generate(KeyType.EC_P256);
    VerificationKey vk = VerificationKey.of(kp.getPublic());
    SignatureInvalidException a = assertThrows(SignatureInvalidException.class,
        () -> vk.verify(new byte[] {0x30, 0x00}, MSG));
    SignatureInvalidException b = assertThrows(SignatureInvalidException.class,
        () -> vk.verify(SigningKeys.of(kp.getPrivate(), List.of()).sign(new byte[1]), MSG));
    assertEquals(a.getMessage(), b.getMessage());
  }

  @Test
  void digests_knownAnswers() {
    assertArrayEquals(java.util.HexFormat.of().parseHex(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        DigestAlgorithm.SHA256.digest("abc".getBytes(StandardCharsets.US_ASCII)));
  }
}
