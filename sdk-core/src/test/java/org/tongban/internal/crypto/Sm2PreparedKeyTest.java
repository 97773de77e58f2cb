package org.tongban.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.junit.jupiter.api.Test;
import org.tongban.crypto.KeyType;
import org.tongban.crypto.SignatureAlgorithm;
import org.tongban.crypto.VerificationKey;
import org.tongban.crypto.Verifier;
import org.tongban.keys.KeyPairs;
import org.tongban.keys.SigningKeys;

/**
 * One SM2 {@link VerificationKey} used many times, so that its verifications move from
 * BouncyCastle's generic multiplication to the key's comb table ({@link Sm2Fast}) after
 * {@link PreparedVerifiers.Sm2Verifier#TABLE_AFTER_USES} uses: every verdict, before and after,
 * equals BouncyCastle's {@code SM2Signer} on the same signature and message — valid ones,
 * flipped message bytes, flipped signature bytes.
 */
class Sm2PreparedKeyTest {
  @Test
  void verdictsBeforeAndAfterTheTable_matchBouncyCastlesSm2Signer() {
    KeyPair kp = KeyPairs.generate(KeyType.SM2);
    var signer = SigningKeys.builder(kp.getPrivate()).algorithm(SignatureAlgorithm.SM2_SM3)
        .build();
    Verifier ours = VerificationKey.builder(kp.getPublic()).algorithm(SignatureAlgorithm.SM2_SM3)
        .build().verifier();
    ECPublicKey pub = (ECPublicKey) kp.getPublic();
    ECPublicKeyParameters bcKey = new ECPublicKeyParameters(EcCurves.SM2.getCurve()
        .createPoint(pub.getW().getAffineX(), pub.getW().getAffineY()), EcCurves.SM2);
    SplittableRandom random = new SplittableRandom(42);
    int valid = 0;
    for (int i = 0; i < 300; i++) {
      byte[] message = ("第" + i + "号文件").getBytes(StandardCharsets.UTF_8);
      byte[] sig = signer.sign(message);
      if (i % 3 == 1) {
        message[random.nextInt(message.length)] ^= (byte) (1 << random.nextInt(8));
      } else if (i % 3 == 2) {
        // A byte inside r or s (past the DER headers), so the encoding stays well-formed.
        sig[sig.length - 1 - random.nextInt(20)] ^= (byte) (1 << random.nextInt(8));
      }
      SM2Signer bc = new SM2Signer();
      bc.init(false, new ParametersWithID(bcKey,
          "1234567812345678".getBytes(StandardCharsets.US_ASCII)));
      bc.update(message, 0, message.length);
      boolean expected = bc.verifySignature(sig);
      assertEquals(expected, ours.isValid(sig, message), "signature " + i);
      valid += expected ? 1 : 0;
    }
    assertTrue(valid >= 100, "valid signatures: " + valid);
  }
}
