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
 * <p>Verification of a prepared key ({@link #prepare}) computes [s]G + [t]P from fixed-point
 * tables built once per key (see {@link FixedPoint}); the generic {@link #verify(
 * ECDomainParameters, ECPoint, BigInteger, BigInteger, BigInteger)} uses BouncyCastle's
 * interleaved wNAF, as its {@code SM2Signer} does, and serves one-off keys and test curves.
 */
public final class Sm2Core {

  private Sm2Core() {}

  /** How many parts a scalar is split into for verification (see {@link FixedPoint}). */
  static final int PARTS = 8;
  /** wNAF window width of the fixed-point tables. */
  static final int WIDTH = 6;

  private static final java.util.Map<ECDomainParameters, FixedPoint> BASES =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Precomputation for a point that is multiplied many times (the base point G, or the public
   * point of a prepared key): the point is split as P_i = [2^(ic)]P for c = ⌈bits(n)/PARTS⌉, so
   * that [k]P = Σ [k_i]P_i with c-bit parts k_i, and each P_i gets a table of its odd multiples
   * in affine form for wNAF. A verification then needs c doublings instead of bits(n), and every
   * addition is a cheap mixed addition. Built once; immutable and thread-safe.
   */
  public static final class FixedPoint {
    private final ECPoint[][] pos;
    private final ECPoint[][] neg;
    private final int c;

    FixedPoint(ECDomainParameters domain, ECPoint p) {
      this.c = (domain.getN().bitLength() + PARTS - 1) / PARTS;
      int count = 1 << (WIDTH - 2);
      pos = new ECPoint[PARTS][count];
      neg = new ECPoint[PARTS][count];
      ECPoint cur = p.normalize();
      ECPoint[] all = new ECPoint[PARTS * count];
      for (int i = 0; i < PARTS; i++) {
        ECPoint twice = cur.twice();
        all[i * count] = cur;
        for (int j = 1; j < count; j++) {
          all[i * count + j] = all[i * count + j - 1].add(twice);
        }
        if (i + 1 < PARTS) {
          cur = cur.timesPow2(c).normalize();
        }
      }
      domain.getCurve().normalizeAll(all);
      for (int i = 0; i < PARTS; i++) {
        for (int j = 0; j < count; j++) {
          pos[i][j] = all[i * count + j];
          neg[i][j] = pos[i][j].negate();
        }
      }
    }
  }

  /**
   * Prepares a public point for repeated verification.
   *
   * @param domain the curve
   * @param q the validated public point
   * @return the precomputation
   */
  public static FixedPoint prepare(ECDomainParameters domain, ECPoint q) {
    return new FixedPoint(domain, q);
  }

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
   * Verifies (r, s) over e (GB/T 32918.2 §7.1 B1–B7) with a prepared public point.
   *
   * @param domain the curve
   * @param q the prepared public point
   * @param e the digest
   * @param r r
   * @param s s
   * @return true iff valid
   */
  public static boolean verify(ECDomainParameters domain, FixedPoint q, BigInteger e,
      BigInteger r, BigInteger s) {
    BigInteger n = domain.getN();
    if (r.signum() <= 0 || r.compareTo(n) >= 0 || s.signum() <= 0 || s.compareTo(n) >= 0) {
      return false; // B1, B2
    }
    BigInteger t = r.add(s).mod(n);
    if (t.signum() == 0) {
      return false; // B5
    }
    FixedPoint g = BASES.computeIfAbsent(domain, d -> new FixedPoint(d, d.getG()));
    // [s]G + [t]P as one interleaved sum over 2·PARTS fixed points (variable time: all inputs
    // are public).
    int c = q.c;
    BigInteger mask = BigInteger.ONE.shiftLeft(c).subtract(BigInteger.ONE);
    byte[][] digits = new byte[2 * PARTS][];
    ECPoint[][] pos = new ECPoint[2 * PARTS][];
    ECPoint[][] neg = new ECPoint[2 * PARTS][];
    int max = 0;
    for (int i = 0; i < PARTS; i++) {
      digits[i] = WNafUtil.generateWindowNaf(WIDTH, s.shiftRight(i * c).and(mask));
      pos[i] = g.pos[i];
      neg[i] = g.neg[i];
      digits[PARTS + i] = WNafUtil.generateWindowNaf(WIDTH, t.shiftRight(i * c).and(mask));
      pos[PARTS + i] = q.pos[i];
      neg[PARTS + i] = q.neg[i];
    }
    for (byte[] d : digits) {
      max = Math.max(max, d.length);
    }
    ECPoint acc = domain.getCurve().getInfinity();
    int pendingDoublings = 0;
    for (int bit = max - 1; bit >= 0; bit--) {
      pendingDoublings++;
      for (int i = 0; i < digits.length; i++) {
        if (bit < digits[i].length && digits[i][bit] != 0) {
          // Runs of zero digits become one timesPow2, which BouncyCastle does in cheaper
          // modified-Jacobian steps.
          acc = acc.timesPow2(pendingDoublings);
          pendingDoublings = 0;
          int d = digits[i][bit];
          acc = acc.add(d > 0 ? pos[i][d >>> 1] : neg[i][(-d) >>> 1]);
        }
      }
    }
    acc = acc.timesPow2(pendingDoublings);
    ECPoint sum = acc.normalize();
    if (sum.isInfinity()) {
      return false;
    }
    return e.add(sum.getAffineXCoord().toBigInteger()).mod(n).equals(r); // B6, B7
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
    Sm3 d = new Sm3();
    d.update(za, 0, za.length);
    d.update(message, 0, message.length);
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
