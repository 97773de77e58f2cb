package org.tongban.seal;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.tongban.KeyAccessException;
import org.tongban.SigningException;
import org.tongban.crypto.DigestAlgorithm;
import org.tongban.crypto.SignatureAlgorithm;
import org.tongban.crypto.SigningKey;
import org.tongban.seal.internal.SealAlgorithms;
import org.tongban.seal.internal.SesEncoder;
import org.tongban.seal.ses.CertDigest;
import org.tongban.seal.ses.SesSeal;
import org.tongban.seal.ses.SesVersion;

/**
 * Makes electronic seals (电子印章) on behalf of the seal-making authority (制章人): encodes a
 * {@link SealSpec} as {@code SES_SealInfo} and signs it with the maker's {@link SigningKey}
 * (in memory, HSM or UKey), whose certificate becomes the seal's maker certificate.
 *
 * <h2>What is signed</h2>
 *
 * v4 (default): the DER of {@code SES_SealInfo}; v1: the DER of {@code SEQUENCE { SES_SealInfo,
 * cert, signatureAlgorithm }} — see {@link SesSeal#makerSignedBytes()}. SM2 makers sign with
 * SM2/SM3 (OID 1.2.156.10197.1.501, DER, default distinguishing ID); RSA makers with
 * sha256WithRSAEncryption.
 *
 * <p>Refuses: a maker key without a certificate, or whose certificate's key usage allows
 * neither digitalSignature nor nonRepudiation ({@link KeyAccessException}); an ECDSA or PSS
 * maker key; a holder-digest list in a v1 seal; v1 dates outside 1950–2049 (UTCTime).
 *
 * <p>Immutable and thread-safe; build once and share.
 *
 * @since 0.1
 */
public final class SealMaker {
  private final SigningKey makerKey;
  private final X509Certificate makerCert;
  private final String vendorId;
  private final SesVersion version;
  private final Clock clock;

  private SealMaker(Builder b) {
    this.makerKey = b.makerKey;
    this.makerCert = b.makerKey.certificateChain().get(0);
    this.vendorId = b.vendorId;
    this.version = b.version;
    this.clock = b.clock;
  }

  /**
   * Starts a builder. Not thread-safe.
   *
   * @param makerKey the maker's key, with its certificate chain
   * @return a builder
   */
  public static Builder builder(SigningKey makerKey) {
    return new Builder(makerKey);
  }

  /**
   * Makes and signs a seal.
   *
   * @param spec what the seal says
   * @return the seal
   * @throws SigningException if signing fails
   */
  public SesSeal make(SealSpec spec) {
    Objects.requireNonNull(spec, "spec");
    Instant now = clock.instant();
    if (version == SesVersion.V1) {
      for (Instant t : List.of(now, spec.validStart(), spec.validEnd())) {
        int y = ZonedDateTime.ofInstant(t, ZoneOffset.UTC).getYear();
        if (y < 1950 || y > 2049) {
          throw new IllegalArgumentException("v1 seals use UTCTime: dates must be in 1950-2049");
        }
      }
      if (spec.listDigests()) {
        throw new IllegalArgumentException("v1 seals list certificates, not digests");
      }
    }
    SignatureAlgorithm alg = makerKey.algorithm();
    List<byte[]> certs = new ArrayList<>();
    List<CertDigest> digests = new ArrayList<>();
    try {
      for (X509Certificate c : spec.holders()) {
        if (spec.listDigests()) {
          DigestAlgorithm d = SealAlgorithms.digestFor(alg);
          digests.add(CertDigest.of(d == DigestAlgorithm.SM3 ? "SM3" : "SHA256",
              d.digest(c.getEncoded())));
        } else {
          certs.add(c.getEncoded());
        }
      }
      byte[] makerCertDer = makerCert.getEncoded();
      byte[] info = SesEncoder.sealInfo(new SesEncoder.SealInfo(version, vendorId, spec.esId(),
          spec.type().code(), spec.name(), certs, digests, now, spec.validStart(),
          spec.validEnd(), spec.picture()));
      byte[] tbs = SesEncoder.makerToBeSigned(version, info, makerCertDer, alg.oid());
      byte[] sig = SealAlgorithms.sign(makerKey, tbs);
      return SesSeal.parse(SesEncoder.seal(version, info, makerCertDer, alg.oid(), sig));
    } catch (CertificateEncodingException e) {
      throw new SigningException("cannot encode a certificate", e);
    }
  }

  /** Builds a {@link SealMaker}. Not thread-safe. */
  public static final class Builder {
    private final SigningKey makerKey;
    private String vendorId = "TONGBAN";
    private SesVersion version = SesVersion.V4;
    private Clock clock = Clock.systemUTC();

    private Builder(SigningKey makerKey) {
      this.makerKey = Objects.requireNonNull(makerKey, "makerKey");
    }

    /**
     * Sets the vendor id written in the header ({@code Vid}); {@code TONGBAN} by default.
     *
     * @param vendorId 1 to 64 printable ASCII characters
     * @return this builder
     */
    public Builder vendorId(String vendorId) {
      Objects.requireNonNull(vendorId, "vendorId");
      if (!vendorId.matches("[\\x20-\\x7e]{1,64}")) {
        throw new IllegalArgumentException("vendor id must be 1-64 printable ASCII characters");
      }
      this.vendorId = vendorId;
      return this;
    }

    /**
     * Sets the generation; V4 (GB/T 38540-2020) by default.
     *
     * @param version the generation
     * @return this builder
     */
    public Builder version(SesVersion version) {
      this.version = Objects.requireNonNull(version, "version");
      return this;
    }

    /**
     * Sets the clock for the creation date.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Builds the maker.
     *
     * @return the maker
     * @throws KeyAccessException if the key has no certificate or the certificate may not sign
     */
    public SealMaker build() {
      if (makerKey.certificateChain().isEmpty()) {
        throw new KeyAccessException("the maker key needs its certificate");
      }
      SealAlgorithms.forKeyType(makerKey.algorithm().keyType());
      if (makerKey.algorithm() != SignatureAlgorithm.SM2_SM3
          && makerKey.algorithm() != SignatureAlgorithm.RSA_PKCS1_SHA256) {
        throw new KeyAccessException("seal makers sign with SM2_SM3 or RSA_PKCS1_SHA256");
      }
      boolean[] ku = makerKey.certificateChain().get(0).getKeyUsage();
      if (ku != null && !(ku[0] || ku[1])) {
        throw new KeyAccessException(
            "the maker certificate's key usage allows neither digitalSignature nor "
                + "nonRepudiation");
      }
      return new SealMaker(this);
    }
  }
}
