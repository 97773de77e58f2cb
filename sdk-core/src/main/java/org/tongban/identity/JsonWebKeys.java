package org.tongban.identity;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECPublicKeySpec;
import org.tongban.MalformedInputException;
import org.tongban.crypto.KeyType;
import org.tongban.internal.crypto.Bc;
import org.tongban.internal.crypto.EcCurves;
import org.tongban.internal.jose.Base64Url;
import org.tongban.io.Limits;
import org.tongban.result.Reason;

/**
 * The public verification keys of a JSON Web Key Set (RFC 7517): RSA, EC P-256 and SM2
 * ({@code {"kty":"EC","crv":"SM2"}}, Tongban's profile — nimbus alone rejects a whole set that
 * contains one), read strictly and kept immutable.
 *
 * <p>Refused keys are left out of {@link #keys()} and listed in {@link #refused()} with their
 * reason, so that a token naming one gets that reason rather than "key not found": symmetric
 * ({@code oct}) keys, keys whose {@code use} is not {@code sig} or whose {@code key_ops} lack
 * {@code verify}, private key material published in the set, RSA keys below 2048 bits, with an
 * exponent below 3 or even, or with the ROCA fingerprint (CVE-2017-15361), EC points not on the
 * curve or coordinates of the wrong length, curves other than P-256, P-384 and SM2, and a key
 * {@code alg} that does not fit the key.
 *
 * <p>Rejects the whole set ({@link MalformedInputException}): more than
 * {@link Limits#MAX_JWKS_BYTES}, not JSON, no {@code keys} array, more than 100 keys, two
 * usable keys with the same {@code kid} (a token naming it would be ambiguous).
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class JsonWebKeys {
  private static final int MAX_KEYS = 100;
  private static final Set<String> PRIVATE_MEMBERS =
      Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");
  /** Small primes of the ROCA fingerprint (Nemec et al., CCS 2017). */
  private static final int[] ROCA_PRIMES = {3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47,
      53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149,
      151, 157, 163, 167};

  /**
   * A usable public key.
   *
   * @param keyId the {@code kid}
   * @param algorithm the key's {@code alg}, if it names one
   * @param type the key type
   * @param publicKey the key
   */
  public record Key(Optional<String> keyId, Optional<String> algorithm, KeyType type,
      PublicKey publicKey) {
    /**
     * Validates the components.
     *
     * @param keyId kid
     * @param algorithm alg
     * @param type type
     * @param publicKey key
     */
    public Key {
      Objects.requireNonNull(keyId, "keyId");
      Objects.requireNonNull(algorithm, "algorithm");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(publicKey, "publicKey");
    }
  }

  /**
   * A key left out, and why.
   *
   * @param keyId its {@code kid}
   * @param reason the reason code a token naming it gets
   * @param why the explanation
   */
  public record Refused(Optional<String> keyId, Reason reason, String why) {}

  private final List<Key> keys;
  private final List<Refused> refused;

  private JsonWebKeys(List<Key> keys, List<Refused> refused) {
    this.keys = List.copyOf(keys);
    this.refused = List.copyOf(refused);
  }

  /**
   * Reads a JWKS document.
   *
   * @param json the JWKS
   * @return the keys
   * @throws MalformedInputException FORMAT_FAILURE or SIZE_LIMIT_EXCEEDED for the whole set
   */
  public static JsonWebKeys parse(String json) {
    Objects.requireNonNull(json, "json");
    if (json.getBytes(StandardCharsets.UTF_8).length > Limits.MAX_JWKS_BYTES) {
      throw new MalformedInputException(Reason.SIZE_LIMIT_EXCEEDED, "JWKS larger than "
          + Limits.MAX_JWKS_BYTES + " bytes", null);
    }
    Map<String, Object> root;
    try {
      root = com.nimbusds.jose.util.JSONObjectUtils.parse(json);
    } catch (ParseException | RuntimeException e) {
      throw new MalformedInputException("the JWKS is not a JSON object", e);
    }
    if (!(root.get("keys") instanceof List<?> list)) {
      throw new MalformedInputException("the JWKS has no \"keys\" array");
    }
    if (list.size() > MAX_KEYS) {
      throw new MalformedInputException(Reason.SIZE_LIMIT_EXCEEDED, "more than " + MAX_KEYS
          + " keys", null);
    }
    List<Key> keys = new ArrayList<>();
    List<Refused> refused = new ArrayList<>();
    Set<String> kids = new HashSet<>();
    for (Object o : list) {
      if (!(o instanceof Map<?, ?> m)) {
        throw new MalformedInputException("a JWKS entry is not an object");
      }
      Optional<String> kid = string(m, "kid");
      try {
        Key k = key(m, kid);
        if (kid.isPresent() && !kids.add(kid.get())) {
          throw new MalformedInputException("two keys share the kid " + kid.get());
        }
        keys.add(k);
      } catch (KeyRefused e) {
        refused.add(new Refused(kid, e.reason, e.getMessage()));
      }
    }
    return new JsonWebKeys(keys, refused);
  }

  /**
   * Returns the usable keys.
   *
   * @return the keys, in document order
   */
  public List<Key> keys() {
    return keys;
  }

  /**
   * Returns the keys left out, with their reasons.
   *
   * @return the refused keys
   */
  public List<Refused> refused() {
    return refused;
  }

  /**
   * Writes a JWKS publishing public keys: RSA ({@code RS256}), P-256 ({@code ES256}) and SM2
   * ({@code {"kty":"EC","crv":"SM2"}}, {@code SM2SM3}), each with {@code use: sig}.
   *
   * @param keysById the keys by {@code kid}, in the order to publish
   * @return the JSON
   * @throws IllegalArgumentException for another kind of key
   */
  public static String publish(Map<String, PublicKey> keysById) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map.Entry<String, PublicKey> e : keysById.entrySet()) {
      Map<String, Object> jwk = new java.util.LinkedHashMap<>();
      KeyType type = org.tongban.crypto.VerificationKey.keyTypeOf(e.getValue());
      if (e.getValue() instanceof java.security.interfaces.RSAPublicKey rsa) {
        jwk.put("kty", "RSA");
        jwk.put("n", Base64Url.encode(unsigned(rsa.getModulus(), 0)));
        jwk.put("e", Base64Url.encode(unsigned(rsa.getPublicExponent(), 0)));
        jwk.put("alg", "RS256");
      } else if (e.getValue() instanceof java.security.interfaces.ECPublicKey ec
          && (type == KeyType.EC_P256 || type == KeyType.SM2)) {
        jwk.put("kty", "EC");
        jwk.put("crv", type == KeyType.SM2 ? "SM2" : "P-256");
        jwk.put("x", Base64Url.encode(unsigned(ec.getW().getAffineX(), 32)));
        jwk.put("y", Base64Url.encode(unsigned(ec.getW().getAffineY(), 32)));
        jwk.put("alg", type == KeyType.SM2 ? "SM2SM3" : "ES256");
      } else {
        throw new IllegalArgumentException("no JWK form for a " + type + " key");
      }
      jwk.put("kid", e.getKey());
      jwk.put("use", "sig");
      out.add(jwk);
    }
    return com.nimbusds.jose.util.JSONObjectUtils.toJSONString(Map.of("keys", out));
  }

  /** Big-endian without sign byte, left-padded to {@code size} when size is not 0. */
  private static byte[] unsigned(BigInteger v, int size) {
    byte[] b = v.toByteArray();
    if (b.length > 1 && b[0] == 0) {
      b = java.util.Arrays.copyOfRange(b, 1, b.length);
    }
    if (size == 0 || b.length >= size) {
      return b;
    }
    byte[] out = new byte[size];
    System.arraycopy(b, 0, out, size - b.length, b.length);
    return out;
  }

  /**
   * Returns an empty set.
   *
   * @return no keys
   */
  public static JsonWebKeys empty() {
    return new JsonWebKeys(List.of(), List.of());
  }

  @Override
  public String toString() {
    return "JsonWebKeys[" + keys.size() + " usable, " + refused.size() + " refused]";
  }

  private static final class KeyRefused extends Exception {
    private static final long serialVersionUID = 1L;
    final transient Reason reason;

    KeyRefused(Reason reason, String message) {
      super(message, null, false, false);
      this.reason = reason;
    }
  }

  private static Key key(Map<?, ?> m, Optional<String> kid) throws KeyRefused {
    String kty = string(m, "kty").orElseThrow(() -> new KeyRefused(Reason.FORMAT_FAILURE,
        "no kty"));
    if (kty.equals("oct")) {
      throw new KeyRefused(Reason.SYMMETRIC_ALGORITHM_REFUSED, "a symmetric key");
    }
    for (String p : PRIVATE_MEMBERS) {
      if (m.containsKey(p)) {
        throw new KeyRefused(Reason.KEY_USAGE_INVALID, "private key material (" + p
            + ") is published in the set");
      }
    }
    Optional<String> use = string(m, "use");
    if (use.isPresent() && !use.get().equals("sig")) {
      throw new KeyRefused(Reason.KEY_USAGE_INVALID, "use is " + use.get() + ", not sig");
    }
    if (m.containsKey("key_ops") && !(m.get("key_ops") instanceof List<?> ops
        && ops.contains("verify"))) {
      throw new KeyRefused(Reason.KEY_USAGE_INVALID, "key_ops does not include verify");
    }
    Optional<String> alg = string(m, "alg");
    Key k = switch (kty) {
      case "RSA" -> new Key(kid, alg, KeyType.RSA, rsa(m));
      case "EC" -> ec(m, kid, alg);
      default -> throw new KeyRefused(Reason.ALGORITHM_NOT_ALLOWED, "key type " + kty);
    };
    if (alg.isPresent() && !fits(alg.get(), k.type())) {
      throw new KeyRefused(Reason.ALGORITHM_MISMATCH, "alg " + alg.get() + " on a " + k.type()
          + " key");
    }
    return k;
  }

  /** Whether a key's own alg names an algorithm for its type (aliases are the issuer's). */
  private static boolean fits(String alg, KeyType type) {
    return switch (type) {
      case RSA -> alg.matches("(RS|PS)(256|384|512)");
      case EC_P256 -> alg.equals("ES256");
      case EC_P384 -> alg.equals("ES384");
      case SM2 -> !alg.startsWith("ES") && !alg.startsWith("RS") && !alg.startsWith("PS")
          && !alg.startsWith("HS") && !alg.equalsIgnoreCase("none");
    };
  }

  private static PublicKey rsa(Map<?, ?> m) throws KeyRefused {
    BigInteger n = new BigInteger(1, bytes(m, "n"));
    BigInteger e = new BigInteger(1, bytes(m, "e"));
    if (n.bitLength() < 2048) {
      throw new KeyRefused(Reason.ALGORITHM_NOT_ALLOWED, "RSA key of " + n.bitLength()
          + " bits; at least 2048 are required");
    }
    if (e.compareTo(BigInteger.valueOf(3)) < 0 || !e.testBit(0) || e.bitLength() > 256) {
      throw new KeyRefused(Reason.FORMAT_FAILURE, "RSA public exponent " + e);
    }
    if (rocaFingerprint(n)) {
      throw new KeyRefused(Reason.ALGORITHM_NOT_ALLOWED, "RSA key with the ROCA fingerprint "
          + "(CVE-2017-15361): its private key can be computed");
    }
    try {
      return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
    } catch (GeneralSecurityException ex) {
      throw new KeyRefused(Reason.FORMAT_FAILURE, "unusable RSA key");
    }
  }

  /**
   * ROCA keys have n mod p in the subgroup generated by 65537 for every small prime p; a random
   * modulus does for all 38 of them with negligible probability.
   */
  private static boolean rocaFingerprint(BigInteger n) {
    for (int p : ROCA_PRIMES) {
      int r = n.mod(BigInteger.valueOf(p)).intValue();
      int g = 65537 % p;
      boolean inSubgroup = false;
      int x = 1;
      for (int i = 0; i < p; i++) {
        if (x == r) {
          inSubgroup = true;
          break;
        }
        x = x * g % p;
      }
      if (!inSubgroup) {
        return false;
      }
    }
    return true;
  }

  private static Key ec(Map<?, ?> m, Optional<String> kid, Optional<String> alg)
      throws KeyRefused {
    String crv = string(m, "crv").orElseThrow(() -> new KeyRefused(Reason.FORMAT_FAILURE,
        "no crv"));
    KeyType type = switch (crv) {
      case "P-256" -> KeyType.EC_P256;
      case "P-384" -> KeyType.EC_P384;
      case "SM2" -> KeyType.SM2;
      default -> throw new KeyRefused(Reason.ALGORITHM_NOT_ALLOWED, "curve " + crv);
    };
    ECDomainParameters domain = EcCurves.domain(type);
    int size = (domain.getCurve().getFieldSize() + 7) / 8;
    byte[] x = bytes(m, "x");
    byte[] y = bytes(m, "y");
    if (x.length != size || y.length != size) {
      throw new KeyRefused(Reason.FORMAT_FAILURE, crv + " coordinates must be " + size
          + " bytes");
    }
    try {
      org.bouncycastle.math.ec.ECPoint q = EcCurves.validPoint(domain,
          new java.security.spec.ECPoint(new BigInteger(1, x), new BigInteger(1, y)));
      PublicKey key = KeyFactory.getInstance("EC", Bc.PROVIDER).generatePublic(
          new ECPublicKeySpec(q, ECNamedCurveTable.getParameterSpec(type.curveName())));
      return new Key(kid, alg, type, key);
    } catch (IllegalArgumentException | GeneralSecurityException e) {
      throw new KeyRefused(Reason.FORMAT_FAILURE, "the point is not on " + crv);
    }
  }

  private static byte[] bytes(Map<?, ?> m, String name) throws KeyRefused {
    String s = string(m, name).orElseThrow(() -> new KeyRefused(Reason.FORMAT_FAILURE,
        "no " + name));
    return Base64Url.decode(s).orElseThrow(() -> new KeyRefused(Reason.FORMAT_FAILURE,
        name + " is not canonical base64url"));
  }

  private static Optional<String> string(Map<?, ?> m, String name) {
    return m.get(name) instanceof String s ? Optional.of(s) : Optional.empty();
  }
}
