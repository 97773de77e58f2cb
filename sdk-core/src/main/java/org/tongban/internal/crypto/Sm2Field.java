package org.tongban.internal.crypto;

import java.math.BigInteger;

/**
 * Arithmetic modulo the SM2 prime p = 2^256 − 2^224 − 2^96 + 2^64 − 1 (GB/T 32918.5), on five
 * 52-bit limbs in 64-bit longs, least significant first, in Montgomery form (a·2^260 mod p).
 *
 * <p>Why 52 bits: Java has no add-with-carry, and detecting the carries of full 64-bit limbs
 * costs a chain of dependent instructions per limb. With 12 spare bits per long, a product's
 * two halves are summed into columns with no carry at all, and carries are propagated once, by
 * shifts. The halves of a·b (limbs below 2^52) are (a·b) mod 2^52, from the low 64 bits, and
 * ⌊a·b / 2^52⌋, which is exactly {@code Math.multiplyHigh(a << 6, b << 6)} (the high word of
 * a·b·2^12; both factors stay below 2^58, so positive) — no shifting and merging of two
 * partial words per product. Because p ≡ −1 (mod 2^52), each Montgomery step's multiplier is
 * simply the lowest 52 bits of the running column.
 *
 * <p>Every value in and out is fully reduced (below p, every limb below 2^52), so each has one
 * representation. Methods write into caller-owned arrays (which may alias the inputs) and never
 * allocate. Not constant time: for verification, whose inputs are public.
 */
final class Sm2Field {
  /** Limbs per element. */
  static final int LIMBS = 5;
  private static final long M = (1L << 52) - 1;
  private static final long P0 = 0xFFFFFFFFFFFFFL;
  private static final long P1 = 0xFF00000000FFFL;
  private static final long P2 = 0xFFFFFFFFFFFFFL;
  private static final long P3 = 0xFFFFFFFFFFFFFL;
  private static final long P4 = 0xFFFFFFFEFFFFL;
  static final BigInteger P = new BigInteger(
      "FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFF", 16);
  private static final BigInteger R = BigInteger.ONE.shiftLeft(260);
  private static final BigInteger R_INVERSE = R.modInverse(P);
  /** R² mod p, so that mul(v, R2) puts v into Montgomery form without a BigInteger division. */
  private static final long[] R2 = limbs(R.multiply(R).mod(P));

  private Sm2Field() {}

  /**
   * A new element, zero.
   *
   * @return five zero limbs
   */
  static long[] element() {
    return new long[LIMBS];
  }

