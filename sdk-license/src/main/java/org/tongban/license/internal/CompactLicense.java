package org.tongban.license.internal;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.Map;
import org.tongban.MalformedInputException;
import org.tongban.license.ResidentIdNumber;
import org.tongban.license.UnifiedSocialCreditCode;

/**
 * The licence as carried in a QR code, in two forms.
 *
 * <p><b>Integer keys</b> (what {@link #encode(org.tongban.license.License)} writes; CWT claim
 * −260, key 2): a CBOR map whose keys are small unsigned integers standing for the GB/T 36903
 * fields, every value in its shortest lossless form:
 *
 * <pre>
 *  1 ZZMC       text
 *  2 ZZBH       code
 *  3 ZZBS       [code (the type code's credit code), uint (its last 3 digits, 1 for "001"),
 *               serial (text), version (uint, 1 for "001")]; the root 1.2.156.3005.2 is
 *               implied, the issuer code is the CWT iss claim and the check character is
 *               recomputed (ISO/IEC 7064 MOD 37,36)
 *  4 ZZBFJG     text
 *  5 ZZBFRQ     uint or negative int: days since 1970-01-01
 *  6 CZZT       text
 *  7 CZZTDM     code
 *  8 CZZTDMLX   uint (111 for "111", 1 for "001")
 *  9 ZZYXQQSRQ  days; absent when it is the issue date
 * 10 ZZYXQJZRQ  days; absent for a licence without end
 * 11 data       map of text to text
 * 12 ZZWJZY     text (the file digest, "sm3:" or "sha256:" and hex)
 * </pre>
 *
 * A <i>code</i> is a unified social credit code (GB 32100) as an 11-byte string: its first 17
 * characters as one base-31 number (digits of {@code 0123456789ABCDEFGHJKLMNPQRTUWXY}),
 * big-endian, the check character recomputed; a resident identity number (GB 11643) as an
 * unsigned integer: its first 17 digits, the check character recomputed; anything else as
 * text. ZZLXDM and ZZBFJGDM are the identifier's type and issuer codes (a licence is refused
 * when they differ), so they are not sent.
 *
 * <p><b>Text keys</b> (codes issued before; key 1, still read): the GB/T 36903 field names,
 * without ZZLXDM and ZZBFJGDM, ZZBS without its root {@code 1.2.156.3005.2.}, dates as CBOR tag
 * 100 (RFC 8943).
 */
public final class CompactLicense {
  private static final int DAYS_TAG = 100;
  private static final String ROOT = "1.2.156.3005.2.";

  /** The key under claim −260 of the integer-keyed form. */
  public static final int INTEGER_KEYS = 2;
  /** The key under claim −260 of the text-keyed form. */
  public static final int TEXT_KEYS = 1;
  private static final int NAME = 1;
  private static final int NUMBER = 2;
  private static final int IDENTIFIER = 3;
  private static final int AUTHORITY = 4;
  private static final int ISSUED = 5;
  private static final int HOLDER = 6;
  private static final int HOLDER_CODE = 7;
  private static final int HOLDER_CODE_TYPE = 8;
  private static final int VALID_FROM = 9;
  private static final int VALID_UNTIL = 10;
  private static final int DATA = 11;
  private static final int FILE_DIGEST = 12;
  private static final int CREDIT_CODE_BYTES = 11;
  private static final BigInteger BASE31_8 = BigInteger.valueOf(31).pow(8);
  private static final BigInteger MAX_CREDIT_CODE = BigInteger.valueOf(31).pow(17);

  private CompactLicense() {}

