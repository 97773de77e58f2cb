package org.tongban.internal.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.Supplier;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.util.BigIntegers;

/**
 * The per-signature secret k for SM2: RFC 6979 §3.2's HMAC-DRBG seeded with the private key
 * and the digest, plus fresh random bytes as the additional data of §3.6 ("hedged").
 *
 * <p>Why hedged: with a deterministic k, a fault while signing can leak the key; with a random
 * k alone, a weak random source can. Here k depends on the key, the message and 32 fresh random
 * bytes, so a broken random source degrades to RFC 6979's deterministic k, never to a repeated
 * one. With no additional data this is exactly RFC 6979 (tested against its vectors and against
 * BouncyCastle's {@code HMacDSAKCalculator}).
 */
public final class HedgedNonces implements Supplier<BigInteger> {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final BigInteger n;
  private final HMac hmac;
  private final byte[] v;
  private final byte[] key;
  private boolean first = true;

  private HedgedNonces(BigInteger n, BigInteger d, BigInteger digest, byte[] extra, Digest h) {
    this.n = n;
    this.hmac = new HMac(h);
    int len = hmac.getMacSize();
    int qlen = (n.bitLength() + 7) / 8;
    byte[] x = BigIntegers.asUnsignedByteArray(qlen, d);
    byte[] h1 = BigIntegers.asUnsignedByteArray(qlen, bits2int(digest, n.bitLength(),
        h.getDigestSize() * 8).mod(n));
    v = new byte[len];
    Arrays.fill(v, (byte) 1);
    key = new byte[len];
    mac(key, v, new byte[] {0}, x, h1, extra); // K = HMAC_K(V || 0x00 || x || h1 || extra)
    mac(v, v);
    mac(key, v, new byte[] {1}, x, h1, extra); // K = HMAC_K(V || 0x01 || x || h1 || extra)
    mac(v, v);
  }

  /**
   * Returns the hedged nonces for one signature: RFC 6979 with 32 fresh random bytes.
   *
   * @param n the group order
   * @param d the private key
   * @param digest the digest signed (for SM2, e = SM3(Z_A ‖ M))
   * @param h the HMAC's hash (SM3 for SM2)
   * @return the nonce source; each call gives the next candidate
   */
  public static HedgedNonces hedged(BigInteger n, BigInteger d, BigInteger digest, Digest h) {
    byte[] extra = new byte[32];
    RANDOM.nextBytes(extra);
    return new HedgedNonces(n, d, digest, extra, h);
  }

  /**
   * Returns RFC 6979's deterministic nonces (no additional data): for known-answer tests.
   *
   * @param n the group order
   * @param d the private key
   * @param digest the digest
   * @param h the HMAC's hash
   * @return the nonce source
   */
  public static HedgedNonces deterministic(BigInteger n, BigInteger d, BigInteger digest,
      Digest h) {
    return new HedgedNonces(n, d, digest, new byte[0], h);
  }

  @Override
  public BigInteger get() {
    while (true) {
      if (!first) {
        mac(key, v, new byte[] {0}); // K = HMAC_K(V || 0x00)
        mac(v, v);
      }
      first = false;
      byte[] t = new byte[0];
      while (t.length * 8 < n.bitLength()) {
        mac(v, v);
        t = concat(t, v);
      }
      BigInteger k = bits2int(new BigInteger(1, t), n.bitLength(), t.length * 8);
      if (k.signum() > 0 && k.compareTo(n) < 0) {
        return k;
      }
    }
  }

  /** RFC 6979 §2.3.2: the leftmost qlen bits of a blen-bit string. */
  private static BigInteger bits2int(BigInteger value, int qlen, int blen) {
    return blen > qlen ? value.shiftRight(blen - qlen) : value;
  }

  /** out = HMAC_key(parts...), with out possibly one of the parts. */
  private void mac(byte[] out, byte[]... parts) {
    hmac.init(new KeyParameter(key));
    for (byte[] p : parts) {
      hmac.update(p, 0, p.length);
    }
    hmac.doFinal(out, 0);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