  /**
   * r = a·b·2^−260 mod p (Montgomery product).
   *
   * @param r the result
   * @param a a factor
   * @param b a factor
   */
  static void mul(long[] r, long[] a, long[] b) {
    long a0 = a[0];
    long a1 = a[1];
    long a2 = a[2];
    long a3 = a[3];
    long a4 = a[4];
    long b0 = b[0];
    long b1 = b[1];
    long b2 = b[2];
    long b3 = b[3];
    long b4 = b[4];
    long z0 = 0;
    long z1 = 0;
    long z2 = 0;
    long z3 = 0;
    long z4 = 0;
    long z5 = 0;
    long z6 = 0;
    long z7 = 0;
    long z8 = 0;
    long z9 = 0;
    z0 += (a0 * b0) & M;
    z1 += Math.multiplyHigh(a0 << 6, b0 << 6);
    z1 += (a0 * b1) & M;
    z2 += Math.multiplyHigh(a0 << 6, b1 << 6);
    z2 += (a0 * b2) & M;
    z3 += Math.multiplyHigh(a0 << 6, b2 << 6);
    z3 += (a0 * b3) & M;
    z4 += Math.multiplyHigh(a0 << 6, b3 << 6);
    z4 += (a0 * b4) & M;
    z5 += Math.multiplyHigh(a0 << 6, b4 << 6);
    z1 += (a1 * b0) & M;
    z2 += Math.multiplyHigh(a1 << 6, b0 << 6);
    z2 += (a1 * b1) & M;
    z3 += Math.multiplyHigh(a1 << 6, b1 << 6);
    z3 += (a1 * b2) & M;
    z4 += Math.multiplyHigh(a1 << 6, b2 << 6);
    z4 += (a1 * b3) & M;
    z5 += Math.multiplyHigh(a1 << 6, b3 << 6);
    z5 += (a1 * b4) & M;
    z6 += Math.multiplyHigh(a1 << 6, b4 << 6);
    z2 += (a2 * b0) & M;
    z3 += Math.multiplyHigh(a2 << 6, b0 << 6);
    z3 += (a2 * b1) & M;
    z4 += Math.multiplyHigh(a2 << 6, b1 << 6);
    z4 += (a2 * b2) & M;
    z5 += Math.multiplyHigh(a2 << 6, b2 << 6);
    z5 += (a2 * b3) & M;
    z6 += Math.multiplyHigh(a2 << 6, b3 << 6);
    z6 += (a2 * b4) & M;
    z7 += Math.multiplyHigh(a2 << 6, b4 << 6);
    z3 += (a3 * b0) & M;
    z4 += Math.multiplyHigh(a3 << 6, b0 << 6);
    z4 += (a3 * b1) & M;
    z5 += Math.multiplyHigh(a3 << 6, b1 << 6);
    z5 += (a3 * b2) & M;
    z6 += Math.multiplyHigh(a3 << 6, b2 << 6);
    z6 += (a3 * b3) & M;
    z7 += Math.multiplyHigh(a3 << 6, b3 << 6);
    z7 += (a3 * b4) & M;
    z8 += Math.multiplyHigh(a3 << 6, b4 << 6);
    z4 += (a4 * b0) & M;
    z5 += Math.multiplyHigh(a4 << 6, b0 << 6);
    z5 += (a4 * b1) & M;
    z6 += Math.multiplyHigh(a4 << 6, b1 << 6);
    z6 += (a4 * b2) & M;
    z7 += Math.multiplyHigh(a4 << 6, b2 << 6);
    z7 += (a4 * b3) & M;
    z8 += Math.multiplyHigh(a4 << 6, b3 << 6);
    z8 += (a4 * b4) & M;
    z9 += Math.multiplyHigh(a4 << 6, b4 << 6);
    reduce(r, z0, z1, z2, z3, z4, z5, z6, z7, z8, z9);
  }

  /**
   * r = a²·2^−260 mod p.
   *
   * @param r the result
   * @param a the value
   */
  static void sqr(long[] r, long[] a) {
    // A cross term counts twice: 2·a_i·a_j is split as (2·a_i·a_j) mod 2^52 and
    // multiplyHigh(a_i << 6, a_j << 7) = ⌊2·a_i·a_j / 2^52⌋ (factors below 2^59).
    long a0 = a[0];
    long a1 = a[1];
    long a2 = a[2];
    long a3 = a[3];
    long a4 = a[4];
    long z0 = 0;
    long z1 = 0;
    long z2 = 0;
    long z3 = 0;
    long z4 = 0;
    long z5 = 0;
    long z6 = 0;
    long z7 = 0;
    long z8 = 0;
    long z9 = 0;
    z0 += (a0 * a0) & M;
    z1 += Math.multiplyHigh(a0 << 6, a0 << 6);
    z1 += ((a0 * a1) << 1) & M;
    z2 += Math.multiplyHigh(a0 << 6, a1 << 7);
    z2 += ((a0 * a2) << 1) & M;
    z3 += Math.multiplyHigh(a0 << 6, a2 << 7);
    z3 += ((a0 * a3) << 1) & M;
    z4 += Math.multiplyHigh(a0 << 6, a3 << 7);
    z4 += ((a0 * a4) << 1) & M;
    z5 += Math.multiplyHigh(a0 << 6, a4 << 7);
    z2 += (a1 * a1) & M;
    z3 += Math.multiplyHigh(a1 << 6, a1 << 6);
    z3 += ((a1 * a2) << 1) & M;
    z4 += Math.multiplyHigh(a1 << 6, a2 << 7);
    z4 += ((a1 * a3) << 1) & M;
    z5 += Math.multiplyHigh(a1 << 6, a3 << 7);
    z5 += ((a1 * a4) << 1) & M;
    z6 += Math.multiplyHigh(a1 << 6, a4 << 7);
    z4 += (a2 * a2) & M;
    z5 += Math.multiplyHigh(a2 << 6, a2 << 6);
    z5 += ((a2 * a3) << 1) & M;
    z6 += Math.multiplyHigh(a2 << 6, a3 << 7);
    z6 += ((a2 * a4) << 1) & M;
    z7 += Math.multiplyHigh(a2 << 6, a4 << 7);
    z6 += (a3 * a3) & M;
    z7 += Math.multiplyHigh(a3 << 6, a3 << 6);
    z7 += ((a3 * a4) << 1) & M;
    z8 += Math.multiplyHigh(a3 << 6, a4 << 7);
    z8 += (a4 * a4) & M;
    z9 += Math.multiplyHigh(a4 << 6, a4 << 6);
    reduce(r, z0, z1, z2, z3, z4, z5, z6, z7, z8, z9);
  }

