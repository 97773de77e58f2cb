package org.tongban.internal.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The SM2 field on 52-bit limbs against BigInteger: random values and the edges (0, 1, p − 1,
 * p − 2, limbs all ones or all zeros, powers of two), for the Montgomery product, addition,
 * subtraction and the conversions.
 */
class Sm2FieldTest {
  private static final BigInteger P = Sm2Field.P;
  private static final BigInteger R_INV = BigInteger.ONE.shiftLeft(260).modInverse(P);

  private static List<BigInteger> values(int randomCount, long seed) {
    List<BigInteger> v = new ArrayList<>();
    for (BigInteger x : new BigInteger[] {BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO,
        P.subtract(BigInteger.ONE), P.subtract(BigInteger.TWO), BigInteger.ONE.shiftLeft(255),
        BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE),
        BigInteger.ONE.shiftLeft(192).subtract(BigInteger.ONE),
        BigInteger.ONE.shiftLeft(224), P.shiftRight(1), BigInteger.ONE.shiftLeft(64),
        BigInteger.ONE.shiftLeft(52).subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(208),
        BigInteger.ONE.shiftLeft(104).subtract(BigInteger.ONE)}) {
      v.add(x);
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < randomCount; i++) {
      byte[] b = new byte[32];
      random.nextBytes(b);
      // Mix in numbers near p and with long runs of ones, where carries hide.
      BigInteger x = new BigInteger(1, b);
      if (i % 5 == 1) {
        x = P.subtract(x.shiftRight(random.nextInt(1, 250)));
      } else if (i % 5 == 2) {
        x = x.or(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE).shiftRight(
            random.nextInt(0, 256)));
      }
      v.add(x.mod(P));
    }
    return v;
  }

  @Test
  void montgomeryProduct_addition_subtraction_matchBigInteger() {
    List<BigInteger> xs = values(400, 1);
    List<BigInteger> ys = values(400, 2);
    long[] r = Sm2Field.element();
    for (BigInteger x : xs) {
      long[] a = Sm2Field.limbs(x);
      for (BigInteger y : ys) {
        long[] b = Sm2Field.limbs(y);
        Sm2Field.mul(r, a, b);
        assertEquals(x.multiply(y).multiply(R_INV).mod(P), Sm2Field.value(r), x + " * " + y);
        Sm2Field.add(r, a, b);
        assertEquals(x.add(y).mod(P), Sm2Field.value(r), x + " + " + y);
        Sm2Field.sub(r, a, b);
        assertEquals(x.subtract(y).mod(P), Sm2Field.value(r), x + " - " + y);
      }
    }
  }

  @Test
  void inPlace_andConversions() {
    for (BigInteger x : values(2000, 3)) {
      long[] a = Sm2Field.toMontgomery(x);
      assertEquals(x, Sm2Field.fromMontgomery(a));
      assertEquals(java.util.Arrays.toString(a), java.util.Arrays.toString(
          Sm2Field.toMontgomery(Sm2Fast.words(x))), "from words");
      long[] sq = a.clone();
      Sm2Field.sqr(sq, sq);
      assertEquals(x.multiply(x).mod(P), Sm2Field.fromMontgomery(sq));
      long[] twice = a.clone();
      Sm2Field.add(twice, twice, twice);
      assertEquals(x.shiftLeft(1).mod(P), Sm2Field.fromMontgomery(twice));
      Sm2Field.sub(twice, twice, a);
      assertEquals(x, Sm2Field.fromMontgomery(twice));
      assertEquals(x.signum() == 0, Sm2Field.isZero(a));
    }
  }
}
