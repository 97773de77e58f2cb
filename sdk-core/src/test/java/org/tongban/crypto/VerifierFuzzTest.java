package org.tongban.crypto;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.security.KeyPair;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tongban.SignatureInvalidException;
import org.tongban.keys.KeyPairs;
import org.tongban.keys.SigningKeys;

/**
 * Mutated signatures for every algorithm and encoding: the verifier either accepts the original
 * or throws {@link SignatureInvalidException} — no other exception, and no mutation verifies.
 */
class VerifierFuzzTest {
  @Test
  void verify_mutatedSignatures_rejectedWithDeclaredExceptionOnly() {
    Random rnd = new Random(42L);
    byte[] msg = "fuzz".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    for (KeyType t : KeyType.values()) {
      KeyPair kp = KeyPairs.generate(t);
      for (SignatureEncoding enc : t == KeyType.RSA ? List.of(SignatureEncoding.RSA)
          : List.of(SignatureEncoding.DER, SignatureEncoding.RAW_R_S)) {
        SignatureParameters p = t == KeyType.RSA
            ? SignatureParameters.defaults(SignatureAlgorithm.RSA_PKCS1_SHA256)
            : SignatureParameters.ec(enc);
        byte[] sig = SigningKeys.builder(kp.getPrivate()).parameters(p).build().sign(msg);
        Verifier v = VerificationKey.builder(kp.getPublic()).parameters(p).build().verifier();
        for (int i = 0; i < 300; i++) {
          byte[] m = sig.clone();
          int kind = rnd.nextInt(3);
          if (kind == 0) {
            m[rnd.nextInt(m.length)] ^= (byte) (1 << rnd.nextInt(8));
          } else if (kind == 1) {
            m = java.util.Arrays.copyOf(m, rnd.nextInt(m.length + 8));
          } else {
            rnd.nextBytes(m);
          }
          if (java.util.Arrays.equals(m, sig)) {
            continue;
          }
          try {
            v.verify(m, msg);
            fail(t + " " + enc + ": mutated signature verified");
          } catch (SignatureInvalidException e) {
            assertFalse(e.getMessage().isEmpty());
          } catch (RuntimeException e) {
            fail(t + " " + enc + ": undeclared " + e, e);
          }
        }
      }
    }
  }
}
