package org.tongban.internal.crypto;

import java.math.BigInteger;
import org.bouncycastle.math.ec.ECPoint;

/**
 * SM2 verification on the standard curve (sm2p256v1) with our own field ({@link Sm2Field}) and
 * point arithmetic: R = [s]G + [t]Q as a sum of precomputed affine multiples with no doubling
 * at all — a comb of 9-bit signed-digit windows for G (29 windows of 256 points, about 0.6 MB,
 * built once per JVM on first use) and of 7-bit ones for a prepared key's Q (37 windows of 64
 * points, about 190 KB) — in Jacobian coordinates with mixed additions, and the final check made
 * without an inversion: x1 ≡ r − e (mod n) is tested as X = c·Z² for the one or two candidates
 * c &lt; p.
 *
 * <p>Variable time: verification only, whose inputs are public. Points given here are validated
 * by the caller (on the curve, not infinity). Tables are immutable after building and shared
 * between threads; each verification uses its own scratch space.
 */
final class Sm2Fast {
  /** The group order n. */
  static final BigInteger N = new BigInteger(
      "FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFF7203DF6B21C6052B53BBF40939D54123", 16);
  private static final BigInteger GX = new BigInteger(
      "32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7", 16);
  private static final BigInteger GY = new BigInteger(
      "BC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0", 16);
  private static final long[] ONE = Sm2Field.toMontgomery(BigInteger.ONE);
  private static final long[] ZERO = Sm2Field.element();

  /** G's comb, built on first use. */
  private static final class GTable {
    static final Comb G = new Comb(GX, GY, 9);
  }

  private Sm2Fast() {}

  /**
   * Affine multiples of a point for a signed-digit comb: window i holds j·2^(w·i)·P for
   * j = 1 … 2^(w−1), coordinates in Montgomery form. Immutable.
   */
  static final class Comb {
    final int w;
    final int windows;
    /**
     * table[i]: the coordinates of j·2^(w·i)·P for j = 1 … 2^(w−1), x then y at offset
     * 10·(j − 1), flat to keep the table compact. Digits are signed (−2^(w−1) … 2^(w−1)), and
     * −(x, y) = (x, −y), so half the multiples suffice.
     */
    final long[][] table;

    Comb(BigInteger px, BigInteger py, int w) {
      this.w = w;
      // Enough windows for 256 bits and the last digit's carry (256 + 1 bits).
      this.windows = (257 + w - 1) / w;
      int per = 1 << (w - 1);
      table = new long[windows][per * 2 * Sm2Field.LIMBS];
      Scratch s = new Scratch();
      // Two batch normalisations (one inversion each) instead of one per window: first every
      // window's base 2^(w·i)·P, by doublings in Jacobian coordinates; then every entry.
      Jacobian[] bases = new Jacobian[windows];
      bases[0] = new Jacobian();
      addAffine(bases[0], Sm2Field.toMontgomery(px), Sm2Field.toMontgomery(py), s);
      for (int i = 1; i < windows; i++) {
        bases[i] = bases[i - 1].copy();
        for (int k = 0; k < w; k++) {
          dbl(bases[i], s);
        }
      }
      long[][] bx = new long[windows][];
      long[][] by = new long[windows][];
      normalize(bases, bx, by);
      Jacobian[] all = new Jacobian[windows * per];
      for (int i = 0; i < windows; i++) {
        Jacobian acc = new Jacobian();
        for (int j = 0; j < per; j++) {
          addAffine(acc, bx[i], by[i], s);
          all[i * per + j] = acc.copy();
        }
      }
      long[][] ax = new long[all.length][];
      long[][] ay = new long[all.length][];
      normalize(all, ax, ay);
      int l = Sm2Field.LIMBS;
      for (int i = 0; i < windows; i++) {
        for (int j = 0; j < per; j++) {
          System.arraycopy(ax[i * per + j], 0, table[i], 2 * l * j, l);
          System.arraycopy(ay[i * per + j], 0, table[i], 2 * l * j + l, l);
        }
      }
    }

    /** acc += [k]P, k &lt; 2^256 as four 64-bit words, in signed digits. */
    void addMultiple(Jacobian acc, long[] k, Scratch s) {
      int mask = (1 << w) - 1;
      int half = 1 << (w - 1);
      int carry = 0;
      for (int i = 0; i < windows; i++) {
        int bit = i * w;
        int limb = bit >>> 6;
        int d = carry;
        if (limb < 4) {
          int off = bit & 63;
          long v = k[limb] >>> off;
          if (off + w > 64 && limb < 3) {
            v |= k[limb + 1] << (64 - off);
          }
          d += (int) v & mask;
        }
        carry = d > half ? 1 : 0;
        d -= carry << w;
        if (d != 0) {
          int l = Sm2Field.LIMBS;
          int at = 2 * l * (Math.abs(d) - 1);
          System.arraycopy(table[i], at, s.ax, 0, l);
          System.arraycopy(table[i], at + l, s.ay, 0, l);
          if (d < 0) {
            Sm2Field.sub(s.ay, ZERO, s.ay);
          }
          addAffine(acc, s.ax, s.ay, s);
        }
      }
    }
  }

