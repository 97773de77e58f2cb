package org.tongban.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/**
 * Our SM2 verification ({@link Sm2Fast}) against BouncyCastle's curve arithmetic
 * ({@code ECAlgorithms.sumOfTwoMultiplies}, as its {@code SM2Signer} verifies), same verdict on
 * every triple: valid signatures, each of r, s and e changed, random (r, s), and the edges —
 * r or s zero or ≥ n, r + s = n (t = 0), r = n − 1, s = 1, and keys whose scalars make the
 * running sum pass through the point at infinity or double a point (Q = ±G, Q = [2]G).
 */
class Sm2FastTest {
  private static final ECDomainParameters D = EcCurves.SM2;
  private static final BigInteger N = D.getN();

  private static BigInteger random(SplittableRandom r, BigInteger below) {
    byte[] b = new byte[33];
    r.nextBytes(b);
    return new BigInteger(1, b).mod(below.subtract(BigInteger.ONE)).add(BigInteger.ONE);
  }

  private static void same(Sm2Fast.Comb comb, ECPoint q, BigInteger e, BigInteger r,
      BigInteger s, String what) {
    assertEquals(Sm2Core.verify(D, q, e, r, s), Sm2Fast.verify(comb, e, r, s), what);
  }

  @Test
  void sameVerdictsAsBouncyCastle_onRandomKeysAndSignatures() {
    SplittableRandom rnd = new SplittableRandom(32918);
    int valid = 0;
    for (int key = 0; key < 60; key++) {
      BigInteger d = random(rnd, N.subtract(BigInteger.ONE));
      ECPoint q = D.getG().multiply(d).normalize();
      Sm2Fast.Comb comb = Sm2Fast.prepare(q);
      for (int m = 0; m < 40; m++) {
        BigInteger e = new BigInteger(256, new java.util.Random(rnd.nextLong()));
        BigInteger[] rs = Sm2Core.sign(D, d, e, () -> random(rnd, N));
        BigInteger r = rs[0];
        BigInteger s = rs[1];
        assertTrue(Sm2Fast.verify(comb, e, r, s), "a valid signature");
        valid++;
        same(comb, q, e.add(BigInteger.ONE), r, s, "e + 1");
        same(comb, q, e, r.add(BigInteger.ONE).mod(N), s, "r + 1");
        same(comb, q, e, r, s.add(BigInteger.ONE).mod(N), "s + 1");
        same(comb, q, e, s, r, "swapped");
        same(comb, q, e, random(rnd, N), random(rnd, N), "random r, s");
        same(comb, q, e.add(N), r, s, "e + n (the same residue)");
      }
    }
    assertEquals(2400, valid);
  }

  @Test
  void edges() {
    SplittableRandom rnd = new SplittableRandom(5);
    BigInteger d = random(rnd, N.subtract(BigInteger.ONE));
    ECPoint q = D.getG().multiply(d).normalize();
    Sm2Fast.Comb comb = Sm2Fast.prepare(q);
    BigInteger e = BigInteger.valueOf(12345);
    BigInteger[] rs = Sm2Core.sign(D, d, e, () -> random(rnd, N));
    for (BigInteger[] bad : new BigInteger[][] {{BigInteger.ZERO, rs[1]}, {rs[0],
        BigInteger.ZERO}, {N, rs[1]}, {rs[0], N}, {N.add(rs[0]), rs[1]},
        {rs[0], N.subtract(rs[0])}, {BigInteger.ONE.negate(), rs[1]}}) {
      assertFalse(Sm2Fast.verify(comb, e, bad[0], bad[1]), bad[0] + ", " + bad[1]);
      same(comb, q, e, bad[0], bad[1], "edge");
    }
    same(comb, q, e, N.subtract(BigInteger.ONE), BigInteger.ONE, "r = n − 1, s = 1");

    // Q = G, −G and 2G: [s]G + [t]Q can cancel to infinity or need a doubling mid-sum.
    for (BigInteger k : new BigInteger[] {BigInteger.ONE, N.subtract(BigInteger.ONE),
        BigInteger.TWO}) {
      ECPoint special = D.getG().multiply(k).normalize();
      Sm2Fast.Comb c = Sm2Fast.prepare(special);
      for (int i = 0; i < 200; i++) {
        BigInteger s = random(rnd, N);
        BigInteger t = i % 2 == 0 ? N.subtract(s.multiply(k.modInverse(N)).mod(N)).mod(N)
            : s.multiply(k.modInverse(N)).mod(N); // [s]G + [t]Q = O, or = [2s]G
        BigInteger r = t.subtract(s).mod(N);
        if (r.signum() == 0) {
          continue;
        }
        same(c, special, BigInteger.valueOf(i), r, s, "k = " + k + ", i = " + i);
      }
      BigInteger[] sig = Sm2Core.sign(D, k.equals(N.subtract(BigInteger.ONE))
          ? BigInteger.TWO : k, e, () -> random(rnd, N));
      same(c, special, e, sig[0], sig[1], "a signature by another key");
    }
  }
}
