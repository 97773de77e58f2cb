package org.tongban.internal.http;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code application/x-www-form-urlencoded} bodies and query strings, UTF-8. */
public final class Forms {
  /**
   * The value a parameter given more than once reads as: it equals nothing a caller expects,
   * so a repeated {@code state} or {@code logout_token} is never taken as this login's.
   */
  public static final String REPEATED = "\u0000repeated";

  private Forms() {}

  /**
   * Encodes parameters in order.
   *
   * @param params name → value
   * @return {@code a=1&b=2}
   */
  public static String encode(Map<String, String> params) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, String> e : params.entrySet()) {
      if (b.length() > 0) {
        b.append('&');
      }
      b.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
          .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
    }
    return b.toString();
  }

  /**
   * Decodes a body or query string (a leading {@code ?} is ignored).
   *
   * @param text the text
   * @return name → value; a name given twice maps to {@link #REPEATED}
   */
  public static Map<String, String> decode(String text) {
    Map<String, String> m = new LinkedHashMap<>();
    String q = text.startsWith("?") ? text.substring(1) : text;
    for (String pair : q.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      if (m.putIfAbsent(k, v) != null) {
        m.put(k, REPEATED);
      }
    }
    return m;
  }
}
