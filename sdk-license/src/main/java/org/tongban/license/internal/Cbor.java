package org.tongban.license.internal;

import com.upokecenter.cbor.CBOREncodeOptions;
import com.upokecenter.cbor.CBORException;
import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tongban.MalformedInputException;

/** CBOR glue over PeterO's library: bounded decoding and typed reads that fail closed. */
public final class Cbor {
  /** Deterministic encoding (RFC 8949 §4.2 core rules as CTAP2 canonical). */
  public static final CBOREncodeOptions CANONICAL = new CBOREncodeOptions("ctap2canonical=true");
  private static final CBOREncodeOptions STRICT =
      new CBOREncodeOptions("allowduplicatekeys=false;keepkeyorder=true");

  private Cbor() {}

  /**
   * Decodes exactly one CBOR item with no trailing bytes and no duplicate map keys. Nesting is
   * bounded by the library (it refuses items nested deeper than a few hundred levels, so no
   * input can exhaust the stack), and the inputs are size-limited by the callers.
   *
   * @param bytes the bytes (already size-limited by the caller)
   * @return the item
   */
  public static CBORObject decode(byte[] bytes) {
    CBORObject o;
    try {
      o = CBORObject.DecodeFromBytes(bytes, STRICT);
    } catch (CBORException | IllegalArgumentException | StackOverflowError e) {
      throw new MalformedInputException("malformed CBOR", e instanceof Exception
          ? (Exception) e : null);
    }
    return o;
  }

  /**
   * Reads a byte string.
   *
   * @param o the item
   * @param what for the error message
   * @return the bytes
   */
  public static byte[] bytes(CBORObject o, String what) {
    if (o == null || o.isTagged() || o.getType() != CBORType.ByteString) {
      throw new MalformedInputException(what + " must be a byte string");
    }
    return o.GetByteString();
  }

  /**
   * Reads an integer that fits in a long.
   *
   * @param o the item
   * @param what for the error message
   * @return the value
   */
  public static long integer(CBORObject o, String what) {
    if (o == null || o.isTagged() || o.getType() != CBORType.Integer || !o.CanValueFitInInt64()) {
      throw new MalformedInputException(what + " must be an integer");
    }
    return o.AsInt64Value();
  }

  /**
   * Reads a text string.
   *
   * @param o the item
   * @param what for the error message
   * @return the text
   */
  public static String text(CBORObject o, String what) {
    if (o == null || o.isTagged() || o.getType() != CBORType.TextString) {
      throw new MalformedInputException(what + " must be a text string");
    }
    return o.AsString();
  }

  /**
   * Converts a map of text keys and text or map values into Java maps.
   *
   * @param o the CBOR map
   * @param what for the error message
   * @return the map
   */
  public static Map<String, Object> textMap(CBORObject o, String what) {
    if (o == null || o.getType() != CBORType.Map) {
      throw new MalformedInputException(what + " must be a map");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    for (Map.Entry<CBORObject, CBORObject> e : o.getEntries()) {
      String k = text(e.getKey(), what + " key");
      CBORObject v = e.getValue();
      m.put(k, v.getType() == CBORType.Map ? textMap(v, what + "." + k) : text(v, k));
    }
    return m;
  }

  /**
   * Converts any (depth-checked) CBOR item to plain Java: String, Long, Double, Boolean, byte[],
   * List, Map (keys as text), or null for CBOR null/undefined.
   *
   * @param o the item
   * @return the Java value
   */
  public static Object toJava(CBORObject o) {
    switch (o.getType()) {
      case TextString:
        return o.AsString();
      case Integer:
        return o.CanValueFitInInt64() ? (Object) o.AsInt64Value() : o.toString();
      case FloatingPoint:
        return o.AsDoubleValue();
      case Boolean:
        return o.isTrue();
      case ByteString:
        return o.GetByteString();
      case Array: {
        java.util.List<Object> l = new java.util.ArrayList<>();
        for (int i = 0; i < o.size(); i++) {
          l.add(toJava(o.get(i)));
        }
        return l;
      }
      case Map: {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<CBORObject, CBORObject> e : o.getEntries()) {
          Object k = toJava(e.getKey());
          m.put(String.valueOf(k), toJava(e.getValue()));
        }
        return m;
      }
      default:
        return null;
    }
  }

  /**
   * Builds a CBOR map from a map of text keys and text or map values, in order.
   *
   * @param m the map
   * @return the CBOR map
   */
  public static CBORObject fromTextMap(Map<String, ?> m) {
    CBORObject o = CBORObject.NewOrderedMap();
    for (Map.Entry<String, ?> e : m.entrySet()) {
      Object v = e.getValue();
      if (v instanceof Map) {
        @SuppressWarnings("unchecked")
        Map<String, ?> inner = (Map<String, ?>) v;
        o.Add(CBORObject.FromObject(e.getKey()), fromTextMap(inner));
      } else {
        o.Add(CBORObject.FromObject(e.getKey()), CBORObject.FromObject(String.valueOf(v)));
      }
    }
    return o;
  }
}
