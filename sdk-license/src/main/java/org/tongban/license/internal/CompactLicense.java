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
   * Decodes the compact map back to the wire map.
   *
   * @param o the CBOR map
   * @return the GB field map
   */
  public static Map<String, Object> decode(CBORObject o) {
    if (o == null || o.getType() != CBORType.Map) {
      throw new MalformedInputException("the licence must be a map");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    for (Map.Entry<CBORObject, CBORObject> e : o.getEntries()) {
      String k = Cbor.text(e.getKey(), "licence field name");
      CBORObject v = e.getValue();
      if (DATES.contains(k)) {
        if (!v.HasMostOuterTag(DAYS_TAG)) {
          throw new MalformedInputException(k + " must be a tag-100 date");
        }
        long days = Cbor.integer(v.UntagOne(), k);
        if (days < -25567 || days > 2932896) { // 1900-01-01 .. 9999-12-31
          throw new MalformedInputException(k + " out of range");
        }
        m.put(k, LocalDate.ofEpochDay(days).toString());
      } else if (v.getType() == CBORType.Map) {
        m.put(k, Cbor.textMap(v, k));
      } else {
        m.put(k, Cbor.text(v, k));
      }
    }
    Object id = m.get("ZZBS");
    if (id instanceof String && !((String) id).startsWith(ROOT)) {
      id = ROOT + id;
      m.put("ZZBS", id);
    }
    if (id instanceof String) {
      String[] parts = ((String) id).split("\\.");
      if (parts.length == 10) {
        m.putIfAbsent("ZZLXDM", parts[5]);
        m.putIfAbsent("ZZBFJGDM", parts[6]);
      }
    }
    return m;
  }
}