  /**
   * Encodes a licence with integer keys (see the class comment).
   *
   * @param l the licence
   * @return the CBOR map
   */
  public static CBORObject encode(org.tongban.license.License l) {
    CBORObject o = CBORObject.NewOrderedMap();
    o.Add(NAME, l.name());
    o.Add(NUMBER, code(l.number()));
    org.tongban.license.LicenseIdentifier id = l.identifier();
    String type = id.typeCode();
    o.Add(IDENTIFIER, CBORObject.NewArray().Add(code(type.substring(0, 18)))
        .Add(Integer.parseInt(type.substring(18))).Add(id.serial())
        .Add(Integer.parseInt(id.version())));
    o.Add(AUTHORITY, l.issuingAuthority());
    o.Add(ISSUED, l.issueDate().toEpochDay());
    o.Add(HOLDER, l.holder());
    o.Add(HOLDER_CODE, code(l.holderCode()));
    o.Add(HOLDER_CODE_TYPE, Integer.parseInt(l.holderCodeType().code()));
    if (!l.validFrom().equals(l.issueDate())) {
      o.Add(VALID_FROM, l.validFrom().toEpochDay());
    }
    l.validUntil().ifPresent(d -> o.Add(VALID_UNTIL, d.toEpochDay()));
    if (!l.data().isEmpty()) {
      o.Add(DATA, Cbor.fromTextMap(l.data()));
    }
    l.fileDigest().ifPresent(d -> o.Add(FILE_DIGEST, d));
    return o;
  }

  /**
   * Decodes the integer-keyed form straight into a validated licence.
   *
   * @param o the CBOR map
   * @param issuerCode the CWT iss claim: the issuing authority's credit code
   * @param today the date against which birth dates are checked
   * @return the licence
   * @throws MalformedInputException FORMAT_FAILURE or LICENSE_DATA_MISMATCH
   */
  public static org.tongban.license.License fromIntegerKeys(CBORObject o, String issuerCode,
      LocalDate today) {
    if (o == null || o.getType() != CBORType.Map) {
      throw new MalformedInputException("the licence must be a map");
    }
    org.tongban.license.License.Builder b = org.tongban.license.License.builder();
    CBORObject idParts = null;
    String authority = null;
    String holder = null;
    String holderCode = null;
    Long holderType = null;
    LocalDate issued = null;
    LocalDate from = null;
    try {
      for (Map.Entry<CBORObject, CBORObject> e : o.getEntries()) {
        long k = Cbor.integer(e.getKey(), "licence field key");
        CBORObject v = e.getValue();
        String what = "licence field " + k;
        switch (k < NAME || k > FILE_DIGEST ? 0 : (int) k) {
          case NAME -> b.name(Cbor.text(v, what));
          case NUMBER -> b.number(code(v, what));
          case IDENTIFIER -> idParts = v;
          case AUTHORITY -> authority = Cbor.text(v, what);
          case ISSUED -> issued = day(Cbor.integer(v, what), what);
          case HOLDER -> holder = Cbor.text(v, what);
          case HOLDER_CODE -> holderCode = code(v, what);
          case HOLDER_CODE_TYPE -> holderType = Cbor.integer(v, what);
          case VALID_FROM -> from = day(Cbor.integer(v, what), what);
          case VALID_UNTIL -> b.validUntil(day(Cbor.integer(v, what), what));
          case DATA -> items(b, v, what);
          case FILE_DIGEST -> b.fileDigest(Cbor.text(v, what));
          default -> throw new MalformedInputException("unknown " + what);
        }
      }
      if (idParts == null || authority == null || issued == null || holder == null
          || holderCode == null || holderType == null) {
        throw new MalformedInputException("missing licence fields");
      }
      org.tongban.license.LicenseIdentifier identifier = identifier(idParts, issuerCode);
      String type = holderType >= 0 && holderType <= 999 ? zeroPadded(holderType, 3)
          : "";
      b.identifier(identifier).typeCode(identifier.typeCode())
          .issuingAuthority(authority, identifier.issuerCode())
          .issueDate(issued).validFrom(from != null ? from : issued)
          .holder(holder, holderCode, org.tongban.license.HolderCodeType.of(type)
              .orElseThrow(() -> new MalformedInputException("unknown CZZTDMLX")));
      return b.build(today);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new MalformedInputException(org.tongban.result.Reason.LICENSE_DATA_MISMATCH,
          e.getMessage(), e);
    }
  }

