package org.tongban.pki;

import java.math.BigInteger;
import java.net.URI;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.tongban.Beta;
import org.tongban.crypto.KeyType;
import org.tongban.crypto.SigningKey;
import org.tongban.keys.KeyPairs;
import org.tongban.keys.SigningKeys;

/**
 * A throw-away three-level PKI for demos and tests: a root CA, an intermediate CA and any
 * number of leaves, for SM2, RSA or ECDSA, with CRLs. Not a certification authority: keys live
 * in memory and nothing is persisted.
 *
 * <p>Leaves carry a CRL distribution point {@code <crlBase>/intermediate.crl}; the intermediate
 * carries {@code <crlBase>/root.crl}, when a CRL base URI is given.
 *
 * <p>Thread-safe.
 *
 * @since 0.1
 */
@Beta
public final class DemoPki {
  private final KeyType keyType;
  private final Clock clock;
  private final Optional<URI> crlBase;
  private final Issued root;
  private final Issued intermediate;
  private final Map<BigInteger, Instant> revokedLeaves = new ConcurrentHashMap<>();

  /**
   * A key and its certificate chain, leaf first. The private key is exposed because demos and
   * tests write it to PEM files; a real CA would never hand it out.
   *
   * @param signingKey the key, with the chain attached
   * @param privateKey the private key
   * @param chain the chain, leaf first, root last
   */
  public record Issued(SigningKey signingKey, PrivateKey privateKey,
      List<X509Certificate> chain) {
    /**
     * Copies the chain.
     *
     * @param signingKey the key
     * @param privateKey the private key
     * @param chain the chain
     */
    public Issued {
      Objects.requireNonNull(signingKey, "signingKey");
      Objects.requireNonNull(privateKey, "privateKey");
      chain = List.copyOf(chain);
    }

    @Override
    public String toString() {
      return "Issued{" + chain.get(0).getSubjectX500Principal().getName() + "}";
    }

    /**
     * Returns the end certificate.
     *
     * @return the certificate
     */
    public X509Certificate certificate() {
      return chain.get(0);
    }
  }