  /** A point in Jacobian coordinates (X/Z², Y/Z³); Z = 0 is the point at infinity. */
  static final class Jacobian {
    final long[] x = Sm2Field.element();
    final long[] y = Sm2Field.element();
    final long[] z = Sm2Field.element();

    boolean isInfinity() {
      return Sm2Field.isZero(z);
    }

    Jacobian copy() {
      Jacobian c = new Jacobian();
      System.arraycopy(x, 0, c.x, 0, Sm2Field.LIMBS);
      System.arraycopy(y, 0, c.y, 0, Sm2Field.LIMBS);
      System.arraycopy(z, 0, c.z, 0, Sm2Field.LIMBS);
      return c;
    }
  }

  /** Temporaries for the point formulas. */
  static final class Scratch {
    final long[] t0 = Sm2Field.element();
    final long[] t1 = Sm2Field.element();
    final long[] t2 = Sm2Field.element();
    final long[] t3 = Sm2Field.element();
    final long[] t4 = Sm2Field.element();
    final long[] t5 = Sm2Field.element();
    final long[] t6 = Sm2Field.element();
    final long[] ax = Sm2Field.element();
    final long[] ay = Sm2Field.element();
  }

  /**
   * Prepares a public point: its comb (37 windows of 64 affine points, about 190 KB; about two
   * milliseconds to build).
   *
   * @param q the validated public point
   * @return the comb
   */
  static Comb prepare(ECPoint q) {
    ECPoint n = q.normalize();
    return new Comb(n.getAffineXCoord().toBigInteger(), n.getAffineYCoord().toBigInteger(), 7);
  }

  /**
   * Verifies (r, s) over e (GB/T 32918.2 §7.1 B1–B7) with a prepared key.
   *
   * @param q the key's comb
   * @param e the digest as an integer
   * @param r r
   * @param s s
   * @return true iff valid
   */
  static boolean verify(Comb q, BigInteger e, BigInteger r, BigInteger s) {
    if (r.signum() <= 0 || r.compareTo(N) >= 0 || s.signum() <= 0 || s.compareTo(N) >= 0) {
      return false; // B1, B2
    }
    BigInteger t = r.add(s);
    if (t.compareTo(N) >= 0) {
      t = t.subtract(N);
    }
    if (t.signum() == 0) {
      return false; // B5
    }
    Scratch scratch = new Scratch();
    Jacobian acc = new Jacobian();
    GTable.G.addMultiple(acc, words(s), scratch);
    q.addMultiple(acc, words(t), scratch);
    if (acc.isInfinity()) {
      return false;
    }
    // B6, B7 without inverting Z: x1 = X/Z² lies in [0, p) and must be ≡ r − e (mod n), so it
    // is c = (r − e) mod n or, when that is still below p, c + n.
    BigInteger c = r.subtract(e).mod(N);
    long[] zz = scratch.t0;
    Sm2Field.sqr(zz, acc.z);
    long[] cand = scratch.t1;
    for (int k = 0; k < 2 && c.compareTo(Sm2Field.P) < 0; k++, c = c.add(N)) {
      Sm2Field.mul(cand, Sm2Field.toMontgomery(words(c)), zz);
      if (java.util.Arrays.equals(cand, acc.x)) {
        return true;
      }
    }
    return false;
  }

  /** A non-negative value below 2^256 as four 64-bit words, least significant first. */
  static long[] words(BigInteger k) {
    byte[] b = k.toByteArray(); // big-endian, at most 33 bytes (a leading zero for the sign)
    long[] w = new long[4];
    for (int i = 0; i < b.length && i < 32; i++) {
      w[i >>> 3] |= (b[b.length - 1 - i] & 0xFFL) << ((i & 7) << 3);
    }
    return w;
  }

  /** p = 2p (dbl-2001-b, for a = −3). */
  static void dbl(Jacobian p, Scratch s) {
    if (p.isInfinity() || Sm2Field.isZero(p.y)) {
      java.util.Arrays.fill(p.z, 0);
      return;
    }
    long[] delta = s.t0;
    long[] gamma = s.t1;
    long[] beta = s.t2;
    long[] alpha = s.t3;
    long[] u = s.t4;
    long[] v = s.t5;
    Sm2Field.sqr(delta, p.z);
    Sm2Field.sqr(gamma, p.y);
    Sm2Field.mul(beta, p.x, gamma);
    Sm2Field.sub(u, p.x, delta);
    Sm2Field.add(v, p.x, delta);
    Sm2Field.mul(alpha, u, v);
    Sm2Field.add(u, alpha, alpha);
    Sm2Field.add(alpha, alpha, u); // alpha = 3(X − δ)(X + δ)
    // Z3 = (Y + Z)² − γ − δ
    Sm2Field.add(u, p.y, p.z);
    Sm2Field.sqr(u, u);
    Sm2Field.sub(u, u, gamma);
    Sm2Field.sub(p.z, u, delta);
    // X3 = α² − 8β
    Sm2Field.add(u, beta, beta);
    Sm2Field.add(u, u, u);
    Sm2Field.add(v, u, u); // v = 8β, u = 4β
    Sm2Field.sqr(p.x, alpha);
    Sm2Field.sub(p.x, p.x, v);
    // Y3 = α(4β − X3) − 8γ²
    Sm2Field.sub(u, u, p.x);
    Sm2Field.mul(u, alpha, u);
    Sm2Field.sqr(gamma, gamma);
    Sm2Field.add(gamma, gamma, gamma);
    Sm2Field.add(gamma, gamma, gamma);
    Sm2Field.add(gamma, gamma, gamma);
    Sm2Field.sub(p.y, u, gamma);
  }

