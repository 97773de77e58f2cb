package org.tongban.license;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.tongban.MalformedInputException;
import org.tongban.result.Reason;

/**
 * An electronic licence (电子证照) with the GB/T 36903 metadata, the names used on the wire in
 * parentheses: name (ZZMC), type code (ZZLXDM), number (ZZBH), identifier (ZZBS), issuing
 * authority (ZZBFJG) and its credit code (ZZBFJGDM), issue date (ZZBFRQ), holder (CZZT), holder
 * code (CZZTDM) and its type (CZZTDMLX), validity from (ZZYXQQSRQ) and until (ZZYXQJZRQ, absent
 * for a licence without end), plus the licence-type-specific data items (照面信息) and, for large
 * items, a digest of the licence file.
 *
 * <p>{@link #toString()} masks a resident ID number holder code.
 *
 * <p>Immutable and thread-safe. {@code Builder.build(LocalDate)} validates every code: the identifier's
 * check character, the credit codes, the holder code with its real birth date, the validity
 * order — and refuses an identifier whose issuer code is not the issuing authority's.
 *
 * @since 0.1
 */
public final class License {
  /**
   * The wire field carrying the digest of the licence file (Tongban's extension, not a GB/T
   * 36903 field): {@code SM3:<hex>} or {@code SHA256:<hex>}. Large data items (business scope,
   * attachments) travel as this digest instead of inline.
   */
  public static final String FILE_DIGEST = "ZZWJZY";
  private static final java.util.regex.Pattern DIGEST =
      java.util.regex.Pattern.compile("(SM3|SHA256):[0-9a-f]{64}");

  private final String name;
  private final String typeCode;
  private final String number;
  private final LicenseIdentifier identifier;
  private final String issuingAuthority;
  private final String issuingAuthorityCode;
  private final LocalDate issueDate;
  private final String holder;
  private final String holderCode;
  private final HolderCodeType holderCodeType;
  private final LocalDate validFrom;
  private final LocalDate validUntil;
  private final Map<String, String> data;
  private final String fileDigest;

