package org.tongban.internal.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.tongban.crypto.DigestAlgorithm;

/** Digest implementations: SM3 our own ({@link Sm3}), SHA-2 from the JDK. */
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
      return Sm3.digest(data);
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
      Sm3 d = new Sm3();
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
   * Returns a fresh {@link MessageDigest}: SM3 ours (the JDK has none), SHA-2 the JDK's.
   *
   * @param alg the algorithm
   * @return the digest object
   */
  public static MessageDigest messageDigest(DigestAlgorithm alg) {
    return alg == DigestAlgorithm.SM3 ? new Sm3MessageDigest() : jdk(alg);
  }

  /** {@link Sm3} behind the {@link MessageDigest} interface. */
  private static final class Sm3MessageDigest extends MessageDigest {
    private final Sm3 sm3 = new Sm3();

    Sm3MessageDigest() {
      super("SM3");
    }

    @Override
    protected void engineUpdate(byte input) {
      sm3.update(input);
    }

    @Override
    protected void engineUpdate(byte[] input, int offset, int len) {
      sm3.update(input, offset, len);
    }

    @Override
    protected int engineGetDigestLength() {
      return Sm3.DIGEST_SIZE;
    }

    @Override
    protected byte[] engineDigest() {
      byte[] out = new byte[Sm3.DIGEST_SIZE];
      sm3.doFinal(out, 0);
      return out;
    }

    @Override
    protected void engineReset() {
      sm3.reset();
    }
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
