package org.tongban.internal.jose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A strict JSON (RFC 8259) reader for token headers and claims, on the hot path of every token:
 * one object at the top, nothing after it but whitespace, no duplicate member names, strings
 * without raw control characters or lone surrogates, nesting at most 32 levels. Numbers become
 * {@link Long} when integral and in range, otherwise {@link Double}; {@code null} becomes null,
 * as nimbus-jose-jwt reads them, so claims look the same whichever parser read them.
 */
public final class Json {
  private static final int MAX_DEPTH = 32;

  private final String s;
  private int pos;

  private Json(String s) {
    this.s = s;
  }

  /**
   * Parses one JSON object.
   *
   * @param text the text
   * @return the members in document order, or empty if the text is not exactly one object
   */
  public static Optional<Map<String, Object>> parseObject(String text) {
    Json j = new Json(text);
    try {
      j.space();
      if (j.peek() != '{') {
        return Optional.empty();
      }
      Map<String, Object> m = j.object(0);
      j.space();
      return j.pos == text.length() ? Optional.of(m) : Optional.empty();
    } catch (IllegalStateException | IndexOutOfBoundsException e) {
      return Optional.empty();
    }
  }

  private Object value(int depth) {
    char c = peek();
    switch (c) {
      case '{':
        return object(depth + 1);
      case '[':
        return array(depth + 1);
      case '"':
        return string();
      case 't':
        word("true");
        return Boolean.TRUE;
      case 'f':
        word("false");
        return Boolean.FALSE;
      case 'n':
        word("null");
        return null;
      default:
        return number();
    }
  }

  private Map<String, Object> object(int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalStateException("too deep");
    }
    pos++; // '{'
    Map<String, Object> m = new LinkedHashMap<>();
    space();
    if (peek() == '}') {
      pos++;
      return m;
    }
    while (true) {
      space();
      if (peek() != '"') {
        throw new IllegalStateException("name expected");
      }
      String name = string();
      space();
      expect(':');
      space();
      Object v = value(depth);
      if (m.containsKey(name)) {
        throw new IllegalStateException("duplicate " + name);
      }
      m.put(name, v);
      space();
      char c = s.charAt(pos++);
      if (c == '}') {
        return m;
      }
      if (c != ',') {
        throw new IllegalStateException(", or } expected");
      }
    }
  }

  private List<Object> array(int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalStateException("too deep");
    }
    pos++; // '['
    List<Object> l = new ArrayList<>();
    space();
    if (peek() == ']') {
      pos++;
      return l;
    }
    while (true) {
      space();
      l.add(value(depth));
      space();
      char c = s.charAt(pos++);
      if (c == ']') {
        return l;
      }
      if (c != ',') {
        throw new IllegalStateException(", or ] expected");
      }
    }
  }

  private String string() {
    pos++; // '"'
    int start = pos;
    // Fast path: no escapes.
    while (true) {
      char c = s.charAt(pos);
      if (c == '"') {
        String plain = s.substring(start, pos++);
        return checkSurrogates(plain);
      }
      if (c == '\\') {
        break;
      }
      if (c < 0x20) {
        throw new IllegalStateException("control character in a string");
      }
      pos++;
    }
    StringBuilder b = new StringBuilder(s.substring(start, pos));
    while (true) {
      char c = s.charAt(pos++);
      if (c == '"') {
        return checkSurrogates(b.toString());
      }
      if (c < 0x20) {
        throw new IllegalStateException("control character in a string");
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      char e = s.charAt(pos++);
      switch (e) {
        case '"', '\\', '/' -> b.append(e);
        case 'b' -> b.append('\b');
        case 'f' -> b.append('\f');
        case 'n' -> b.append('\n');
        case 'r' -> b.append('\r');
        case 't' -> b.append('\t');
        case 'u' -> {
          int v = 0;
          for (int i = 0; i < 4; i++) {
            int d = Character.digit(s.charAt(pos++), 16);
            if (d < 0) {
              throw new IllegalStateException("bad \\u escape");
            }
            v = v * 16 + d;
          }
          b.append((char) v);
        }
        default -> throw new IllegalStateException("bad escape");
      }
    }
  }

  private static String checkSurrogates(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= v.length() || !Character.isLowSurrogate(v.charAt(i + 1))) {
          throw new IllegalStateException("lone surrogate");
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        throw new IllegalStateException("lone surrogate");
      }
    }
    return v;
  }

  private Object number() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else {
      digits();
    }
    boolean integral = true;
    if (pos < s.length() && s.charAt(pos) == '.') {
      pos++;
      digits();
      integral = false;
    }
    if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      digits();
      integral = false;
    }
    String t = s.substring(start, pos);
    if (integral && t.length() <= 18) {
      return Long.parseLong(t);
    }
    double d = Double.parseDouble(t);
    if (Double.isInfinite(d)) {
      throw new IllegalStateException("number out of range");
    }
    return d;
  }

  private void digits() {
    int start = pos;
    while (pos < s.length() && s.charAt(pos) >= '0' && s.charAt(pos) <= '9') {
      pos++;
    }
    if (pos == start) {
      throw new IllegalStateException("digit expected");
    }
  }

  private void word(String w) {
    if (!s.startsWith(w, pos)) {
      throw new IllegalStateException(w + " expected");
    }
    pos += w.length();
  }

  private void expect(char c) {
    if (s.charAt(pos++) != c) {
      throw new IllegalStateException(c + " expected");
    }
  }

  private char peek() {
    return s.charAt(pos);
  }

  private void space() {
    while (pos < s.length()) {
      char c = s.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }
}