  /** p += (x2, y2), an affine point (madd-2007-bl), with the equal and opposite cases. */
  static void addAffine(Jacobian p, long[] x2, long[] y2, Scratch s) {
    if (p.isInfinity()) {
      System.arraycopy(x2, 0, p.x, 0, Sm2Field.LIMBS);
      System.arraycopy(y2, 0, p.y, 0, Sm2Field.LIMBS);
      System.arraycopy(ONE, 0, p.z, 0, Sm2Field.LIMBS);
      return;
    }
    long[] z1z1 = s.t0;
    long[] u2 = s.t1;
    long[] s2 = s.t2;
    long[] h = s.t3;
    long[] rr = s.t4;
    long[] i = s.t5;
    long[] j = s.t6;
    Sm2Field.sqr(z1z1, p.z);
    Sm2Field.mul(u2, x2, z1z1);
    Sm2Field.mul(s2, p.z, z1z1);
    Sm2Field.mul(s2, y2, s2);
    Sm2Field.sub(h, u2, p.x);
    Sm2Field.sub(rr, s2, p.y);
    if (Sm2Field.isZero(h)) {
      if (Sm2Field.isZero(rr)) {
        dbl(p, s); // the same point
      } else {
        java.util.Arrays.fill(p.z, 0); // P + (−P)
      }
      return;
    }
    Sm2Field.add(rr, rr, rr);
    // Z3 = (Z1 + H)² − Z1Z1 − HH, computed before Z1 is overwritten
    Sm2Field.add(p.z, p.z, h);
    Sm2Field.sqr(p.z, p.z);
    Sm2Field.sub(p.z, p.z, z1z1);
    Sm2Field.sqr(i, h); // HH
    Sm2Field.sub(p.z, p.z, i);
    Sm2Field.add(i, i, i);
    Sm2Field.add(i, i, i); // I = 4HH
    Sm2Field.mul(j, h, i); // J = H·I
    Sm2Field.mul(u2, p.x, i); // V = X1·I
    // X3 = r² − J − 2V
    Sm2Field.sqr(p.x, rr);
    Sm2Field.sub(p.x, p.x, j);
    Sm2Field.sub(p.x, p.x, u2);
    Sm2Field.sub(p.x, p.x, u2);
    // Y3 = r(V − X3) − 2·Y1·J
    Sm2Field.sub(u2, u2, p.x);
    Sm2Field.mul(u2, rr, u2);
    Sm2Field.mul(j, p.y, j);
    Sm2Field.add(j, j, j);
    Sm2Field.sub(p.y, u2, j);
  }

  /** Converts to affine with one inversion (Montgomery's trick); no point may be infinity. */
  static void normalize(Jacobian[] pts, long[][] xs, long[][] ys) {
    int n = pts.length;
    long[][] prefix = new long[n][];
    long[] acc = ONE.clone();
    for (int k = 0; k < n; k++) {
      if (pts[k].isInfinity()) {
        throw new IllegalStateException("a table point is at infinity");
      }
      Sm2Field.mul(acc, acc, pts[k].z);
      prefix[k] = acc.clone();
    }
    // inv = 1/(Z_0·…·Z_{n−1}) in Montgomery form: value a·R ↦ (a·R)^−1·R² = a^−1·R.
    BigInteger prod = Sm2Field.fromMontgomery(acc);
    long[] inv = Sm2Field.toMontgomery(prod.modInverse(Sm2Field.P));
    long[] zi = Sm2Field.element();
    long[] zi2 = Sm2Field.element();
    for (int k = n - 1; k >= 0; k--) {
      if (k > 0) {
        Sm2Field.mul(zi, inv, prefix[k - 1]);
        Sm2Field.mul(inv, inv, pts[k].z);
      } else {
        System.arraycopy(inv, 0, zi, 0, Sm2Field.LIMBS);
      }
      Sm2Field.sqr(zi2, zi);
      long[] x = Sm2Field.element();
      long[] y = Sm2Field.element();
      Sm2Field.mul(x, pts[k].x, zi2);
      Sm2Field.mul(zi2, zi2, zi);
      Sm2Field.mul(y, pts[k].y, zi2);
      xs[k] = x;
      ys[k] = y;
    }
  }
}
