package org.tongban.internal.crypto;

import java.math.BigInteger;
import java.util.function.Supplier;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.WNafUtil;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.util.BigIntegers;

/**
 * SM2 digital signature (GB/T 32918.2-2016 §6 and §7) over BouncyCastle's curve arithmetic,
 * generic in the curve so that the standard's test-curve examples can be checked too.
 *
 * <p>What is signed: e = SM3(Z_A ‖ M) with Z_A = SM3(ENTL_A ‖ ID_A ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖
 * y_A), ENTL_A being the bit length of ID_A in two bytes.
 *
 * <p>{@link #verify} uses BouncyCastle's interleaved wNAF, as its {@code SM2Signer} does, and
 * serves one-off keys and test curves; a prepared key on the standard curve is verified by
 * {@link Sm2Fast} instead.
 */
public final class Sm2Core {

  private Sm2Core() {}

  /**
   * Marks a public point for reuse by BouncyCastle's own multipliers (ECDSA): BouncyCastle then
   * builds, once, the wider wNAF table it otherwise reserves for base points.
   *
   * @param q the validated, normalised public point
   * @return q
   */
  public static ECPoint preparePublicPoint(ECPoint q) {
    WNafUtil.configureBasepoint(q);
    return q;
  }

  /**
   * Computes Z_A.
   *
   * @param domain the curve
   * @param id the distinguishing ID, at most 8191 bytes
   * @param q the public point, normalised
   * @return Z_A (32 bytes)
   */
  public static byte[] za(ECDomainParameters domain, byte[] id, ECPoint q) {
    if (id.length > 8191) {
      throw new IllegalArgumentException("distinguishing ID too long");
    }
    Sm3 d = new Sm3();
    int entl = id.length * 8;
    d.update((byte) (entl >>> 8));
    d.update((byte) entl);
    d.update(id, 0, id.length);
    int len = (domain.getCurve().getFieldSize() + 7) / 8;
    update(d, domain.getCurve().getA().toBigInteger(), len);
    update(d, domain.getCurve().getB().toBigInteger(), len);
    ECPoint g = domain.getG().normalize();
    update(d, g.getAffineXCoord().toBigInteger(), len);
    update(d, g.getAffineYCoord().toBigInteger(), len);
    update(d, q.getAffineXCoord().toBigInteger(), len);
    update(d, q.getAffineYCoord().toBigInteger(), len);
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }

  private static void update(Sm3 d, BigInteger v, int len) {
    byte[] b = BigIntegers.asUnsignedByteArray(len, v);
    d.update(b, 0, b.length);
  }

  /**
   * Computes e = SM3(Z_A ‖ M) as an integer.
   *
   * @param za Z_A
   * @param message M
   * @return e
   */
  public static BigInteger e(byte[] za, byte[] message) {
    return e(za, message, 0, message.length);
  }

  /**
   * e = SM3(Z_A ‖ M) for a message M that is a range of an array.
   *
   * @param za Z_A
   * @param data the array holding M
   * @param offset where M starts
   * @param length M's length
   * @return e as an integer
   */
  public static BigInteger e(byte[] za, byte[] data, int offset, int length) {
    Sm3 d = new Sm3();
    d.update(za, 0, za.length);
    d.update(data, offset, length);
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return new BigInteger(1, out);
  }

  /**
   * Signs a digest e (GB/T 32918.2 §6.1 steps A3–A7).
   *
   * @param domain the curve
   * @param d the private key, 1 ≤ d ≤ n−2
   * @param e the digest
   * @param k supplies the per-signature k (known-answer tests); null for a hedged one
   *     ({@link HedgedNonces}: RFC 6979 with HMAC-SM3 over the key and e, plus fresh randomness)
   * @return {r, s}
   */
  public static BigInteger[] sign(ECDomainParameters domain, BigInteger d, BigInteger e,
      Supplier<BigInteger> k) {
    BigInteger n = domain.getN();
    Supplier<BigInteger> nonces = k != null ? k
        : HedgedNonces.hedged(n, d, e, new Sm3());
    BigInteger dPlus1Inv = BigIntegers.modOddInverse(n, d.add(BigInteger.ONE));
    FixedPointCombMultiplier mult = new FixedPointCombMultiplier();
    for (int attempt = 0; attempt < 100; attempt++) {
      BigInteger kk = nonces.get();
      ECPoint p = mult.multiply(domain.getG(), kk).normalize();
      BigInteger r = e.add(p.getAffineXCoord().toBigInteger()).mod(n);
      if (r.signum() == 0 || r.add(kk).equals(n)) {
        continue;
      }
      BigInteger s = dPlus1Inv.multiply(kk.subtract(r.multiply(d))).mod(n);
      if (s.signum() == 0) {
        continue;
      }
      return new BigInteger[] {r, s};
    }
    throw new IllegalStateException("SM2 signing did not find a usable k");
  }

  /**
   * Verifies (r, s) over a digest e (GB/T 32918.2 §7.1 steps B1–B7).
   *
   * @param domain the curve
   * @param q the public point, validated
   * @param e the digest
   * @param r r
   * @param s s
   * @return true iff valid
   */
  public static boolean verify(ECDomainParameters domain, ECPoint q, BigInteger e, BigInteger r,
      BigInteger s) {
    BigInteger n = domain.getN();
    if (r.signum() <= 0 || r.compareTo(n) >= 0 || s.signum() <= 0 || s.compareTo(n) >= 0) {
      return false; // B1, B2
    }
    BigInteger t = r.add(s).mod(n);
    if (t.signum() == 0) {
      return false; // B5
    }
    // Interleaved variable-time wNAF (the inputs are public): BouncyCastle caches each point's
    // window table on the point object, so a prepared key pays for its table once.
    ECPoint sum = ECAlgorithms.sumOfTwoMultiplies(domain.getG(), s, q, t).normalize();
    if (sum.isInfinity()) {
      return false;
    }
    BigInteger expected = e.add(sum.getAffineXCoord().toBigInteger()).mod(n);
    return expected.equals(r); // B7
  }
}
