package org.tongban.internal.jose;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * A JWS in compact serialization (RFC 7515 §7.1), read strictly before any library sees it:
 * exactly three parts, each canonical base64url without padding or whitespace, a header that is
 * one JSON object ({@link Json}: duplicate names and trailing text refused). nimbus-jose-jwt accepts spaces,
 * illegal characters and {@code =} inside a valid token; this reader does not.
 *
 * @param header the parsed protected header
 * @param payload the decoded payload
 * @param signature the decoded signature
 * @param signingInput ASCII(BASE64URL(header) || '.' || BASE64URL(payload)): what was signed
 */
public record CompactJws(Map<String, Object> header, byte[] payload, byte[] signature,
    byte[] signingInput) {

  /**
   * Reads a token.
   *
   * @param token the compact JWS
   * @return the parts, or empty if the token is not a well-formed compact JWS
   */
  public static Optional<CompactJws> parse(String token) {
    int first = token.indexOf('.');
    int second = first < 0 ? -1 : token.indexOf('.', first + 1);
    if (first <= 0 || second < 0 || token.indexOf('.', second + 1) >= 0
        || second == token.length() - 1) {
      return Optional.empty();
    }
    Optional<byte[]> header = Base64Url.decode(token, 0, first);
    Optional<byte[]> payload = Base64Url.decode(token, first + 1, second);
    Optional<byte[]> signature = Base64Url.decode(token, second + 1, token.length());
    if (header.isEmpty() || payload.isEmpty() || signature.isEmpty()) {
      return Optional.empty();
    }
    Optional<String> text = Utf8.decode(header.get());
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Optional<Map<String, Object>> json = Json.parseObject(text.get());
    if (json.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new CompactJws(json.get(), payload.get(), signature.get(),
        token.substring(0, second).getBytes(StandardCharsets.US_ASCII)));
  }
}
