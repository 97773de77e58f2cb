package org.tongban.identity;

import java.net.URI;
import java.util.Map;

/** {@link TestPlatform} for tests in other packages (the servlet filter's). */
public final class TestPlatformAccess implements AutoCloseable {
  private final TestPlatform platform;

  private TestPlatformAccess(TestPlatform platform) {
    this.platform = platform;
  }

  /**
   * Starts a platform expecting basic client authentication for dept-a.
   *
   * @return the platform
   * @throws Exception if it cannot start
   */
  public static TestPlatformAccess start() throws Exception {
    return new TestPlatformAccess(new TestPlatform(TestPlatform::basic));
  }

  /** @return the issuer */
  public String issuer() {
    return platform.issuer;
  }

  /** @return the endpoints */
  public ProviderMetadata metadata() {
    return platform.metadata();
  }

  /**
   * @param clientId the client
   * @return a verifier for its tokens
   */
  public TokenVerifier verifier(String clientId) {
    return platform.verifier(clientId);
  }

  /**
   * @param clientId the client
   * @param replay where logout-token jtis are remembered
   * @return a verifier for its tokens
   */
  public TokenVerifier verifier(String clientId, ReplayMemory replay) {
    return platform.verifierBuilder(clientId).replayMemory(replay).build();
  }

  /** @param authorizationRequest the request the browser was sent with */
  public void expect(URI authorizationRequest) {
    platform.expect(authorizationRequest);
  }

  /** @param claims identity claims of the next ID tokens */
  public void claims(Map<String, Object> claims) {
    platform.claims.set(claims);
  }

  /**
   * @param clientId the app
   * @param sid the platform session
   * @return a logout token
   */
  public String logoutToken(String clientId, String sid) {
    return platform.tokens.sessionLogoutToken(clientId, sid);
  }

  /**
   * @param uri a URL
   * @return its decoded query parameters
   */
  public static Map<String, String> query(URI uri) {
    return TestPlatform.form(uri.getRawQuery());
  }

  @Override
  public void close() throws java.io.IOException {
    platform.close();
  }
}
