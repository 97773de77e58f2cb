package org.tongban.license;

import com.upokecenter.cbor.CBORObject;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Objects;
import org.tongban.KeyAccessException;
import org.tongban.SigningException;
import org.tongban.UnsupportedAlgorithmException;
import org.tongban.crypto.SignatureAlgorithm;
import org.tongban.crypto.SignatureParameters;
import org.tongban.crypto.SigningKey;
import org.tongban.crypto.VerificationKey;
import org.tongban.license.internal.CompactLicense;
import org.tongban.license.internal.IssuerKeys;
import org.tongban.license.internal.CoseSign1;
import org.tongban.license.qr.QrCodec;

/**
 * Issues signed licences as QR text, the HCERT way: CWT claims (RFC 8392) → {@code COSE_Sign1}
 * (RFC 9052) → zlib → Base45 → prefix {@code ZZ1:}. Three steps so that any
 * {@link SigningKey} (HSM, UKey, remote) can sign: {@link #prepare} → sign
 * {@link PreparedLicense#toBeSigned()} → {@link #complete}; {@link #issue} does all three.
 *
 * <h2>What is signed</h2>
 *
 * The CBOR {@code Sig_structure ["Signature1", protected, h'', payload]} where protected =
 * {@code {1: alg, 4: kid}} (kid = the first 8 bytes of SHA-256 of the issuer certificate's DER)
 * and payload = the CWT claims {@code {1: iss (issuer credit code), 6: iat, 4: exp (end of the
 * last valid day, Asia/Shanghai; absent for a licence without end), -260: {2: licence}}} with
 * the licence's GB/T 36903 fields under integer keys, each in its shortest lossless form (dates
 * as day numbers; ZZBS as [type code, serial, version], its issuer code being iss; ZZLXDM and
 * ZZBFJGDM, which are parts of ZZBS, left out — the table is in {@code CompactLicense} and the
 * README), and, with a {@link StatusReference}, 65535: {"status_list": {"idx", "uri"}}.
 * Algorithms: SM2 with SM3 (COSE −48, r‖s, default distinguishing ID), ES256 (−7), PS256
 * (−37).
 *
 * <p>Refuses: an issuer key without certificate, of another algorithm, or whose certificate's
 * key usage allows no signing; a signature value that does not verify with the issuer
 * certificate. The licence itself was validated when it was built.
 *
 * <p>Immutable and thread-safe; build once and share.
 *
 * @since 0.1
 */
public final class LicenseIssuer {
  /** The private CWT claim holding the licence (as HCERT's −260). */
  public static final int LICENSE_CLAIM = -260;
  /** The private CWT claim of an online reference token holding the licence identifier. */
  public static final int REFERENCE_CLAIM = -261;
  /** The CWT status claim (IETF Token Status List). */
  public static final int STATUS_CLAIM = 65535;
  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  private final SigningKey key;
  private final X509Certificate cert;
  private final int coseAlg;
  private final byte[] kid;
  private final String prefix;
  private final Clock clock;

  private LicenseIssuer(Builder b) {
    this.key = b.key;
    this.cert = b.key.certificateChain().get(0);
    this.coseAlg = CoseSign1.coseAlg(b.key.algorithm()).orElseThrow();
    this.kid = kid(cert);
    this.prefix = b.prefix;
    this.clock = b.clock;
  }

  /**
   * Returns the HCERT-style key id of a certificate: the first 8 bytes of SHA-256 of its DER.
   *
   * @param cert the certificate
   * @return 8 bytes
   */
  public static byte[] kid(X509Certificate cert) {
    return IssuerKeys.kid(cert);
  }

  /**
   * Starts a builder. Not thread-safe.
   *
   * @param issuerKey the issuer's key, with its certificate
   * @return a builder
   */
  public static Builder builder(SigningKey issuerKey) {
    return new Builder(issuerKey);
  }

