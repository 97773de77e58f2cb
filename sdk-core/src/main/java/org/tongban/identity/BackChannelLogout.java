package org.tongban.identity;

import java.util.Objects;
import org.tongban.internal.http.Forms;
import org.tongban.result.Reason;
import org.tongban.result.VerificationResult;

/**
 * The back-channel logout endpoint's logic (OIDC Back-Channel Logout §2.5, §2.8): reads the
 * {@code logout_token} form parameter, verifies it with {@link TokenVerifier#verifyLogoutToken}
 * (which refuses replays), ends the sessions it names, and says what to answer — 200 when the
 * token verified (also when no session matched: the platform must not learn who is logged in),
 * 400 with an OAuth error otherwise. Responses must carry {@code Cache-Control: no-store}.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class BackChannelLogout {
  private final TokenVerifier verifier;
  private final SessionRegistry sessions;

  /**
   * Creates the handler.
   *
   * @param verifier the platform's token verifier
   * @param sessions the app's sessions
   */
  public BackChannelLogout(TokenVerifier verifier, SessionRegistry sessions) {
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.sessions = Objects.requireNonNull(sessions, "sessions");
  }

  /**
   * What the endpoint answers.
   *
   * @param status 200 or 400
   * @param body the JSON body (empty object, or an OAuth error)
   * @param ended how many sessions ended
   * @param result the logout token's verification
   */
  public record Response(int status, String body, int ended,
      VerificationResult<VerifiedToken> result) {}

  /**
   * Handles one POST.
   *
   * @param formBody the {@code application/x-www-form-urlencoded} body
   * @return the answer
   */
  public Response handle(String formBody) {
    Objects.requireNonNull(formBody, "formBody");
    // A token given twice reads as Forms.REPEATED, which no verifier accepts.
    String token = Forms.decode(formBody).getOrDefault("logout_token", "");
    VerificationResult<VerifiedToken> r = verifier.verifyLogoutToken(token);
    if (r.reason().orElse(null) == Reason.STATE_UNAVAILABLE) {
      // Shared state is down: not a bad request but a failure to retry (OIDC Back-Channel
      // Logout §2.8: the platform may retry), and nothing was ended.
      return new Response(503, "{\"error\":\"temporarily_unavailable\"}", 0, r);
    }
    if (!r.isValid()) {
      return new Response(400, "{\"error\":\"invalid_request\",\"error_description\":\""
          + r.reason().map(Enum::name).orElse("INVALID") + "\"}", 0, r);
    }
    VerifiedToken t = r.orElseThrow();
    int ended;
    try {
      ended = sessions.endFromPlatform(t.issuer(), t.sessionId(), t.subject());
    } catch (StateUnavailableException e) {
      // The platform retries with the same token: its jti must not stay remembered, or the
      // retry would be refused as a replay and the sessions never end.
      verifier.forgetLogoutToken(t);
      return new Response(503, "{\"error\":\"temporarily_unavailable\"}", 0, r);
    }
    return new Response(200, "{}", ended, r);
  }
}
