package org.tongban.keys;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tongban.KeyAccessException;
import org.tongban.MalformedInputException;
import org.tongban.crypto.KeyType;
import org.tongban.pki.DemoPki;

/**
 * Mutation fuzzing of the standalone parsers: whatever the bytes, only the declared exceptions
 * ({@link MalformedInputException}, {@link KeyAccessException}) may escape — never a
 * BouncyCastle, ClassCast, NullPointer or OutOfMemory error. Fixed seed: reproducible.
 */
class PemFuzzTest {
  private static final int ROUNDS = 1500;

  private static byte[] mutate(byte[] in, Random rnd) {
    byte[] b = in.clone();
    int edits = 1 + rnd.nextInt(4);
    for (int i = 0; i < edits && b.length > 0; i++) {
      switch (rnd.nextInt(3)) {
        case 0:
          b[rnd.nextInt(b.length)] ^= (byte) (1 << rnd.nextInt(8));
          break;
        case 1:
          b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
          break;
        default:
          b = java.util.Arrays.copyOf(b, rnd.nextInt(b.length + 1));
      }
    }
    return b;
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  @Test
  void certificateAndCrlParsers_onMutatedInput_throwOnlyDeclaredExceptions() throws Exception {
    DemoPki pki = DemoPki.create(KeyType.SM2, "fuzz");
    byte[] cert = pki.root().certificate().getEncoded();
    byte[] crl = pki.rootCrl().getEncoded();
    Random rnd = new Random(20261126L);
    for (int i = 0; i < ROUNDS; i++) {
      byte[] c = mutate(cert, rnd);
      byte[] l = mutate(crl, rnd);
      expectOnlyDeclared(() -> Pem.readCertificate(c));
      expectOnlyDeclared(() -> Pem.readCertificate(pem("CERTIFICATE", c)
          .getBytes(StandardCharsets.US_ASCII)));
      expectOnlyDeclared(() -> Pem.readCrl(l, 1 << 20));
    }
  }

  @Test
  void keyParsers_onMutatedInput_throwOnlyDeclaredExceptions() {
    Random rnd = new Random(7L);
    for (KeyType t : KeyType.values()) {
      KeyPair kp = KeyPairs.generate(t);
      byte[] priv = kp.getPrivate().getEncoded();
      byte[] pub = kp.getPublic().getEncoded();
      for (int i = 0; i < ROUNDS / 4; i++) {
        byte[] p = mutate(priv, rnd);
        byte[] q = mutate(pub, rnd);
        expectOnlyDeclared(() -> SigningKeys.of(Pem.readPrivateKey(pem("PRIVATE KEY", p)),
            java.util.List.of()));
        expectOnlyDeclared(() -> org.tongban.crypto.VerificationKey.of(
            Pem.readPublicKey(pem("PUBLIC KEY", q))));
      }
    }
  }

  private static void expectOnlyDeclared(Runnable r) {
    try {
      r.run();
    } catch (MalformedInputException | KeyAccessException e) {
      // declared
    } catch (RuntimeException | Error e) {
      fail("undeclared " + e.getClass().getName() + ": " + e.getMessage(), e);
    }
  }
}
