package org.tongban.internal.crypto;

import java.math.BigInteger;
import java.security.interfaces.ECKey;
import java.security.spec.ECParameterSpec;
import java.util.Optional;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.tongban.crypto.KeyType;

/**
 * The three curves Tongban supports, in BouncyCastle's optimised form ({@code CustomNamedCurves}
 * has special field arithmetic for sm2p256v1, P-256 and P-384; the generic GM curve is 6–7 times
 * slower).
 */
public final class EcCurves {
  private static final X9ECParameters SM2_X9 = CustomNamedCurves.getByName("sm2p256v1");
  private static final X9ECParameters P256_X9 = CustomNamedCurves.getByName("secp256r1");
  private static final X9ECParameters P384_X9 = CustomNamedCurves.getByName("secp384r1");

  /** sm2p256v1 domain. */
  public static final ECDomainParameters SM2 = domain(SM2_X9);
  /** P-256 domain. */
  public static final ECDomainParameters P256 = domain(P256_X9);
  /** P-384 domain. */
  public static final ECDomainParameters P384 = domain(P384_X9);

  private EcCurves() {}

  private static ECDomainParameters domain(X9ECParameters x9) {
    return new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH(), x9.getSeed());
  }

  /**
   * Returns the domain of an elliptic-curve key type.
   *
   * @param type SM2, EC_P256 or EC_P384
   * @return the domain
   */
  public static ECDomainParameters domain(KeyType type) {
    switch (type) {
      case SM2:
        return SM2;
      case EC_P256:
        return P256;
      case EC_P384:
        return P384;
      default:
        throw new IllegalArgumentException("not an elliptic-curve key type: " + type);
    }
  }

  /** Our curves' parameters as the JCA states them: n, p, a, b, Gx, Gy (made once). */
  private static final class Known {
    static final KeyType[] TYPES = {KeyType.SM2, KeyType.EC_P256, KeyType.EC_P384};
    static final java.util.Map<KeyType, BigInteger[]> PARAMS = new java.util.EnumMap<>(
        KeyType.class);

    static {
      for (KeyType t : TYPES) {
        ECDomainParameters d = domain(t);
        PARAMS.put(t, new BigInteger[] {d.getN(), d.getCurve().getField().getCharacteristic(),
            d.getCurve().getA().toBigInteger(), d.getCurve().getB().toBigInteger(),
            d.getG().getAffineXCoord().toBigInteger(), d.getG().getAffineYCoord().toBigInteger()});
      }
    }
  }

  /**
   * Identifies the curve of a JCA key by its order, field and generator.
   *
   * @param key the key
   * @return the key type, or empty if the curve is none of ours
   */
  public static Optional<KeyType> identify(ECKey key) {
    ECParameterSpec spec = key.getParams();
    if (spec == null) {
      return Optional.empty();
    }
    for (KeyType t : Known.TYPES) {
      BigInteger[] c = Known.PARAMS.get(t);
      if (spec.getOrder().equals(c[0])
          && spec.getCurve().getField() instanceof java.security.spec.ECFieldFp
          && ((java.security.spec.ECFieldFp) spec.getCurve().getField()).getP().equals(c[1])
          && spec.getCurve().getA().equals(c[2])
          && spec.getCurve().getB().equals(c[3])
          && spec.getGenerator().getAffineX().equals(c[4])
          && spec.getGenerator().getAffineY().equals(c[5])) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /**
   * Converts and validates a public point: it must be on the curve and not infinity.
   *
   * @param domain the curve
   * @param w the JCA point
   * @return the normalised BouncyCastle point
   * @throws IllegalArgumentException if the point is not valid on the curve
   */
  public static ECPoint validPoint(ECDomainParameters domain, java.security.spec.ECPoint w) {
    if (w == null || w == java.security.spec.ECPoint.POINT_INFINITY) {
      throw new IllegalArgumentException("point at infinity");
    }
    ECPoint q = domain.getCurve().validatePoint(w.getAffineX(), w.getAffineY());
    // validatePoint checks the curve equation; with cofactor 1 (all three curves) that also
    // puts the point in the prime-order group, which blocks invalid-curve attacks.
    return domain.validatePublicPoint(q).normalize();
  }
}