  private static org.tongban.license.LicenseIdentifier identifier(CBORObject parts,
      String issuerCode) {
    if (parts.getType() != CBORType.Array || parts.size() != 4) {
      throw new MalformedInputException("ZZBS must be [type credit code, type digits, serial,"
          + " version]");
    }
    String type = code(parts.get(0), "ZZBS type") + threeDigits(parts.get(1), "ZZBS type");
    return org.tongban.license.LicenseIdentifier.create(type, issuerCode,
        Cbor.text(parts.get(2), "ZZBS serial"), threeDigits(parts.get(3), "ZZBS version"));
  }

  private static String threeDigits(CBORObject v, String what) {
    long n = Cbor.integer(v, what);
    if (n < 0 || n > 999) {
      throw new MalformedInputException(what + " out of range");
    }
    return zeroPadded(n, 3);
  }

  /**
   * n (at least 0) in decimal with leading zeros to {@code width} digits. Not
   * {@code String.format}: its format-string parser (a regex match) ran three times in every
   * verification of a compact code.
   */
  private static String zeroPadded(long n, int width) {
    String d = Long.toString(n);
    return d.length() >= width ? d : "0".repeat(width - d.length()) + d;
  }

  /** A code in its shortest lossless form (see the class comment). */
  static CBORObject code(String c) {
    if (c.length() == 18 && UnifiedSocialCreditCode.isValid(c)) {
      // 17 base-31 digits as 9 high and 8 low ones: each part fits a long.
      BigInteger n = BigInteger.valueOf(base31(c, 0, 9)).multiply(BASE31_8)
          .add(BigInteger.valueOf(base31(c, 9, 17)));
      byte[] raw = n.toByteArray(); // at most 11 bytes, or 12 with a sign byte
      byte[] out = new byte[CREDIT_CODE_BYTES];
      int len = Math.min(raw.length, CREDIT_CODE_BYTES);
      System.arraycopy(raw, raw.length - len, out, CREDIT_CODE_BYTES - len, len);
      return CBORObject.FromObject(out);
    }
    if (c.length() == 18 && c.substring(0, 17).chars().allMatch(ch -> ch >= '0' && ch <= '9')
        && ResidentIdNumber.checkCharacter(c.substring(0, 17)) == c.charAt(17)) {
      return CBORObject.FromObject(Long.parseLong(c.substring(0, 17)));
    }
    return CBORObject.FromObject(c);
  }

  /** The characters [from, to) of a credit code as one base-31 number (at most 9 digits). */
  private static long base31(String c, int from, int to) {
    long n = 0;
    for (int i = from; i < to; i++) {
      n = n * 31 + UnifiedSocialCreditCode.ALPHABET.indexOf(c.charAt(i));
    }
    return n;
  }

  /** Writes n as base-31 digits into out[from, to), most significant first. */
  private static void digits31(long n, char[] out, int from, int to) {
    for (int i = to - 1; i >= from; i--) {
      out[i] = UnifiedSocialCreditCode.ALPHABET.charAt((int) (n % 31));
      n /= 31;
    }
  }

  /** Reads a code written by {@link #code(String)}. */
  static String code(CBORObject v, String what) {
    if (v.getType() == CBORType.ByteString) {
      byte[] b = v.GetByteString();
      if (b.length != CREDIT_CODE_BYTES) {
        throw new MalformedInputException(what + ": a credit code is 11 bytes");
      }
      BigInteger n = new BigInteger(1, b);
      if (n.compareTo(MAX_CREDIT_CODE) >= 0) {
        throw new MalformedInputException(what + ": not a credit code");
      }
      BigInteger[] parts = n.divideAndRemainder(BASE31_8);
      char[] out = new char[17];
      digits31(parts[0].longValue(), out, 0, 9);
      digits31(parts[1].longValue(), out, 9, 17);
      String first17 = new String(out);
      return first17 + UnifiedSocialCreditCode.checkCharacter(first17);
    }
    if (v.getType() == CBORType.Integer) {
      long n = Cbor.integer(v, what);
      if (n < 0 || n >= 100_000_000_000_000_000L) {
        throw new MalformedInputException(what + ": not a resident identity number");
      }
      String first17 = zeroPadded(n, 17);
      return first17 + ResidentIdNumber.checkCharacter(first17);
    }
    return Cbor.text(v, what);
  }