  /**
   * Step 1: builds the claims and the bytes to sign.
   *
   * @param license the licence
   * @return the prepared licence
   */
  public PreparedLicense prepare(License license) {
    return prepareClaims(license, java.util.Optional.empty());
  }

  /**
   * Step 1 for a licence whose status is published in a status list.
   *
   * @param license the licence
   * @param status where its status is published
   * @return the prepared licence
   */
  public PreparedLicense prepare(License license, StatusReference status) {
    return prepareClaims(license, java.util.Optional.of(status));
  }

  private PreparedLicense prepareClaims(License license,
      java.util.Optional<StatusReference> status) {
    Objects.requireNonNull(license, "license");
    CBORObject claims = CBORObject.NewOrderedMap();
    claims.Add(CBORObject.FromObject(1), CBORObject.FromObject(license.issuingAuthorityCode()));
    claims.Add(CBORObject.FromObject(6), CBORObject.FromObject(clock.instant().getEpochSecond()));
    license.validUntil().ifPresent(d -> claims.Add(CBORObject.FromObject(4),
        CBORObject.FromObject(d.plusDays(1).atStartOfDay(CHINA).toEpochSecond())));
    CBORObject inner = CBORObject.NewOrderedMap();
    inner.Add(CBORObject.FromObject(CompactLicense.INTEGER_KEYS),
        CompactLicense.encode(license));
    claims.Add(CBORObject.FromObject(LICENSE_CLAIM), inner);
    status.ifPresent(ref -> {
      CBORObject sl = CBORObject.NewOrderedMap();
      sl.Add(CBORObject.FromObject("idx"), CBORObject.FromObject(ref.index()));
      sl.Add(CBORObject.FromObject("uri"), CBORObject.FromObject(ref.uri().toString()));
      CBORObject st = CBORObject.NewOrderedMap();
      st.Add(CBORObject.FromObject("status_list"), sl);
      claims.Add(CBORObject.FromObject(STATUS_CLAIM), st);
    });
    byte[] payload = claims.EncodeToBytes();
    byte[] prot = CoseSign1.protectedHeader(coseAlg, kid);
    return new PreparedLicense(license, prot, payload, CoseSign1.toBeSigned(prot, payload));
  }

  /**
   * Step 3: assembles the licence after checking the signature verifies with the issuer's
   * certificate.
   *
   * @param prepared step 1's output
   * @param signature the signature over {@link PreparedLicense#toBeSigned()} (r‖s for SM2 and
   *     ES256)
   * @return the issued licence
   */
  public IssuedLicense complete(PreparedLicense prepared, byte[] signature) {
    Objects.requireNonNull(prepared, "prepared");
    Objects.requireNonNull(signature, "signature");
    VerificationKey vk = verificationKey(cert.getPublicKey(), key.algorithm());
    if (!vk.verifier().isValid(signature, prepared.tbs())) {
      throw new SigningException("the signature does not verify with the issuer certificate");
    }
    byte[] cose = CoseSign1.assemble(prepared.protectedHeader(), prepared.payload(), signature);
    return new IssuedLicense(prepared.license(), QrCodec.encode(prefix, cose));
  }

  /**
   * All three steps with the issuer's key.
   *
   * @param license the licence
   * @return the issued licence
   */
  public IssuedLicense issue(License license) {
    PreparedLicense p = prepare(license);
    return complete(p, IssuerKeys.signRaw(key, p.toBeSigned()));
  }

  /**
   * All three steps, for a licence whose status is published in a status list.
   *
   * @param license the licence
   * @param status where its status is published
   * @return the issued licence
   */
  public IssuedLicense issue(License license, StatusReference status) {
    PreparedLicense p = prepare(license, status);
    return complete(p, IssuerKeys.signRaw(key, p.toBeSigned()));
  }