  private License(Builder b) {
    this.name = b.name;
    this.typeCode = b.typeCode;
    this.number = b.number;
    this.identifier = b.identifier;
    this.issuingAuthority = b.issuingAuthority;
    this.issuingAuthorityCode = b.issuingAuthorityCode;
    this.issueDate = b.issueDate;
    this.holder = b.holder;
    this.holderCode = b.holderCode;
    this.holderCodeType = b.holderCodeType;
    this.validFrom = b.validFrom;
    this.validUntil = b.validUntil;
    this.data = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.data));
    this.fileDigest = b.fileDigest;
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
   * Returns the licence as the GB/T 36903 field map used on the wire (dates {@code yyyy-MM-dd},
   * data items under {@code data}).
   *
   * @return the map, in field order
   */
  public Map<String, Object> toWire() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ZZMC", name);
    m.put("ZZLXDM", typeCode);
    m.put("ZZBH", number);
    m.put("ZZBS", identifier.toString());
    m.put("ZZBFJG", issuingAuthority);
    m.put("ZZBFJGDM", issuingAuthorityCode);
    m.put("ZZBFRQ", issueDate.toString());
    m.put("CZZT", holder);
    m.put("CZZTDM", holderCode);
    m.put("CZZTDMLX", holderCodeType.code());
    m.put("ZZYXQQSRQ", validFrom.toString());
    if (validUntil != null) {
      m.put("ZZYXQJZRQ", validUntil.toString());
    }
    if (!data.isEmpty()) {
      m.put("data", new LinkedHashMap<>(data));
    }
    if (fileDigest != null) {
      m.put(FILE_DIGEST, fileDigest);
    }
    return m;
  }

  /**
   * Reads a licence from its wire map and validates it.
   *
   * @param wire the map (string values; {@code data} a map of strings)
   * @param today the date against which birth dates are checked
   * @return the licence
   * @throws MalformedInputException FORMAT_FAILURE for missing or mistyped fields,
   *     LICENSE_DATA_MISMATCH for invalid codes
   */
  public static License fromWire(Map<?, ?> wire, LocalDate today) {
    Objects.requireNonNull(wire, "wire");
    try {
      Builder b = builder().name(str(wire, "ZZMC")).typeCode(str(wire, "ZZLXDM"))
          .number(str(wire, "ZZBH")).identifier(LicenseIdentifier.parse(str(wire, "ZZBS")))
          .issuingAuthority(str(wire, "ZZBFJG"), str(wire, "ZZBFJGDM"))
          .issueDate(date(str(wire, "ZZBFRQ")))
          .holder(str(wire, "CZZT"), str(wire, "CZZTDM"), HolderCodeType.of(str(wire,
              "CZZTDMLX")).orElseThrow(() -> new MalformedInputException("unknown CZZTDMLX")))
          .validFrom(date(str(wire, "ZZYXQQSRQ")));
      if (wire.get("ZZYXQJZRQ") != null) {
        b.validUntil(date(str(wire, "ZZYXQJZRQ")));
      }
      if (wire.get(FILE_DIGEST) != null) {
        b.fileDigest(str(wire, FILE_DIGEST));
      }
      Object data = wire.get("data");
      if (data != null) {
        if (!(data instanceof Map)) {
          throw new MalformedInputException("data must be a map");
        }
        for (Map.Entry<?, ?> e : ((Map<?, ?>) data).entrySet()) {
          if (!(e.getKey() instanceof String) || !(e.getValue() instanceof String)) {
            throw new MalformedInputException("data items must be strings");
          }
          b.item((String) e.getKey(), (String) e.getValue());
        }
      }
      return b.build(today);
    } catch (DateTimeParseException e) {
      throw new MalformedInputException("dates must be yyyy-MM-dd", e);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new MalformedInputException(Reason.LICENSE_DATA_MISMATCH, e.getMessage(), e);
    }
  }

  /** Parses {@code yyyy-MM-dd} strictly (and faster than a DateTimeFormatter). */
  private static LocalDate date(String s) {
    if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
      throw new DateTimeParseException("dates must be yyyy-MM-dd", s, 0);
    }
    int y = digits(s, 0, 4);
    int m = digits(s, 5, 7);
    int d = digits(s, 8, 10);
    if (y < 0 || m < 0 || d < 0) {
      throw new DateTimeParseException("dates must be yyyy-MM-dd", s, 0);
    }
    try {
      return LocalDate.of(y, m, d);
    } catch (java.time.DateTimeException e) {
      throw new DateTimeParseException("not a real date", s, 0);
    }
  }

  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  private static String str(Map<?, ?> m, String key) {
    Object v = m.get(key);
    if (!(v instanceof String)) {
      throw new MalformedInputException("missing or non-string field " + key);
    }
    return (String) v;
  }

  /**
   * Returns the licence name (ZZMC).
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * Returns the licence type code (ZZLXDM).
   *
   * @return the type code
   */
  public String typeCode() {
    return typeCode;
  }

  /**
   * Returns the licence number (ZZBH).
   *
   * @return the number
   */
  public String number() {
    return number;
  }

  /**
   * Returns the licence identifier (ZZBS).
   *
   * @return the identifier
   */
  public LicenseIdentifier identifier() {
    return identifier;
  }

  /**
   * Returns the issuing authority (ZZBFJG).
   *
   * @return the authority
   */
  public String issuingAuthority() {
    return issuingAuthority;
  }

  /**
   * Returns the issuing authority's credit code (ZZBFJGDM).
   *
   * @return the code
   */
  public String issuingAuthorityCode() {
    return issuingAuthorityCode;
  }

  /**
   * Returns the issue date (ZZBFRQ).
   *
   * @return the date
   */
  public LocalDate issueDate() {
    return issueDate;
  }

  /**
   * Returns the holder (CZZT).
   *
   * @return the holder's name
   */
  public String holder() {
    return holder;
  }

  /**
   * Returns the holder code (CZZTDM). Personal data when it is a resident ID number.
   *
   * @return the code
   */
  public String holderCode() {
    return holderCode;
  }

  /**
   * Returns the holder code type (CZZTDMLX).
   *
   * @return the type
   */
  public HolderCodeType holderCodeType() {
    return holderCodeType;
  }

  /**
   * Returns the start of validity (ZZYXQQSRQ).
   *
   * @return the date
   */
  public LocalDate validFrom() {
    return validFrom;
  }

  /**
   * Returns the end of validity (ZZYXQJZRQ), inclusive.
   *
   * @return the date, empty for a licence without end
   */
  public Optional<LocalDate> validUntil() {
    return Optional.ofNullable(validUntil);
  }

  /**
   * Returns the licence-type-specific data items.
   *
   * @return the items, in order
   */
  public Map<String, String> data() {
    return data;
  }

  /**
   * Returns the digest of the licence file, as {@code SM3:<hex>} or {@code SHA256:<hex>}.
   *
   * @return the digest
   */
  public Optional<String> fileDigest() {
    return Optional.ofNullable(fileDigest);
  }

  /**
   * Returns whether a file is the licence file this licence names by digest.
   *
   * @param file the file's bytes
   * @return true if the licence names a digest and it matches
   */
  public boolean matchesFile(byte[] file) {
    Objects.requireNonNull(file, "file");
    if (fileDigest == null) {
      return false;
    }
    int colon = fileDigest.indexOf(':');
    org.tongban.crypto.DigestAlgorithm alg = fileDigest.startsWith("SM3:")
        ? org.tongban.crypto.DigestAlgorithm.SM3 : org.tongban.crypto.DigestAlgorithm.SHA256;
    byte[] want = java.util.HexFormat.of().parseHex(fileDigest.substring(colon + 1));
    return java.security.MessageDigest.isEqual(want, alg.digest(file));
  }

  /**
   * Returns the holder code for display: masked for a resident ID number.
   *
   * @return the code
   */
  public String holderCodeForDisplay() {
    return holderCodeType == HolderCodeType.RESIDENT_ID ? ResidentIdNumber.mask(holderCode)
        : holderCode;
  }

  @Override
  public String toString() {
    return "License{" + name + ", " + identifier + ", holder=" + holder + " "
        + holderCodeForDisplay() + ", valid " + validFrom + " to "
        + (validUntil == null ? "-" : validUntil) + "}";
  }

  /** Builds a {@link License}. Not thread-safe. */
  public static final class Builder {
    private String name;
    private String typeCode;
    private String number;
    private LicenseIdentifier identifier;
    private String issuingAuthority;
    private String issuingAuthorityCode;
    private LocalDate issueDate;
    private String holder;
    private String holderCode;
    private HolderCodeType holderCodeType;
    private LocalDate validFrom;
    private LocalDate validUntil;
    private final Map<String, String> data = new LinkedHashMap<>();
    private String fileDigest;

    private Builder() {}

    /**
     * Carries the licence file by digest (for large items that do not fit in a QR code).
     *
     * @param algorithm SM3 or SHA256
     * @param file the licence file's bytes
     * @return this builder
     */
    public Builder fileDigest(org.tongban.crypto.DigestAlgorithm algorithm, byte[] file) {
      Objects.requireNonNull(algorithm, "algorithm");
      if (algorithm == org.tongban.crypto.DigestAlgorithm.SHA384) {
        throw new IllegalArgumentException("SM3 or SHA256");
      }
      this.fileDigest = (algorithm == org.tongban.crypto.DigestAlgorithm.SM3 ? "SM3:"
          : "SHA256:") + java.util.HexFormat.of().formatHex(algorithm.digest(file));
      return this;
    }

    /**
     * Sets the file digest from its wire form (for decoders).
     *
     * @param wire {@code SM3:<hex>} or {@code SHA256:<hex>}
     * @return this builder
     */
    public Builder fileDigest(String wire) {
      if (!DIGEST.matcher(wire).matches()) {
        throw new IllegalArgumentException(FILE_DIGEST + " must be SM3:<hex> or SHA256:<hex>");
      }
      this.fileDigest = wire;
      return this;
    }

    private static String text(String v, String what, int max) {
      Objects.requireNonNull(v, what);
      if (v.isBlank() || v.length() > max) {
        throw new IllegalArgumentException(what + " must have 1-" + max + " characters");
      }
      return v;
    }

    /**
     * Sets the licence name (ZZMC), e.g. 营业执照.
     *
     * @param name the name
     * @return this builder
     */
    public Builder name(String name) {
      this.name = text(name, "name", 128);
      return this;
    }

    /**
     * Sets the licence type code (ZZLXDM).
     *
     * @param typeCode 18-character credit code + 3 digits
     * @return this builder
     */
    public Builder typeCode(String typeCode) {
      this.typeCode = text(typeCode, "typeCode", 21);
      return this;
    }

    /**
     * Sets the licence number (ZZBH).
     *
     * @param number the number
     * @return this builder
     */
    public Builder number(String number) {
      this.number = text(number, "number", 64);
      return this;
    }

    /**
     * Sets the licence identifier (ZZBS).
     *
     * @param identifier the identifier
     * @return this builder
     */
    public Builder identifier(LicenseIdentifier identifier) {
      this.identifier = Objects.requireNonNull(identifier, "identifier");
      return this;
    }

    /**
     * Sets the issuing authority and its credit code (ZZBFJG, ZZBFJGDM).
     *
     * @param authority the name
     * @param code the credit code
     * @return this builder
     */
    public Builder issuingAuthority(String authority, String code) {
      this.issuingAuthority = text(authority, "issuingAuthority", 128);
      this.issuingAuthorityCode = UnifiedSocialCreditCode.parse(code).value();
      return this;
    }

    /**
     * Sets the issue date (ZZBFRQ).
     *
     * @param date the date
     * @return this builder
     */
    public Builder issueDate(LocalDate date) {
      this.issueDate = Objects.requireNonNull(date, "date");
      return this;
    }

    /**
     * Sets the holder (CZZT, CZZTDM, CZZTDMLX). The code is validated in {@link #build}.
     *
     * @param holder the name
     * @param code the code
     * @param type the code type
     * @return this builder
     */
    public Builder holder(String holder, String code, HolderCodeType type) {
      this.holder = text(holder, "holder", 128);
      this.holderCode = text(code, "holderCode", 18);
      this.holderCodeType = Objects.requireNonNull(type, "type");
      return this;
    }

    /**
     * Sets the start of validity (ZZYXQQSRQ).
     *
     * @param date the date
     * @return this builder
     */
    public Builder validFrom(LocalDate date) {
      this.validFrom = Objects.requireNonNull(date, "date");
      return this;
    }

    /**
     * Sets the end of validity (ZZYXQJZRQ), inclusive; leave unset for a licence without end.
     *
     * @param date the date
     * @return this builder
     */
    public Builder validUntil(LocalDate date) {
      this.validUntil = Objects.requireNonNull(date, "date");
      return this;
    }

    /**
     * Adds a licence-type-specific data item (照面信息).
     *
     * @param name the item name
     * @param value the value
     * @return this builder
     */
    public Builder item(String name, String value) {
      if (data.size() >= 64) {
        throw new IllegalArgumentException("at most 64 data items");
      }
      data.put(text(name, "item name", 64), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Validates and builds.
     *
     * @param today the date against which birth dates are checked
     * @return the licence
     * @throws IllegalStateException if a field is missing
     * @throws MalformedInputException with LICENSE_DATA_MISMATCH for an invalid code
     */
    public License build(LocalDate today) {
      if (name == null || typeCode == null || number == null || identifier == null
          || issuingAuthority == null || issueDate == null || holder == null
          || validFrom == null) {
        throw new IllegalStateException("ZZMC, ZZLXDM, ZZBH, ZZBS, ZZBFJG, ZZBFRQ, CZZT and "
            + "ZZYXQQSRQ are required");
      }
      if (!identifier.typeCode().equals(typeCode)) {
        throw new MalformedInputException(Reason.LICENSE_DATA_MISMATCH,
            "the identifier's type code is not ZZLXDM", null);
      }
      if (!identifier.issuerCode().equals(issuingAuthorityCode)) {
        throw new MalformedInputException(Reason.LICENSE_DATA_MISMATCH,
            "the identifier's issuer code is not ZZBFJGDM", null);
      }
      if (holderCodeType == HolderCodeType.RESIDENT_ID) {
        ResidentIdNumber.parse(holderCode, today);
      } else {
        UnifiedSocialCreditCode.parse(holderCode);
      }
      if (validUntil != null && validUntil.isBefore(validFrom)) {
        throw new IllegalArgumentException("ZZYXQJZRQ is before ZZYXQQSRQ");
      }
      return new License(this);
    }
  }
}
