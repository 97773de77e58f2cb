package org.tongban.io;

/**
 * Limits on everything Tongban parses from outside. Exceeding one gives
 * {@link org.tongban.result.Reason#SIZE_LIMIT_EXCEEDED}, never an {@code OutOfMemoryError}.
 *
 * <p>The constants are the defaults. Verifier builders that parse input take a
 * {@code limits(Limits)} so that a caller can lower a size (a service that only ever sees short
 * tokens, say) or raise it within a ceiling ({@link Builder} refuses anything above it). Nesting
 * depths and the certificate path length are not settable: they bound recursion and work, not
 * input size.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class Limits {
  /** Largest compact token (JWT/JWS): 16 KiB. */
  public static final int MAX_TOKEN_BYTES = 16 * 1024;
  /** Largest JWKS document: 50 KiB. */
  public static final int MAX_JWKS_BYTES = 50 * 1024;
  /** Largest QR text: 4 KiB. */
  public static final int MAX_QR_TEXT_BYTES = 4 * 1024;
  /** Largest decompressed licence payload: 64 KiB. */
  public static final int MAX_DECOMPRESSED_BYTES = 64 * 1024;
  /** Deepest ASN.1 nesting accepted in seals and CMS structures. */
  public static final int MAX_ASN1_DEPTH = 32;
  /** Largest ASN.1 structure (a seal with its picture): 8 MiB. */
  public static final int MAX_ASN1_BYTES = 8 * 1024 * 1024;
  /** Largest CRL fetched or read: 10 MiB. */
  public static final int MAX_CRL_BYTES = 10 * 1024 * 1024;
  /** Longest certificate path, anchor included. */
  public static final int MAX_CERT_PATH_LENGTH = 8;
  /** Largest PDF verified: 256 MiB. */
  public static final long MAX_PDF_BYTES = 256L * 1024 * 1024;
  /** Most incremental revisions in a PDF. */
  public static final int MAX_PDF_REVISIONS = 1000;
  /** Largest OFD package (the ZIP file) verified: 256 MiB. */
  public static final long MAX_OFD_BYTES = 256L * 1024 * 1024;
  /** Most entries in an OFD package. */
  public static final int MAX_OFD_ENTRIES = 10_000;
  /**
   * Most bytes inflated from one OFD package in one verification, all parts together: 1 GiB
   * (parts are digested as they inflate, not held).
   */
  public static final long MAX_OFD_INFLATED_BYTES = 1024L * 1024 * 1024;
  /**
   * Highest compression ratio of a package entry that inflates to more than 1 MiB; deflate
   * reaches about 1032 to 1 on crafted input, real documents rarely 20.
   */
  public static final int MAX_COMPRESSION_RATIO = 100;
  /** Largest XML part read (OFD.xml, Signatures.xml, Signature.xml, pages): 16 MiB. */
  public static final int MAX_XML_BYTES = 16 * 1024 * 1024;
  /** Deepest XML element nesting accepted. */
  public static final int MAX_XML_DEPTH = 64;

  private static final Limits DEFAULTS = new Builder().build();

  private final int tokenBytes;
  private final int qrTextBytes;
  private final int decompressedBytes;
  private final int asn1Bytes;
  private final long pdfBytes;
  private final int pdfRevisions;
  private final long ofdBytes;
  private final int ofdEntries;
  private final long ofdInflatedBytes;

  private Limits(Builder b) {
    this.tokenBytes = b.tokenBytes;
    this.qrTextBytes = b.qrTextBytes;
    this.decompressedBytes = b.decompressedBytes;
    this.asn1Bytes = b.asn1Bytes;
    this.pdfBytes = b.pdfBytes;
    this.pdfRevisions = b.pdfRevisions;
    this.ofdBytes = b.ofdBytes;
    this.ofdEntries = b.ofdEntries;
    this.ofdInflatedBytes = b.ofdInflatedBytes;
  }

  /**
   * Returns the default limits, the constants of this class.
   *
   * @return the defaults
   */
  public static Limits defaults() {
    return DEFAULTS;
  }

  /**
   * Starts from the defaults. Not thread-safe.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the largest compact token, in characters.
   *
   * @return the limit; {@link #MAX_TOKEN_BYTES} by default
   */
  public int maxTokenBytes() {
    return tokenBytes;
  }

  /**
   * Returns the longest QR text (or online licence URL), in characters.
   *
   * @return the limit; {@link #MAX_QR_TEXT_BYTES} by default
   */
  public int maxQrTextBytes() {
    return qrTextBytes;
  }

  /**
   * Returns the largest decompressed licence payload.
   *
   * @return the limit; {@link #MAX_DECOMPRESSED_BYTES} by default
   */
  public int maxDecompressedBytes() {
    return decompressedBytes;
  }

  /**
   * Returns the largest ASN.1 structure: a seal, a signed seal, a PDF's CMS signature.
   *
   * @return the limit; {@link #MAX_ASN1_BYTES} by default
   */
  public int maxAsn1Bytes() {
    return asn1Bytes;
  }

  /**
   * Returns the largest PDF verified.
   *
   * @return the limit; {@link #MAX_PDF_BYTES} by default
   */
  public long maxPdfBytes() {
    return pdfBytes;
  }

  /**
   * Returns the most incremental revisions (and signatures) in a PDF whose later updates are
   * classified.
   *
   * @return the limit; {@link #MAX_PDF_REVISIONS} by default
   */
  public int maxPdfRevisions() {
    return pdfRevisions;
  }

  /**
   * Returns the largest OFD package verified.
   *
   * @return the limit; {@link #MAX_OFD_BYTES} by default
   */
  public long maxOfdBytes() {
    return ofdBytes;
  }

  /**
   * Returns the most entries in an OFD package.
   *
   * @return the limit; {@link #MAX_OFD_ENTRIES} by default
   */
  public int maxOfdEntries() {
    return ofdEntries;
  }

  /**
   * Returns the most bytes inflated from one OFD package, all parts together.
   *
   * @return the limit; {@link #MAX_OFD_INFLATED_BYTES} by default
   */
  public long maxOfdInflatedBytes() {
    return ofdInflatedBytes;
  }

  @Override
  public String toString() {
    return "Limits{token=" + tokenBytes + ", qrText=" + qrTextBytes + ", decompressed="
        + decompressedBytes + ", asn1=" + asn1Bytes + ", pdf=" + pdfBytes + ", pdfRevisions="
        + pdfRevisions + ", ofd=" + ofdBytes + ", ofdEntries=" + ofdEntries + ", ofdInflated="
        + ofdInflatedBytes + "}";
  }

  /**
   * Builds {@link Limits}, starting from the defaults. Each setter takes a value from 1 to a
   * ceiling — four times the default for the small inputs, a Java array's size for PDFs —
   * and refuses anything else with {@link IllegalArgumentException}. Not thread-safe.
   */
  public static final class Builder {
    private int tokenBytes = MAX_TOKEN_BYTES;
    private int qrTextBytes = MAX_QR_TEXT_BYTES;
    private int decompressedBytes = MAX_DECOMPRESSED_BYTES;
    private int asn1Bytes = MAX_ASN1_BYTES;
    private long pdfBytes = MAX_PDF_BYTES;
    private int pdfRevisions = MAX_PDF_REVISIONS;
    private long ofdBytes = MAX_OFD_BYTES;
    private int ofdEntries = MAX_OFD_ENTRIES;
    private long ofdInflatedBytes = MAX_OFD_INFLATED_BYTES;

    private Builder() {}

    private static int check(String what, long value, long ceiling) {
      if (value < 1 || value > ceiling) {
        throw new IllegalArgumentException(what + " must be 1 to " + ceiling + ", not " + value);
      }
      return (int) value;
    }

    /**
     * Sets the largest compact token.
     *
     * @param chars 1 to 64 KiB
     * @return this builder
     */
    public Builder maxTokenBytes(int chars) {
      this.tokenBytes = check("maxTokenBytes", chars, 4L * MAX_TOKEN_BYTES);
      return this;
    }

    /**
     * Sets the longest QR text.
     *
     * @param chars 1 to 16 KiB
     * @return this builder
     */
    public Builder maxQrTextBytes(int chars) {
      this.qrTextBytes = check("maxQrTextBytes", chars, 4L * MAX_QR_TEXT_BYTES);
      return this;
    }

    /**
     * Sets the largest decompressed licence payload.
     *
     * @param bytes 1 to 256 KiB
     * @return this builder
     */
    public Builder maxDecompressedBytes(int bytes) {
      this.decompressedBytes = check("maxDecompressedBytes", bytes,
          4L * MAX_DECOMPRESSED_BYTES);
      return this;
    }

    /**
     * Sets the largest ASN.1 structure.
     *
     * @param bytes 1 to 32 MiB
     * @return this builder
     */
    public Builder maxAsn1Bytes(int bytes) {
      this.asn1Bytes = check("maxAsn1Bytes", bytes, 4L * MAX_ASN1_BYTES);
      return this;
    }

    /**
     * Sets the largest PDF verified. The verifier holds the file in memory once.
     *
     * @param bytes 1 to {@code Integer.MAX_VALUE - 8}
     * @return this builder
     */
    public Builder maxPdfBytes(long bytes) {
      this.pdfBytes = check("maxPdfBytes", bytes, Integer.MAX_VALUE - 8);
      return this;
    }

    /**
     * Sets the most revisions in a PDF.
     *
     * @param revisions 1 to 4000
     * @return this builder
     */
    public Builder maxPdfRevisions(int revisions) {
      this.pdfRevisions = check("maxPdfRevisions", revisions, 4L * MAX_PDF_REVISIONS);
      return this;
    }

    /**
     * Sets the largest OFD package verified. The verifier holds the file in memory once.
     *
     * @param bytes 1 to {@code Integer.MAX_VALUE - 8}
     * @return this builder
     */
    public Builder maxOfdBytes(long bytes) {
      this.ofdBytes = check("maxOfdBytes", bytes, Integer.MAX_VALUE - 8);
      return this;
    }

    /**
     * Sets the most entries in an OFD package.
     *
     * @param entries 1 to 40 000
     * @return this builder
     */
    public Builder maxOfdEntries(int entries) {
      this.ofdEntries = check("maxOfdEntries", entries, 4L * MAX_OFD_ENTRIES);
      return this;
    }

    /**
     * Sets the most bytes inflated from one OFD package.
     *
     * @param bytes 1 to 4 GiB
     * @return this builder
     */
    public Builder maxOfdInflatedBytes(long bytes) {
      if (bytes < 1 || bytes > 4 * MAX_OFD_INFLATED_BYTES) {
        throw new IllegalArgumentException("maxOfdInflatedBytes must be 1 to "
            + 4 * MAX_OFD_INFLATED_BYTES + ", not " + bytes);
      }
      this.ofdInflatedBytes = bytes;
      return this;
    }

    /**
     * Builds the limits.
     *
     * @return the limits
     */
    public Limits build() {
      return new Limits(this);
    }
  }
}
