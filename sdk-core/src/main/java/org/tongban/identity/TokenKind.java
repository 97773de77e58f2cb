package org.tongban.identity;

/**
 * The kinds of token a department verifies; each has its own type header and required claims,
 * so that no kind passes as another (RFC 8725 §3.11).
 *
 * @since 0.1
 */
public enum TokenKind {
  /** OIDC ID token (OIDC Core §2, §3.1.3.7): {@code typ} absent or {@code JWT}. */
  ID_TOKEN,
  /** RFC 9068 access token: {@code typ} {@code at+jwt}. */
  ACCESS_TOKEN,
  /**
   * A platform's own JWT access token ({@code typ: JWT}, as Keycloak issues), accepted only when
   * the verifier enables it; a {@code typ} claim in the payload, if any, must be {@code Bearer}.
   */
  PLATFORM_ACCESS_TOKEN,
  /** OIDC Back-Channel Logout token (§2.4): {@code events}, no {@code nonce}, one use only. */
  LOGOUT_TOKEN
}
