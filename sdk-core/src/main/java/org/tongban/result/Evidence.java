package org.tongban.result;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Facts a verifier observed about its input, independent of policy: the algorithm named, the key
 * id, the certificates presented, the claimed signing time, what bytes a signature covers.
 *
 * <p><b>Unless the result's indication is {@link Indication#PASSED}, these are unverified
 * claims of the input</b>, useful for diagnosis and never for decisions.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class Evidence {
  private static final Evidence EMPTY = new Builder().build();

  private final Optional<String> algorithm;
  private final Optional<String> keyId;
  private final List<X509Certificate> certificates;
  private final Optional<Instant> claimedSigningTime;
  private final Optional<String> coveredBytes;
  private final Map<String, String> facts;

  private Evidence(Builder b) {
    this.algorithm = Optional.ofNullable(b.algorithm);
    this.keyId = Optional.ofNullable(b.keyId);
    this.certificates = List.copyOf(b.certificates);
    this.claimedSigningTime = Optional.ofNullable(b.claimedSigningTime);
    this.coveredBytes = Optional.ofNullable(b.coveredBytes);
    this.facts = Map.copyOf(b.facts);
  }

  /**
   * Returns evidence with nothing in it.
   *
   * @return the empty evidence
   */
  public static Evidence empty() {
    return EMPTY;
  }

  /**
   * Returns a new builder. Not thread-safe.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder holding this evidence, to add to it. Not thread-safe.
   *
   * @return a builder
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.algorithm = algorithm.orElse(null);
    b.keyId = keyId.orElse(null);
    b.certificates.addAll(certificates);
    b.claimedSigningTime = claimedSigningTime.orElse(null);
    b.coveredBytes = coveredBytes.orElse(null);
    b.facts.putAll(facts);
    return b;
  }

  /**
   * Returns the signature algorithm the input named, or the key's algorithm.
   *
   * @return the algorithm name
   */
  public Optional<String> algorithm() {
    return algorithm;
  }

  /**
   * Returns the key id the input named.
   *
   * @return the key id
   */
  public Optional<String> keyId() {
    return keyId;
  }

  /**
   * Returns the certificates presented or used, leaf first.
   *
   * @return the certificates, possibly empty
   */
  public List<X509Certificate> certificates() {
    return certificates;
  }

  /**
   * Returns the signing time the input claims.
   *
   * @return the claimed time
   */
  public Optional<Instant> claimedSigningTime() {
    return claimedSigningTime;
  }

  /**
   * Returns a description of exactly which bytes a signature covers.
   *
   * @return the description
   */
  public Optional<String> coveredBytes() {
    return coveredBytes;
  }

  /**
   * Returns further named facts, for example a seal's name or a licence's identifier.
   *
   * @return the facts, possibly empty
   */
  public Map<String, String> facts() {
    return facts;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Evidence{");
    algorithm.ifPresent(a -> sb.append("algorithm=").append(a).append(", "));
    keyId.ifPresent(k -> sb.append("keyId=").append(k).append(", "));
    sb.append("certificates=").append(certificates.size());
    claimedSigningTime.ifPresent(t -> sb.append(", claimedSigningTime=").append(t));
    coveredBytes.ifPresent(c -> sb.append(", coveredBytes=").append(c));
    if (!facts.isEmpty()) {
      sb.append(", facts=").append(new java.util.TreeMap<>(facts));
    }
    return sb.append('}').toString();
  }

  /** Builds {@link Evidence}. Not thread-safe. */
  public static final class Builder {
    private String algorithm;
    private String keyId;
    private final List<X509Certificate> certificates = new ArrayList<>();
    private Instant claimedSigningTime;
    private String coveredBytes;
    private final Map<String, String> facts = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sets the algorithm.
     *
     * @param algorithm the name
     * @return this builder
     */
    public Builder algorithm(String algorithm) {
      this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
      return this;
    }

    /**
     * Sets the key id.
     *
     * @param keyId the key id
     * @return this builder
     */
    public Builder keyId(String keyId) {
      this.keyId = Objects.requireNonNull(keyId, "keyId");
      return this;
    }

    /**
     * Sets the certificates, leaf first.
     *
     * @param certificates the certificates
     * @return this builder
     */
    public Builder certificates(List<X509Certificate> certificates) {
      this.certificates.clear();
      this.certificates.addAll(List.copyOf(certificates));
      return this;
    }

    /**
     * Sets the claimed signing time.
     *
     * @param time the time
     * @return this builder
     */
    public Builder claimedSigningTime(Instant time) {
      this.claimedSigningTime = Objects.requireNonNull(time, "time");
      return this;
    }

    /**
     * Sets the description of the covered bytes.
     *
     * @param description the description
     * @return this builder
     */
    public Builder coveredBytes(String description) {
      this.coveredBytes = Objects.requireNonNull(description, "description");
      return this;
    }

    /**
     * Adds a named fact.
     *
     * @param name the name
     * @param value the value, with no secrets and no unmasked personal data
     * @return this builder
     */
    public Builder fact(String name, String value) {
      facts.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Builds the evidence.
     *
     * @return the evidence
     */
    public Evidence build() {
      return new Evidence(this);
    }
  }
}
