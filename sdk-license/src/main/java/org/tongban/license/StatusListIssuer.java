package org.tongban.license;

import com.upokecenter.cbor.CBORObject;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.tongban.KeyAccessException;
import org.tongban.crypto.SigningKey;
import org.tongban.license.internal.Cbor;
import org.tongban.license.internal.CoseSign1;
import org.tongban.license.internal.IssuerKeys;
import org.tongban.license.internal.Zlib;

/**
 * Issues signed status lists (IETF Token Status List, CWT form): a zlib-compressed bit string,
 * 2 bits per licence — 0 valid, 1 invalid (withdrawn, cancelled, expired, revoked), 2 suspended
 * — so that a verifier learns a licence's status without telling the issuer which licence it
 * looks at.
 *
 * <h2>What is signed</h2>
 *
 * A COSE_Sign1 over the CWT claims {@code {2: sub (the list URI), 6: iat, 4: exp (iat + ttl),
 * 65534: ttl seconds, 65533: {"bits": 2, "lst": zlib(bit string)}}}, protected header
 * {@code {1: alg, 4: kid, 16: "application/statuslist+cwt"}}; index i occupies bits
 * {@code 2i..2i+1} counting from the least significant bit of byte 0.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class StatusListIssuer {
  /** Bits per status. */
  public static final int BITS = 2;
  private static final int LIST_CLAIM = 65533;
  private static final int TTL_CLAIM = 65534;

  private final SigningKey key;
  private final int coseAlg;
  private final byte[] kid;
  private final Clock clock;

  private StatusListIssuer(SigningKey key, Clock clock) {
    this.key = key;
    this.coseAlg = CoseSign1.coseAlg(key.algorithm()).orElseThrow(
        () -> new KeyAccessException("status lists are signed with SM2_SM3, ES256 or PS256"));
    if (key.certificateChain().isEmpty()) {
      throw new KeyAccessException("the status list key needs its certificate");
    }
    this.kid = IssuerKeys.kid(key.certificateChain().get(0));
    this.clock = clock;
  }

  /**
   * Starts a builder. Not thread-safe.
   *
   * @param key the issuer's key, with its certificate
   * @return a builder
   */
  public static Builder builder(SigningKey key) {
    return new Builder(key);
  }

  /** Builds a {@link StatusListIssuer}. Not thread-safe. */
  public static final class Builder {
    private final SigningKey key;
    private Clock clock = Clock.systemUTC();

    private Builder(SigningKey key) {
      this.key = Objects.requireNonNull(key, "key");
    }

    /**
     * Sets the clock for {@code iat} (default: the system clock, UTC).
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the issuer.
     *
     * @return the issuer
     * @throws KeyAccessException if the key has no certificate
     */
    public StatusListIssuer build() {
      return new StatusListIssuer(key, clock);
    }
  }

  /**
   * Returns the 2-bit status value of a licence state.
   *
   * @param state the state
   * @return 0 valid, 2 suspended, 1 otherwise
   */
  public static int statusValue(LicenseState state) {
    switch (state) {
      case VALID:
        return 0;
      case SUSPENDED:
        return 2;
      default:
        return 1;
    }
  }

  /**
   * Issues a status list; indices not in {@code states} are valid.
   *
   * @param uri the URI the list is published at
   * @param size the number of entries, 1 to 2^24
   * @param states the states of listed licences by index
   * @param ttl how long verifiers may cache the list, 1 minute to 7 days
   * @return the signed status list token (COSE_Sign1 bytes)
   */
  public byte[] issue(URI uri, int size, Map<Integer, LicenseState> states, Duration ttl) {
    Objects.requireNonNull(uri, "uri");
    if (size < 1 || size > 1 << 24) {
      throw new IllegalArgumentException("size out of range");
    }
    if (ttl.compareTo(Duration.ofMinutes(1)) < 0 || ttl.compareTo(Duration.ofDays(7)) > 0) {
      throw new IllegalArgumentException("ttl must be 1 minute to 7 days");
    }
    byte[] bits = new byte[(size * BITS + 7) / 8];
    for (Map.Entry<Integer, LicenseState> e : states.entrySet()) {
      int i = e.getKey();
      if (i < 0 || i >= size) {
        throw new IllegalArgumentException("index " + i + " outside the list");
      }
      int v = statusValue(e.getValue());
      bits[i * BITS / 8] |= (byte) (v << ((i * BITS) % 8));
    }
    Instant now = clock.instant();
    CBORObject list = CBORObject.NewOrderedMap();
    list.Add(CBORObject.FromObject("bits"), CBORObject.FromObject(BITS));
    list.Add(CBORObject.FromObject("lst"), CBORObject.FromObject(Zlib.compress(bits)));
    CBORObject claims = CBORObject.NewOrderedMap();
    claims.Add(CBORObject.FromObject(2), CBORObject.FromObject(uri.toString()));
    claims.Add(CBORObject.FromObject(6), CBORObject.FromObject(now.getEpochSecond()));
    claims.Add(CBORObject.FromObject(4), CBORObject.FromObject(now.plus(ttl).getEpochSecond()));
    claims.Add(CBORObject.FromObject(TTL_CLAIM), CBORObject.FromObject(ttl.getSeconds()));
    claims.Add(CBORObject.FromObject(LIST_CLAIM), list);
    CBORObject h = CBORObject.NewMap();
    h.Add(CBORObject.FromObject(1), CBORObject.FromObject(coseAlg));
    h.Add(CBORObject.FromObject(4), CBORObject.FromObject(kid));
    h.Add(CBORObject.FromObject(16), CBORObject.FromObject("application/statuslist+cwt"));
    byte[] prot = h.EncodeToBytes(Cbor.CANONICAL);
    byte[] payload = claims.EncodeToBytes();
    byte[] sig = IssuerKeys.signRaw(key, CoseSign1.toBeSigned(prot, payload));
    return CoseSign1.assemble(prot, payload, sig);
  }
}
