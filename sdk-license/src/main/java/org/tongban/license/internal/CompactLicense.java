package org.tongban.license.internal;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.tongban.MalformedInputException;

/**
 * The licence map as carried in a QR code: the GB/T 36903 field names, but without the two
 * fields the identifier already contains (ZZLXDM and ZZBFJGDM are parts of ZZBS and are
 * restored from it), ZZBS without its constant root {@code 1.2.156.3005.2.}, and dates as CBOR
 * tag 100 (RFC 8943: days since 1970-01-01) instead of text. This keeps a business licence's
 * core fields within 500 Base45 characters.
 */
public final class CompactLicense {
  private static final Set<String> DATES = Set.of("ZZBFRQ", "ZZYXQQSRQ", "ZZYXQJZRQ");
  private static final Set<String> DERIVED = Set.of("ZZLXDM", "ZZBFJGDM");
  private static final int DAYS_TAG = 100;
  private static final String ROOT = "1.2.156.3005.2.";

  private CompactLicense() {}

  /**
   * Encodes the wire map compactly.
   *
   * @param wire the GB field map (text values, dates yyyy-MM-dd, data a map)
   * @return the CBOR map
   */
  public static CBORObject encode(Map<String, Object> wire) {
    CBORObject o = CBORObject.NewOrderedMap();
    for (Map.Entry<String, Object> e : wire.entrySet()) {
      String k = e.getKey();
      if (DERIVED.contains(k)) {
        continue;
      }
      Object v = e.getValue();
      if (DATES.contains(k)) {
        o.Add(CBORObject.FromObject(k), CBORObject.FromObjectAndTag(
            CBORObject.FromObject(LocalDate.parse((String) v).toEpochDay()), DAYS_TAG));
      } else if ("ZZBS".equals(k) && ((String) v).startsWith(ROOT)) {
        o.Add(CBORObject.FromObject(k), CBORObject.FromObject(((String) v).substring(
            ROOT.length())));
      } else if (v instanceof Map) {
        @SuppressWarnings("unchecked")
        Map<String, ?> inner = (Map<String, ?>) v;
        o.Add(CBORObject.FromObject(k), Cbor.fromTextMap(inner));
      } else {
        o.Add(CBORObject.FromObject(k), CBORObject.FromObject(String.valueOf(v)));
      }
    }
    return o;
  }

  /**
   * Decodes the compact map straight into a validated licence (the verification path: no
   * intermediate map).
   *
   * @param o the CBOR map
   * @param today the date against which birth dates are checked
   * @return the licence
   * @throws MalformedInputException FORMAT_FAILURE or LICENSE_DATA_MISMATCH
   */
  public static org.tongban.license.License toLicense(CBORObject o, LocalDate today) {
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
            for (Map.Entry<String, Object> d : Cbor.textMap(v, k).entrySet()) {
              if (!(d.getValue() instanceof String)) {
                throw new MalformedInputException("data items must be strings");
              }
              b.item(d.getKey(), (String) d.getValue());
            }
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
    long days = Cbor.integer(v.UntagOne(), k);
    if (days < -25567 || days > 2932896) { // 1900-01-01 .. 9999-12-31
      throw new MalformedInputException(k + " out of range");
    }
    return LocalDate.ofEpochDay(days);
  }
}
