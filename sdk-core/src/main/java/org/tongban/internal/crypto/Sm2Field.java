package org.tongban.internal.crypto;

import java.math.BigInteger;

/**
 * Arithmetic modulo the SM2 prime p = 2^256 − 2^224 − 2^96 + 2^64 − 1 (GB/T 32918.5), on four
 * 64-bit limbs, least significant first, in Montgomery form (a·2^256 mod p). Because the lowest
 * limb of p is 2^64 − 1, −p^−1 mod 2^64 is 1 and each Montgomery step's multiplier is simply the
 * lowest limb of the running sum.
 *
 * <p>Every value passed in and out is fully reduced (below p). Variable time where noted: for
 * verification only, whose inputs are public. Methods write into caller-owned arrays and never
 * allocate, so a verification does no garbage for the field.
 */
final class Sm2Field {
  static final long P0 = 0xFFFFFFFFFFFFFFFFL;
  static final long P1 = 0xFFFFFFFF00000000L;
  static final long P2 = 0xFFFFFFFFFFFFFFFFL;
  static final long P3 = 0xFFFFFFFEFFFFFFFFL;
  static final BigInteger P = new BigInteger(
      "FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF", 16);
  private static final BigInteger R = BigInteger.ONE.shiftLeft(256);
  private static final BigInteger MASK = R.subtract(BigInteger.ONE);

  private Sm2Field() {}

  /** The high 64 bits of the unsigned 128-bit product. */
  static long mulHigh(long x, long y) {
    return Math.multiplyHigh(x, y) + ((x >> 63) & y) + ((y >> 63) & x);
  }

  /**
   * The carry out of the unsigned sum {@code s = x + y} (given s and x, for any y). Computed
   * without a branch: carries are data-dependent and would be mispredicted half the time.
   */
  private static long carry(long s, long x) {
    // s < x unsigned  <=>  the top bit of ((~s & x) | (~(s ^ x) & (s - x)))
    return ((~s & x) | (~(s ^ x) & (s - x))) >>> 63;
  }

  /** The borrow out of the unsigned difference x − y. */
  private static long borrow(long x, long y) {
    return ((~x & y) | (~(x ^ y) & (x - y))) >>> 63;
  }

  /**
   * r = a·b·2^−256 mod p (Montgomery product; r may alias a or b).
   *
   * @param r the result
   * @param a a factor
   * @param b a factor
   */
  static void mul(long[] r, long[] a, long[] b) {
    long b0 = b[0];
    long b1 = b[1];
    long b2 = b[2];
    long b3 = b[3];
    long t0 = 0;
    long t1 = 0;
    long t2 = 0;
    long t3 = 0;
    long t4 = 0;
    for (int i = 0; i < 4; i++) {
      long ai = a[i];
      // t += ai·b
      long lo = ai * b0;
      long hi = mulHigh(ai, b0);
      long s = t0 + lo;
      hi += carry(s, lo);
      t0 = s;
      long c = hi;
      lo = ai * b1;
      hi = mulHigh(ai, b1);
      s = t1 + lo;
      hi += carry(s, lo);
      t1 = s + c;
      hi += carry(t1, s);
      c = hi;
      lo = ai * b2;
      hi = mulHigh(ai, b2);
      s = t2 + lo;
      hi += carry(s, lo);
      t2 = s + c;
      hi += carry(t2, s);
      c = hi;
      lo = ai * b3;
      hi = mulHigh(ai, b3);
      s = t3 + lo;
      hi += carry(s, lo);
      t3 = s + c;
      hi += carry(t3, s);
      c = hi;
      t4 += c;
      long t5 = carry(t4, c);
      // t += m·p with m = t0, then t >>= 64. m·p = m·2^256 − m·2^224 − m·2^96 + m·2^64 − m:
      // the lowest limb becomes zero, carrying m into the next.
      long m = t0;
      // m·p1 where p1 = 2^64 − 2^32: m·2^64 − m·2^32
      long mp1Lo = -(m << 32);
      long mp1Hi = m - (m >>> 32) - ((mp1Lo | -mp1Lo) >>> 63);
      // m·p3 where p3 = 2^64 − 2^32 − 1
      long mp3Lo = mp1Lo - m;
      long mp3Hi = mp1Hi - borrow(mp1Lo, m);
      // m·p0 = m·p2 = m·2^64 − m
      long mp0Lo = -m;
      long nonzero = (m | -m) >>> 63;
      long mp0Hi = m - nonzero;
      // Limb 0: t0 + mp0Lo = t0 − m + (m ≠ 0 ? 2^64 : 0) → 0, carrying 1 when m ≠ 0.
      c = m;
      s = t1 + mp1Lo;
      long cc = carry(s, mp1Lo);
      t0 = s + c;
      cc += carry(t0, s);
      c = mp1Hi + cc;
      s = t2 + mp0Lo;
      cc = carry(s, mp0Lo);
      t1 = s + c;
      cc += carry(t1, s);
      c = mp0Hi + cc;
      s = t3 + mp3Lo;
      cc = carry(s, mp3Lo);
      t2 = s + c;
      cc += carry(t2, s);
      c = mp3Hi + cc;
      t3 = t4 + c;
      t4 = t5 + carry(t3, c);
    }
    reduceOnce(r, t0, t1, t2, t3, t4);
  }

