package org.tongban.identity;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.tongban.MalformedInputException;
import org.tongban.http.HttpLimits;
import org.tongban.http.HttpRequest;
import org.tongban.http.HttpResponse;
import org.tongban.http.HttpTransport;
import org.tongban.result.Reason;

/**
 * An identity platform's endpoints: from OIDC Discovery ({@code /.well-known/openid-configuration})
 * or configured by hand for platforms without it. Only endpoints are taken from discovery —
 * never algorithms (a verifier's algorithms are pinned; Keycloak's discovery, for one,
 * advertises HS256).
 *
 * <p>Refuses: an {@code issuer} in the document that is not exactly the one asked for (OIDC
 * Discovery §4.3: {@link Reason#ISSUER_MISMATCH}); endpoints that are not {@code https}, except
 * on loopback (development and tests); a document over 64 KiB or not JSON.
 *
 * <p>Immutable.
 *
 * @param issuer the issuer identifier
 * @param authorizationEndpoint where the browser is sent to log in
 * @param tokenEndpoint where codes are exchanged
 * @param jwksUri the keys
 * @param userinfoEndpoint the userinfo endpoint, if any
 * @param endSessionEndpoint RP-initiated logout, if supported
 * @since 0.1
 */
public record ProviderMetadata(URI issuer, URI authorizationEndpoint, URI tokenEndpoint,
    URI jwksUri, Optional<URI> userinfoEndpoint, Optional<URI> endSessionEndpoint) {
  private static final long MAX_BYTES = 64 * 1024;

  /**
   * Validates the endpoints.
   *
   * @param issuer issuer
   * @param authorizationEndpoint authorization endpoint
   * @param tokenEndpoint token endpoint
   * @param jwksUri JWKS
   * @param userinfoEndpoint userinfo
   * @param endSessionEndpoint end session
   */
  public ProviderMetadata {
    for (URI u : List.of(issuer, authorizationEndpoint, tokenEndpoint, jwksUri)) {
      secure(u);
    }
    userinfoEndpoint.ifPresent(ProviderMetadata::secure);
    endSessionEndpoint.ifPresent(ProviderMetadata::secure);
  }

  /**
   * Discovers a platform's metadata.
   *
   * @param issuer the issuer identifier, exactly as its tokens carry it
   * @param transport the HTTP transport
   * @return the metadata
   * @throws MalformedInputException ISSUER_MISMATCH, FORMAT_FAILURE, SIZE_LIMIT_EXCEEDED
   * @throws org.tongban.http.HttpTransportException if the platform cannot be reached or
   *     does not answer 2xx
   */
  public static ProviderMetadata discover(URI issuer, HttpTransport transport) {
    Objects.requireNonNull(issuer, "issuer");
    String base = issuer.toString().endsWith("/") ? issuer.toString()
        : issuer.toString() + "/";
    HttpResponse r = transport.send(HttpRequest.get(URI.create(base
        + ".well-known/openid-configuration")), HttpLimits.defaults().withMaxBodyBytes(MAX_BYTES));
    if (!r.isSuccessful()) {
      throw new org.tongban.http.HttpTransportException(Reason.KEY_SOURCE_UNAVAILABLE,
          "discovery answered " + r.status(), null);
    }
    Map<String, Object> m;
    try {
      m = com.nimbusds.jose.util.JSONObjectUtils.parse(new String(r.body(),
          StandardCharsets.UTF_8));
    } catch (ParseException | RuntimeException e) {
      throw new MalformedInputException("the discovery document is not JSON", e);
    }
    if (!issuer.toString().equals(m.get("issuer"))) {
      throw new MalformedInputException(Reason.ISSUER_MISMATCH, "discovery names the issuer "
          + m.get("issuer") + ", not " + issuer, null);
    }
    try {
      return new ProviderMetadata(issuer, uri(m, "authorization_endpoint"),
          uri(m, "token_endpoint"), uri(m, "jwks_uri"), optionalUri(m, "userinfo_endpoint"),
          optionalUri(m, "end_session_endpoint"));
    } catch (IllegalArgumentException e) {
      throw new MalformedInputException("discovery: " + e.getMessage(), e);
    }
  }

  private static URI uri(Map<String, Object> m, String name) {
    return optionalUri(m, name).orElseThrow(() -> new IllegalArgumentException("no " + name));
  }

  private static Optional<URI> optionalUri(Map<String, Object> m, String name) {
    if (!(m.get(name) instanceof String s)) {
      return Optional.empty();
    }
    return Optional.of(URI.create(s));
  }

  private static void secure(URI u) {
    Objects.requireNonNull(u, "endpoint");
    String host = u.getHost();
    boolean loopback = host != null && (host.equals("127.0.0.1") || host.equals("localhost")
        || host.equals("[::1]"));
    if (!"https".equals(u.getScheme()) && !("http".equals(u.getScheme()) && loopback)) {
      throw new IllegalArgumentException(u + " is not https");
    }
  }
}