  private static void items(org.tongban.license.License.Builder b, CBORObject v, String what) {
    for (Map.Entry<String, Object> d : Cbor.textMap(v, what).entrySet()) {
      if (!(d.getValue() instanceof String)) {
        throw new MalformedInputException("data items must be strings");
      }
      b.item(d.getKey(), (String) d.getValue());
    }
  }

  /**
   * Decodes the text-keyed form (codes issued before the integer keys) straight into a
   * validated licence.
   *
   * @param o the CBOR map
   * @param today the date against which birth dates are checked
   * @return the licence
   * @throws MalformedInputException FORMAT_FAILURE or LICENSE_DATA_MISMATCH
   */
  public static org.tongban.license.License fromTextKeys(CBORObject o, LocalDate today) {
    if (o == null || o.getType() != CBORType.Map) {
      throw new MalformedInputException("the licence must be a map");
    }
    String id = null;
    String typeCode = null;
    String issuerCode = null;
    String authority = null;
    String holder = null;
    String holderCode = null;
    String holderType = null;
    org.tongban.license.License.Builder b = org.tongban.license.License.builder();
    try {
      for (Map.Entry<CBORObject, CBORObject> e : o.getEntries()) {
        String k = Cbor.text(e.getKey(), "licence field name");
        CBORObject v = e.getValue();
        switch (k) {
          case "ZZMC":
            b.name(Cbor.text(v, k));
            break;
          case "ZZBH":
            b.number(Cbor.text(v, k));
            break;
          case "ZZBS":
            id = Cbor.text(v, k);
            break;
          case "ZZLXDM":
            typeCode = Cbor.text(v, k);
            break;
          case "ZZBFJGDM":
            issuerCode = Cbor.text(v, k);
            break;
          case "ZZBFJG":
            authority = Cbor.text(v, k);
            break;
          case "ZZBFRQ":
            b.issueDate(day(v, k));
            break;
          case "ZZYXQQSRQ":
            b.validFrom(day(v, k));
            break;
          case "ZZYXQJZRQ":
            b.validUntil(day(v, k));
            break;
          case "CZZT":
            holder = Cbor.text(v, k);
            break;
          case "CZZTDM":
            holderCode = Cbor.text(v, k);
            break;
          case "CZZTDMLX":
            holderType = Cbor.text(v, k);
            break;
          case "data":
            items(b, v, k);
            break;
          case org.tongban.license.License.FILE_DIGEST:
            b.fileDigest(Cbor.text(v, k));
            break;
          default:
            throw new MalformedInputException("unknown licence field " + k);
        }
      }
      if (id == null || authority == null || holder == null || holderCode == null
          || holderType == null) {
        throw new MalformedInputException("missing licence fields");
      }
      if (!id.startsWith(ROOT)) {
        id = ROOT + id;
      }
      org.tongban.license.LicenseIdentifier identifier =
          org.tongban.license.LicenseIdentifier.parse(id);
      b.identifier(identifier)
          .typeCode(typeCode != null ? typeCode : identifier.typeCode())
          .issuingAuthority(authority, issuerCode != null ? issuerCode : identifier.issuerCode())
          .holder(holder, holderCode, org.tongban.license.HolderCodeType.of(holderType)
              .orElseThrow(() -> new MalformedInputException("unknown CZZTDMLX")));
      return b.build(today);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new MalformedInputException(org.tongban.result.Reason.LICENSE_DATA_MISMATCH,
          e.getMessage(), e);
    }
  }

  private static LocalDate day(CBORObject v, String k) {
    if (!v.HasMostOuterTag(DAYS_TAG)) {
      throw new MalformedInputException(k + " must be a tag-100 date");
    }
    return day(Cbor.integer(v.UntagOne(), k), k);
  }

  private static LocalDate day(long days, String k) {
    if (days < -25567 || days > 2932896) { // 1900-01-01 .. 9999-12-31
      throw new MalformedInputException(k + " out of range");
    }
    return LocalDate.ofEpochDay(days);
  }
}