  /** r = (t4:t3:t2:t1:t0) − p if that is not negative, else t; t < 2p. */
  private static void reduceOnce(long[] r, long t0, long t1, long t2, long t3, long t4) {
    long d0 = t0 - P0;
    long b = borrow(t0, P0);
    long x = t1 - P1;
    long b1 = borrow(t1, P1);
    long d1 = x - b;
    b = b1 | borrow(x, b);
    x = t2 - P2;
    b1 = borrow(t2, P2);
    long d2 = x - b;
    b = b1 | borrow(x, b);
    x = t3 - P3;
    b1 = borrow(t3, P3);
    long d3 = x - b;
    b = b1 | borrow(x, b);
    // Keep t when t − p went negative and nothing was carried out (t4 = 0); else t − p.
    long keep = -(b & ~t4 & 1); // all ones to keep t
    r[0] = (t0 & keep) | (d0 & ~keep);
    r[1] = (t1 & keep) | (d1 & ~keep);
    r[2] = (t2 & keep) | (d2 & ~keep);
    r[3] = (t3 & keep) | (d3 & ~keep);
  }

  /**
   * r = a² (Montgomery).
   *
   * @param r the result
   * @param a the value
   */
  static void sqr(long[] r, long[] a) {
    mul(r, a, a);
  }

  /**
   * r = a + b mod p.
   *
   * @param r the result
   * @param a a summand
   * @param b a summand
   */
  static void add(long[] r, long[] a, long[] b) {
    long a0 = a[0];
    long a1 = a[1];
    long a2 = a[2];
    long a3 = a[3];
    long s0 = a0 + b[0];
    long c = carry(s0, a0);
    long x = a1 + b[1];
    long c1 = carry(x, a1);
    long s1 = x + c;
    c = c1 | carry(s1, x);
    x = a2 + b[2];
    c1 = carry(x, a2);
    long s2 = x + c;
    c = c1 | carry(s2, x);
    x = a3 + b[3];
    c1 = carry(x, a3);
    long s3 = x + c;
    c = c1 | carry(s3, x);
    reduceOnce(r, s0, s1, s2, s3, c);
  }

  /**
   * r = a − b mod p.
   *
   * @param r the result
   * @param a the minuend
   * @param b the subtrahend
   */
  static void sub(long[] r, long[] a, long[] b) {
    long a0 = a[0];
    long a1 = a[1];
    long a2 = a[2];
    long a3 = a[3];
    long b0 = b[0];
    long b1 = b[1];
    long b2 = b[2];
    long b3 = b[3];
    long d0 = a0 - b0;
    long bw = borrow(a0, b0);
    long x = a1 - b1;
    long bx = borrow(a1, b1);
    long d1 = x - bw;
    bw = bx | borrow(x, bw);
    x = a2 - b2;
    bx = borrow(a2, b2);
    long d2 = x - bw;
    bw = bx | borrow(x, bw);
    x = a3 - b3;
    bx = borrow(a3, b3);
    long d3 = x - bw;
    bw = bx | borrow(x, bw);
    // Went below zero: add p back (masked, no branch; the carry out cancels the borrow).
    long mask = -bw;
    long q0 = P0 & mask;
    long q1 = P1 & mask;
    long q2 = P2 & mask;
    long q3 = P3 & mask;
    long s0 = d0 + q0;
    long c = carry(s0, d0);
    x = d1 + q1;
    long c1 = carry(x, d1);
    long s1 = x + c;
    c = c1 | carry(s1, x);
    x = d2 + q2;
    c1 = carry(x, d2);
    long s2 = x + c;
    c = c1 | carry(s2, x);
    r[0] = s0;
    r[1] = s1;
    r[2] = s2;
    r[3] = d3 + q3 + c;
  }

  /**
   * Whether a is zero.
   *
   * @param a the value
   * @return a = 0
   */
  static boolean isZero(long[] a) {
    return (a[0] | a[1] | a[2] | a[3]) == 0;
  }

  /**
   * Converts into Montgomery form.
   *
   * @param v a value in [0, p)
   * @return v·2^256 mod p as limbs
   */
  static long[] toMontgomery(BigInteger v) {
    return limbs(v.shiftLeft(256).mod(P));
  }

  /**
   * Converts out of Montgomery form.
   *
   * @param a limbs in Montgomery form
   * @return the value
   */
  static BigInteger fromMontgomery(long[] a) {
    return value(a).multiply(R.modInverse(P)).mod(P);
  }

  /**
   * Splits a value below 2^256 into limbs.
   *
   * @param v the value
   * @return four limbs, least significant first
   */
  static long[] limbs(BigInteger v) {
    long[] out = new long[4];
    for (int i = 0; i < 4; i++) {
      out[i] = v.shiftRight(64 * i).and(MASK.shiftRight(192)).longValue();
    }
    return out;
  }

  /**
   * Joins limbs into a value.
   *
   * @param a four limbs, least significant first
   * @return the value
   */
  static BigInteger value(long[] a) {
    BigInteger v = BigInteger.ZERO;
    for (int i = 3; i >= 0; i--) {
      v = v.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(a[i])));
    }
    return v;
  }
}