  private DemoPki(KeyType keyType, String name, Clock clock, Optional<URI> crlBase) {
    this.keyType = keyType;
    this.clock = clock;
    this.crlBase = crlBase;
    Instant now = clock.instant();
    KeyPair rootPair = KeyPairs.generate(keyType);
    SigningKey rootKey = SigningKeys.of(rootPair.getPrivate(), List.of());
    X509Certificate rootCert = CertificateBuilder.forSubject(rootPair.getPublic(),
            "CN=" + name + " Root CA,O=Tongban Demo,C=CN")
        .selfSigned(rootKey).ca(1)
        .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650))).build();
    this.root = new Issued(SigningKeys.of(rootPair.getPrivate(), List.of(rootCert)),
        rootPair.getPrivate(), List.of(rootCert));

    KeyPair interPair = KeyPairs.generate(keyType);
    CertificateBuilder ib = CertificateBuilder.forSubject(interPair.getPublic(),
            "CN=" + name + " Issuing CA,O=Tongban Demo,C=CN")
        .issuer(rootCert, root.signingKey()).ca(0)
        .validity(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1825)));
    crlBase.ifPresent(b -> ib.crlDistributionPoint(b.resolve("root.crl")));
    X509Certificate interCert = ib.build();
    this.intermediate = new Issued(
        SigningKeys.of(interPair.getPrivate(), List.of(interCert, rootCert)),
        interPair.getPrivate(), List.of(interCert, rootCert));
  }

  /**
   * Creates a PKI whose leaves name no CRL distribution point.
   *
   * @param keyType the key type of every key
   * @param name a short name used in the CA names
   * @return the PKI
   */
  public static DemoPki create(KeyType keyType, String name) {
    return new DemoPki(keyType, name, Clock.systemUTC(), Optional.empty());
  }

  /**
   * Creates a PKI whose leaves name no CRL distribution point, on a given clock.
   *
   * @param keyType the key type of every key
   * @param name a short name used in the CA names
   * @param clock the clock for validity periods
   * @return the PKI
   */
  public static DemoPki create(KeyType keyType, String name, Clock clock) {
    return new DemoPki(Objects.requireNonNull(keyType, "keyType"),
        Objects.requireNonNull(name, "name"), Objects.requireNonNull(clock, "clock"),
        Optional.empty());
  }

  /**
   * Creates a PKI whose leaves name a CRL distribution point.
   *
   * @param keyType the key type of every key
   * @param name a short name used in the CA names
   * @param clock the clock for validity periods
   * @param crlBase base URI of the CRLs (ending in '/')
   * @return the PKI
   */
  public static DemoPki create(KeyType keyType, String name, Clock clock, URI crlBase) {
    return new DemoPki(Objects.requireNonNull(keyType, "keyType"),
        Objects.requireNonNull(name, "name"), Objects.requireNonNull(clock, "clock"),
        Optional.of(crlBase));
  }

  /**
   * Returns the root CA.
   *
   * @return the root
   */
  public Issued root() {
    return root;
  }

  /**
   * Returns the intermediate (issuing) CA.
   *
   * @return the intermediate
   */
  public Issued intermediate() {
    return intermediate;
  }

  /**
   * Returns trust anchors holding the root.
   *
   * @return the anchors
   */
  public TrustAnchors trustAnchors() {
    return TrustAnchors.of(root.certificate());
  }

  /**
   * Returns a trust policy with the root as anchor and the issuing CA as intermediate, no
   * revocation, the system clock.
   *
   * @return the policy
   */
  public TrustPolicy trustPolicy() {
    return TrustPolicy.builder(trustAnchors())
        .intermediates(List.of(intermediate.certificate())).build();
  }

  /**
   * Issues a leaf valid from a day ago for a year, with digitalSignature and nonRepudiation.
   *
   * @param subjectDn the subject DN
   * @return the leaf key and chain
   */
  public Issued issueLeaf(String subjectDn) {
    Instant now = clock.instant();
    return issueLeaf(subjectDn, Set.of(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.NON_REPUDIATION),
        now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)));
  }

  /**
   * Issues a leaf.
   *
   * @param subjectDn the subject DN
   * @param keyUsage the key usages
   * @param notBefore start of validity
   * @param notAfter end of validity
   * @return the leaf key and chain
   */
  public Issued issueLeaf(String subjectDn, Set<KeyUsage> keyUsage, Instant notBefore,
      Instant notAfter) {
    KeyPair pair = KeyPairs.generate(keyType);
    CertificateBuilder b = CertificateBuilder.forSubject(pair.getPublic(), subjectDn)
        .issuer(intermediate.certificate(), intermediate.signingKey())
        .keyUsage(keyUsage).validity(notBefore, notAfter);
    crlBase.ifPresent(u -> b.crlDistributionPoint(u.resolve("intermediate.crl")));
    X509Certificate cert = b.build();
    List<X509Certificate> chain = List.of(cert, intermediate.certificate(), root.certificate());
    return new Issued(SigningKeys.of(pair.getPrivate(), chain), pair.getPrivate(), chain);
  }

  /**
   * Marks a leaf as revoked in the intermediate's future CRLs.
   *
   * @param leaf the leaf certificate
   * @param at the revocation time
   */
  public void revoke(X509Certificate leaf, Instant at) {
    revokedLeaves.put(leaf.getSerialNumber(), at);
  }

  /**
   * Issues the intermediate's current CRL (thisUpdate now − 1 min, nextUpdate now + 7 days).
   *
   * @return the CRL
   */
  public X509CRL intermediateCrl() {
    Instant now = clock.instant();
    CrlBuilder b = CrlBuilder.forIssuer(intermediate.certificate(), intermediate.signingKey())
        .updates(now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofDays(7)));
    revokedLeaves.forEach(b::revoke);
    return b.build();
  }

  /**
   * Issues the root's current CRL, which revokes nothing.
   *
   * @return the CRL
   */
  public X509CRL rootCrl() {
    Instant now = clock.instant();
    return CrlBuilder.forIssuer(root.certificate(), root.signingKey())
        .updates(now.minus(Duration.ofMinutes(1)), now.plus(Duration.ofDays(7))).build();
  }
}