  /**
   * Montgomery reduction of the columns z0..z9 (each below 2^57) into r, fully reduced. Each of
   * the five steps adds m·p·2^(52i) with m the column's low 52 bits, written out for p's limbs
   * (2^52 − 1, 2^52 − 2^44 + 2^12 − 1, 2^52 − 1, 2^52 − 1, 2^48 − 2^16 − 1) as shifts, so no
   * multiplication is needed: the column becomes a multiple of 2^52 (its carry is z >> 52), the
   * m·2^52 and −m of neighbouring limbs cancel, and what is left is below. Columns are signed
   * in between; the result's limbs are normalised with arithmetic shifts.
   */
  private static void reduce(long[] r, long z0, long z1, long z2, long z3, long z4, long z5,
      long z6, long z7, long z8, long z9) {
    long m;
    m = z0 & M;
    z1 += (z0 >> 52) - ((m << 44) & M) + ((m << 12) & M);
    z2 += (m >>> 40) - (m >>> 8);
    z4 += ((m << 48) & M) - ((m << 16) & M);
    z5 += (m >>> 4) - (m >>> 36);
    m = z1 & M;
    z2 += (z1 >> 52) - ((m << 44) & M) + ((m << 12) & M);
    z3 += (m >>> 40) - (m >>> 8);
    z5 += ((m << 48) & M) - ((m << 16) & M);
    z6 += (m >>> 4) - (m >>> 36);
    m = z2 & M;
    z3 += (z2 >> 52) - ((m << 44) & M) + ((m << 12) & M);
    z4 += (m >>> 40) - (m >>> 8);
    z6 += ((m << 48) & M) - ((m << 16) & M);
    z7 += (m >>> 4) - (m >>> 36);
    m = z3 & M;
    z4 += (z3 >> 52) - ((m << 44) & M) + ((m << 12) & M);
    z5 += (m >>> 40) - (m >>> 8);
    z7 += ((m << 48) & M) - ((m << 16) & M);
    z8 += (m >>> 4) - (m >>> 36);
    m = z4 & M;
    z5 += (z4 >> 52) - ((m << 44) & M) + ((m << 12) & M);
    z6 += (m >>> 40) - (m >>> 8);
    z8 += ((m << 48) & M) - ((m << 16) & M);
    z9 += (m >>> 4) - (m >>> 36);
    // z5..z9 hold the result, below 2p, in signed limbs.
    z6 += z5 >> 52;
    z5 &= M;
    z7 += z6 >> 52;
    z6 &= M;
    z8 += z7 >> 52;
    z7 &= M;
    z9 += z8 >> 52;
    z8 &= M;
    subtractPOnce(r, z5, z6, z7, z8, z9);
  }

  /** r = t − p if t ≥ p, else t; t below 2p with normalised limbs (the top one may be wider). */
  private static void subtractPOnce(long[] r, long t0, long t1, long t2, long t3, long t4) {
    long d0 = t0 - P0;
    long d1 = t1 - P1 + (d0 >> 52);
    long d2 = t2 - P2 + (d1 >> 52);
    long d3 = t3 - P3 + (d2 >> 52);
    long d4 = t4 - P4 + (d3 >> 52);
    long keep = d4 >> 63; // all ones when t − p < 0
    r[0] = (t0 & keep) | (d0 & M & ~keep);
    r[1] = (t1 & keep) | (d1 & M & ~keep);
    r[2] = (t2 & keep) | (d2 & M & ~keep);
    r[3] = (t3 & keep) | (d3 & M & ~keep);
    r[4] = (t4 & keep) | (d4 & ~keep);
  }