  /**
   * Issues the online reference form: a short URL {@code <service>?zzbs=<identifier>&t=<token>}
   * where the token is a base64url COSE_Sign1 over {@code {1: iss, 6: iat, -261: identifier}}.
   * A verifier checks the token and fetches the licence and its state from the issuer's
   * service (see {@link OnlineLicenseVerifier}); the QR code stays small whatever the licence
   * holds.
   *
   * @param license the licence
   * @param service the issuer's licence service URL (https, or http on loopback for tests)
   * @return the issued licence, whose text is the URL
   */
  public IssuedLicense issueOnline(License license, java.net.URI service) {
    Objects.requireNonNull(license, "license");
    Objects.requireNonNull(service, "service");
    if (service.getQuery() != null || service.getFragment() != null) {
      throw new IllegalArgumentException("the service URL must have no query or fragment");
    }
    CBORObject claims = CBORObject.NewOrderedMap();
    claims.Add(CBORObject.FromObject(1), CBORObject.FromObject(license.issuingAuthorityCode()));
    claims.Add(CBORObject.FromObject(6), CBORObject.FromObject(clock.instant().getEpochSecond()));
    claims.Add(CBORObject.FromObject(REFERENCE_CLAIM),
        CBORObject.FromObject(license.identifier().toString()));
    byte[] payload = claims.EncodeToBytes();
    byte[] prot = CoseSign1.protectedHeader(coseAlg, kid);
    byte[] cose = CoseSign1.assemble(prot, payload,
        IssuerKeys.signRaw(key, CoseSign1.toBeSigned(prot, payload)));
    String url = service + "?zzbs=" + license.identifier() + "&t="
        + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(cose);
    return new IssuedLicense(license, url);
  }

  /**
   * Returns the verification key COSE uses for an algorithm: r‖s for EC and SM2 (default ID),
   * PSS salt 32 for RSA.
   *
   * @param publicKey the key
   * @param alg the algorithm
   * @return the key
   */
  static VerificationKey verificationKey(java.security.PublicKey publicKey,
      SignatureAlgorithm alg) {
    return IssuerKeys.verificationKey(publicKey, alg);
  }

  /** Builds a {@link LicenseIssuer}. Not thread-safe. */
  public static final class Builder {
    private final SigningKey key;
    private String prefix = QrCodec.TONGBAN_PREFIX;
    private Clock clock = Clock.systemUTC();

    private Builder(SigningKey key) {
      this.key = Objects.requireNonNull(key, "key");
    }

    /**
     * Sets the QR prefix; {@code ZZ1:} by default.
     *
     * @param prefix the prefix
     * @return this builder
     */
    public Builder prefix(String prefix) {
      this.prefix = Objects.requireNonNull(prefix, "prefix");
      return this;
    }

    /**
     * Sets the clock for {@code iat}.
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
     * @throws KeyAccessException if the key has no certificate or may not sign
     * @throws UnsupportedAlgorithmException for algorithms other than SM2_SM3, ES256, PS256
     */
    public LicenseIssuer build() {
      if (key.certificateChain().isEmpty()) {
        throw new KeyAccessException("the issuer key needs its certificate");
      }
      if (CoseSign1.coseAlg(key.algorithm()).isEmpty()) {
        throw new UnsupportedAlgorithmException("licences are signed with SM2_SM3, "
            + "ECDSA_P256_SHA256 or RSA_PSS_SHA256, not " + key.algorithm());
      }
      if (key.algorithm() == SignatureAlgorithm.SM2_SM3 && !Arrays.equals(
          key.parameters().distinguishingId(), SignatureParameters.DEFAULT_DISTINGUISHING_ID
              .getBytes(java.nio.charset.StandardCharsets.US_ASCII))) {
        throw new IllegalArgumentException("COSE SM2 uses the default distinguishing ID");
      }
      boolean[] ku = key.certificateChain().get(0).getKeyUsage();
      if (ku != null && !(ku[0] || ku[1])) {
        throw new KeyAccessException("the issuer certificate may not sign");
      }
      QrCodec.checkPrefix(prefix);
      return new LicenseIssuer(this);
    }
  }
}
