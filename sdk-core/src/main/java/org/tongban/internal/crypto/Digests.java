package org.tongban.internal.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.tongban.crypto.DigestAlgorithm;

/** Digest implementations: SM3 from BouncyCastle's lightweight API, SHA-2 from the JDK. */
public final class Digests {
  private Digests() {}

  /**
   * Digests bytes.
   *
   * @param alg the algorithm
   * @param data the data
   * @return the digest
   */
  public static byte[] digest(DigestAlgorithm alg, byte[] data) {
    if (alg == DigestAlgorithm.SM3) {
      SM3Digest d = new SM3Digest();
      d.update(data, 0, data.length);
      byte[] out = new byte[32];
      d.doFinal(out, 0);
      return out;
    }
    return jdk(alg).digest(data);
  }

  /**
   * Digests a stream to its end.
   *
   * @param alg the algorithm
   * @param in the stream, not closed
   * @return the digest
   * @throws IOException if reading fails
   */
  public static byte[] digest(DigestAlgorithm alg, InputStream in) throws IOException {
    byte[] buf = new byte[64 * 1024];
    if (alg == DigestAlgorithm.SM3) {
      Digest d = new SM3Digest();
      for (int n; (n = in.read(buf)) != -1; ) {
        d.update(buf, 0, n);
      }
      byte[] out = new byte[32];
      d.doFinal(out, 0);
      return out;
    }
    MessageDigest md = jdk(alg);
    for (int n; (n = in.read(buf)) != -1; ) {
      md.update(buf, 0, n);
    }
    return md.digest();
  }

  /**
   * Returns a new JDK message digest for a SHA-2 algorithm.
   *
   * @param alg SHA256 or SHA384
   * @return the digest object
   */
  public static MessageDigest jdk(DigestAlgorithm alg) {
    try {
      return MessageDigest.getInstance(alg.jcaName());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("JDK lacks " + alg.jcaName(), e);
    }
  }
}
