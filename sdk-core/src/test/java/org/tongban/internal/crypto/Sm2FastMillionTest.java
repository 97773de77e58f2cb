package org.tongban.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;

/**
 * A million random (key, digest, signature) triples through {@link Sm2Fast} and through
 * BouncyCastle's {@code ECAlgorithms.sumOfTwoMultiplies} (what its {@code SM2Signer} computes):
 * identical verdicts on every one. Two in five are valid signatures; the rest have r, s or e
 * changed by one, r and s swapped, or random r and s. A thousand keys, so that the per-key
 * tables are exercised as broadly as the shared table of G. Runs on every core (about a
 * minute on two).
 */
class Sm2FastMillionTest {
  private static final ECDomainParameters D = EcCurves.SM2;
  private static final BigInteger N = D.getN();
  private static final int KEYS = 1000;
  private static final int PER_KEY = 1000;

  private static BigInteger below(SplittableRandom r, BigInteger bound) {
    byte[] b = new byte[33];
    r.nextBytes(b);
    return new BigInteger(1, b).mod(bound.subtract(BigInteger.ONE)).add(BigInteger.ONE);
  }

  @Test
  void aMillionTriples_sameVerdictsAsBouncyCastle() throws Exception {
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<int[]>> parts = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int first = t;
        parts.add(pool.submit(() -> run(first, threads)));
      }
      int triples = 0;
      int valid = 0;
      for (Future<int[]> f : parts) {
        int[] counts = f.get();
        triples += counts[0];
        valid += counts[1];
      }
      assertEquals(KEYS * PER_KEY, triples);
      assertTrue(valid >= KEYS * PER_KEY * 2 / 5, "valid: " + valid);
    } finally {
      pool.shutdownNow();
    }
  }

  private static int[] run(int first, int step) {
    int triples = 0;
    int valid = 0;
    for (int key = first; key < KEYS; key += step) {
      SplittableRandom rnd = new SplittableRandom(key * 7919L + 1);
      BigInteger d = below(rnd, N.subtract(BigInteger.ONE));
      ECPoint q = D.getG().multiply(d).normalize();
      Sm2Fast.Comb comb = Sm2Fast.prepare(q);
      BigInteger[] sig = null;
      BigInteger signedE = null;
      for (int i = 0; i < PER_KEY; i++) {
        BigInteger e = below(rnd, BigInteger.ONE.shiftLeft(256));
        BigInteger r;
        BigInteger s;
        int kind = i % 5;
        if (kind < 2 || sig == null) {
          sig = Sm2Core.sign(D, d, e, () -> below(rnd, N));
          signedE = e;
          r = sig[0];
          s = sig[1];
        } else if (kind == 2) {
          // The last valid signature, one of r, s, e off by one.
          int which = rnd.nextInt(3);
          e = which == 2 ? signedE.add(BigInteger.ONE) : signedE;
          r = which == 0 ? sig[0].add(BigInteger.ONE) : sig[0];
          s = which == 1 ? sig[1].add(BigInteger.ONE) : sig[1];
        } else if (kind == 3) {
          e = signedE;
          r = sig[1];
          s = sig[0];
        } else {
          r = below(rnd, N);
          s = below(rnd, N);
        }
        boolean expected = Sm2Core.verify(D, q, e, r, s);
        boolean actual = Sm2Fast.verify(comb, e, r, s);
        if (expected != actual) {
          throw new AssertionError("key " + key + " triple " + i + ": BouncyCastle says "
              + expected + ", Sm2Fast " + actual + " (d=" + d + ", e=" + e + ", r=" + r
              + ", s=" + s + ")");
        }
        triples++;
        valid += expected ? 1 : 0;
      }
    }
    return new int[] {triples, valid};
  }
}
