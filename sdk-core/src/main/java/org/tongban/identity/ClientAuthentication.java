package org.tongban.identity;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

/**
 * How a department authenticates to the platform's token endpoint (OIDC Core §9):
 * {@code client_secret_basic}, {@code client_secret_post} or {@code private_key_jwt} (a JWT
 * signed by the department's key — SM2 included — so no shared secret exists).
 *
 * <p>Immutable.
 *
 * @since 0.1
 */
public abstract sealed class ClientAuthentication {
  private ClientAuthentication() {}

  /**
   * {@code client_secret_basic}: HTTP Basic with the form-encoded id and secret.
   *
   * @param secret the client secret
   * @return the method
   */
  public static ClientAuthentication clientSecretBasic(String secret) {
    return new Basic(Objects.requireNonNull(secret, "secret"));
  }

  /**
   * {@code client_secret_post}: id and secret in the form.
   *
   * @param secret the client secret
   * @return the method
   */
  public static ClientAuthentication clientSecretPost(String secret) {
    return new Post(Objects.requireNonNull(secret, "secret"));
  }

  /**
   * {@code private_key_jwt}: a client assertion signed by the department's key. The
   * {@code issuer} must be created with the client id as its issuer identifier.
   *
   * @param client a {@link TokenIssuer} whose issuer identifier is the client id
   * @return the method
   */
  public static ClientAuthentication privateKeyJwt(TokenIssuer client) {
    return new KeyJwt(Objects.requireNonNull(client, "client"));
  }

  /** Adds the authentication to a token request (form fields and headers). */
  abstract void apply(String clientId, URI tokenEndpoint, Map<String, String> form,
      Map<String, String> headers);

  private static String formEncode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static final class Basic extends ClientAuthentication {
    private final String secret;

    Basic(String secret) {
      this.secret = secret;
    }

    @Override
    void apply(String clientId, URI tokenEndpoint, Map<String, String> form,
        Map<String, String> headers) {
      headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(
          (formEncode(clientId) + ":" + formEncode(secret)).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public String toString() {
      return "client_secret_basic";
    }
  }

  private static final class Post extends ClientAuthentication {
    private final String secret;

    Post(String secret) {
      this.secret = secret;
    }

    @Override
    void apply(String clientId, URI tokenEndpoint, Map<String, String> form,
        Map<String, String> headers) {
      form.put("client_id", clientId);
      form.put("client_secret", secret);
    }

    @Override
    public String toString() {
      return "client_secret_post";
    }
  }

  private static final class KeyJwt extends ClientAuthentication {
    private final TokenIssuer client;

    KeyJwt(TokenIssuer client) {
      this.client = client;
    }

    @Override
    void apply(String clientId, URI tokenEndpoint, Map<String, String> form,
        Map<String, String> headers) {
      form.put("client_id", clientId);
      form.put("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
      form.put("client_assertion", client.clientAssertion(tokenEndpoint));
    }

    @Override
    public String toString() {
      return "private_key_jwt";
    }
  }
}