  /**
   * r = a + b mod p.
   *
   * @param r the result
   * @param a a summand
   * @param b a summand
   */
  static void add(long[] r, long[] a, long[] b) {
    long s0 = a[0] + b[0];
    long s1 = a[1] + b[1] + (s0 >>> 52);
    long s2 = a[2] + b[2] + (s1 >>> 52);
    long s3 = a[3] + b[3] + (s2 >>> 52);
    long s4 = a[4] + b[4] + (s3 >>> 52);
    subtractPOnce(r, s0 & M, s1 & M, s2 & M, s3 & M, s4);
  }

  /**
   * r = a − b mod p.
   *
   * @param r the result
   * @param a the minuend
   * @param b the subtrahend
   */
  static void sub(long[] r, long[] a, long[] b) {
    long d0 = a[0] - b[0];
    long d1 = a[1] - b[1] + (d0 >> 52);
    long d2 = a[2] - b[2] + (d1 >> 52);
    long d3 = a[3] - b[3] + (d2 >> 52);
    long d4 = a[4] - b[4] + (d3 >> 52);
    long neg = d4 >> 63; // all ones when a − b < 0: add p back
    long s0 = (d0 & M) + (P0 & neg);
    long s1 = (d1 & M) + (P1 & neg) + (s0 >>> 52);
    long s2 = (d2 & M) + (P2 & neg) + (s1 >>> 52);
    long s3 = (d3 & M) + (P3 & neg) + (s2 >>> 52);
    long s4 = d4 + (P4 & neg) + (s3 >>> 52);
    r[0] = s0 & M;
    r[1] = s1 & M;
    r[2] = s2 & M;
    r[3] = s3 & M;
    r[4] = s4; // a − b + p when a < b: the top limb's borrow and p's carry cancel
  }

  /**
   * Whether a is zero.
   *
   * @param a the value
   * @return a = 0
   */
  static boolean isZero(long[] a) {
    return (a[0] | a[1] | a[2] | a[3] | a[4]) == 0;
  }

  /**
   * Converts into Montgomery form.
   *
   * @param v a value in [0, 2^260)
   * @return v·2^260 mod p as limbs
   */
  static long[] toMontgomery(BigInteger v) {
    long[] out = limbs(v);
    mul(out, out, R2);
    return out;
  }

  /**
   * Converts into Montgomery form from four 64-bit words (least significant first), without
   * BigInteger.
   *
   * @param w a value in [0, 2^256) as words
   * @return its Montgomery form
   */
  static long[] toMontgomery(long[] w) {
    long[] out = new long[LIMBS];
    out[0] = w[0] & M;
    out[1] = ((w[0] >>> 52) | (w[1] << 12)) & M;
    out[2] = ((w[1] >>> 40) | (w[2] << 24)) & M;
    out[3] = ((w[2] >>> 28) | (w[3] << 36)) & M;
    out[4] = w[3] >>> 16;
    mul(out, out, R2);
    return out;
  }

  /**
   * Converts out of Montgomery form.
   *
   * @param a limbs in Montgomery form
   * @return the value
   */
  static BigInteger fromMontgomery(long[] a) {
    return value(a).multiply(R_INVERSE).mod(P);
  }

  /**
   * Splits a value below 2^260 into 52-bit limbs.
   *
   * @param v the value
   * @return five limbs, least significant first
   */
  static long[] limbs(BigInteger v) {
    long[] out = new long[LIMBS];
    for (int i = 0; i < LIMBS; i++) {
      out[i] = v.shiftRight(52 * i).longValue() & M;
    }
    return out;
  }

  /**
   * Joins limbs into a value.
   *
   * @param a five limbs, least significant first
   * @return the value
   */
  static BigInteger value(long[] a) {
    BigInteger v = BigInteger.ZERO;
    for (int i = LIMBS - 1; i >= 0; i--) {
      v = v.shiftLeft(52).add(BigInteger.valueOf(a[i]));
    }
    return v;
  }
}
