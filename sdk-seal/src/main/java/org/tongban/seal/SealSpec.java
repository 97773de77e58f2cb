package org.tongban.seal;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.tongban.seal.ses.SealPicture;

/**
 * What a new seal should say: name, type, identifier, picture, validity window and the
 * certificates of the people or systems allowed to use it (签章人).
 *
 * <p>Immutable and thread-safe. Built with {@link #builder()}, which refuses an inverted
 * validity window, an empty holder list and a picture whose bytes are not its declared type.
 *
 * @since 0.1
 */
public final class SealSpec {
  private final String name;
  private final SealType type;
  private final String esId;
  private final SealPicture picture;
  private final Instant validStart;
  private final Instant validEnd;
  private final List<X509Certificate> holders;
  private final boolean listDigests;

  private SealSpec(Builder b) {
    this.name = b.name;
    this.type = b.type;
    this.esId = b.esId;
    this.picture = b.picture;
    this.validStart = b.validStart;
    this.validEnd = b.validEnd;
    this.holders = List.copyOf(b.holders);
    this.listDigests = b.listDigests;
  }

  /**
   * Starts a builder. Not thread-safe.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the seal name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the type.
   *
   * @return the type
   */
  public SealType type() {
    return type;
  }

  /**
   * Returns the seal identifier.
   *
   * @return the esID
   */
  public String esId() {
    return esId;
  }

  /**
   * Returns the picture.
   *
   * @return the picture
   */
  public SealPicture picture() {
    return picture;
  }

  /**
   * Returns the start of validity.
   *
   * @return the start
   */
  public Instant validStart() {
    return validStart;
  }

  /**
   * Returns the end of validity.
   *
   * @return the end
   */
  public Instant validEnd() {
    return validEnd;
  }

  /**
   * Returns the holder certificates.
   *
   * @return the certificates, not empty
   */
  public List<X509Certificate> holders() {
    return holders;
  }

  /**
   * Returns whether holders are listed by certificate digest (v4 {@code certListType} 2)
   * rather than by certificate.
   *
   * @return true for digests
   */
  public boolean listDigests() {
    return listDigests;
  }

  /** Builds a {@link SealSpec}. Not thread-safe. */
  public static final class Builder {
    private static final SecureRandom RANDOM = new SecureRandom();
    private String name;
    private SealType type = SealType.ORGANIZATION;
    private String esId;
    private SealPicture picture;
    private Instant validStart;
    private Instant validEnd;
    private List<X509Certificate> holders = List.of();
    private boolean listDigests;

    private Builder() {}

    /**
     * Sets the seal name (印章名称), e.g. {@code 某某市市场监督管理局}.
     *
     * @param name 1 to 256 characters
     * @return this builder
     */
    public Builder name(String name) {
      Objects.requireNonNull(name, "name");
      if (name.isBlank() || name.length() > 256) {
        throw new IllegalArgumentException("seal name must have 1-256 characters");
      }
      this.name = name;
      return this;
    }

    /**
     * Sets the type; organisation by default.
     *
     * @param type the type
     * @return this builder
     */
    public Builder type(SealType type) {
      this.type = Objects.requireNonNull(type, "type");
      return this;
    }

    /**
     * Sets the seal identifier (esID); a random 32-hex-digit identifier by default.
     *
     * @param esId 1 to 64 printable ASCII characters
     * @return this builder
     */
    public Builder esId(String esId) {
      Objects.requireNonNull(esId, "esId");
      if (!esId.matches("[\\x21-\\x7e]{1,64}")) {
        throw new IllegalArgumentException("esID must be 1-64 printable ASCII characters");
      }
      this.esId = esId;
      return this;
    }

    /**
     * Sets the picture; its bytes must really be of its declared type (PNG, JPG, GIF, OFD).
     *
     * @param picture the picture
     * @return this builder
     */
    public Builder picture(SealPicture picture) {
      Objects.requireNonNull(picture, "picture");
      if (!picture.contentMatchesType()) {
        throw new IllegalArgumentException("the picture bytes are not " + picture.type());
      }
      this.picture = picture;
      return this;
    }

    /**
     * Sets the validity window.
     *
     * @param start the start
     * @param end the end, after the start
     * @return this builder
     */
    public Builder validity(Instant start, Instant end) {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(end, "end");
      if (!end.isAfter(start)) {
        throw new IllegalArgumentException("inverted validity window: " + start + " to " + end);
      }
      this.validStart = start;
      this.validEnd = end;
      return this;
    }

    /**
     * Sets the certificates allowed to sign with the seal.
     *
     * @param certificates at least one
     * @return this builder
     */
    public Builder holders(List<X509Certificate> certificates) {
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException("a seal needs at least one holder certificate");
      }
      this.holders = List.copyOf(certificates);
      return this;
    }

    /**
     * Lists the holders by certificate digest (v4 only) instead of by certificate.
     *
     * @return this builder
     */
    public Builder listHolderDigests() {
      this.listDigests = true;
      return this;
    }

    /**
     * Builds the spec.
     *
     * @return the spec
     * @throws IllegalStateException if name, picture, validity or holders are missing
     */
    public SealSpec build() {
      if (name == null || picture == null || validStart == null || holders.isEmpty()) {
        throw new IllegalStateException("name, picture, validity and holders are required");
      }
      if (esId == null) {
        byte[] r = new byte[16];
        RANDOM.nextBytes(r);
        esId = HexFormat.of().formatHex(r);
      }
      return new SealSpec(this);
    }
  }
}
