package org.tongban.samples.identity;

import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.tongban.crypto.KeyType;
import org.tongban.identity.Identity;
import org.tongban.identity.IdentityMapper;
import org.tongban.identity.JsonWebKeys;
import org.tongban.identity.JwsAlgorithm;
import org.tongban.identity.KeySource;
import org.tongban.identity.TokenIssuer;
import org.tongban.identity.TokenVerifier;
import org.tongban.identity.VerifiedToken;
import org.tongban.keys.KeyPairs;
import org.tongban.keys.SigningKeys;
import org.tongban.result.VerificationResult;
import org.tongban.samples.Proof;

/**
 * Quick start: verify an SM2-signed ID token and read the person from it. The platform side is
 * played by {@link TokenIssuer}; a real department points {@code KeySource} at the platform's
 * JWKS ({@code JwksKeySource}) instead. The code between the markers is copied verbatim into
 * README.md (a test keeps them equal).
 */
public final class TokenVerifySample {
  /** What the sample proves when it ends with exit code 0. */
  public static final String PROVES =
      "the platform's SM2-signed ID token verifies with the pinned algorithm "
      + "and the login's nonce, and maps to a person at real-name level 2 or "
      + "higher";

  private TokenVerifySample() {}

  /**
   * Runs the sample.
   *
   * @return true if the token verified and the identity met the minimum level
   */
  public static boolean run() {
    KeyPair platformKey = KeyPairs.generate(KeyType.SM2);
    TokenIssuer platform = TokenIssuer.builder("https://idp.gov.example",
        SigningKeys.of(platformKey.getPrivate(), List.of()), platformKey.getPublic(),
        "k1").build();
    String jwks = platform.jwks();
    String idToken = platform.idToken("person-1", "dept-a", Duration.ofMinutes(5),
        Map.of("nonce", "n-123", "name", "张三", "acr", "urn:gov:cn:loa:3", "sid", "s-1"));
    // [START token-verify]
    TokenVerifier verifier = TokenVerifier.builder("https://idp.gov.example", "dept-a",
            KeySource.of(JsonWebKeys.parse(jwks)))   // or JwksKeySource.builder(jwksUri)
        .algorithms(JwsAlgorithm.SM2SM3)              // pinned: never taken from the token
        .build();
    IdentityMapper people = IdentityMapper.builder()
        .acrLevel("urn:gov:cn:loa:3", 3).minimumLevel(2).build();

    VerificationResult<VerifiedToken> token = verifier.verifyIdToken(idToken,
        "n-123");                                    // the nonce this login sent
    if (!token.isValid()) {
      System.out.println(token.indication() + " " + token.reason().orElseThrow());
      return false;
    }
    VerificationResult<Identity> person = people.map(token.orElseThrow());
    System.out.println(person.indication() + " " + person.verified().map(Identity::toString)
        .orElse(person.reason().map(Enum::name).orElse("")));
    // [END token-verify]
    return person.isValid();
  }

  /**
   * Runs the sample and says what it proved:
   * {@code java -cp samples/target/tongban.jar org.tongban.samples.identity.TokenVerifySample}.
   *
   * @param args none
   */
  public static void main(String[] args) {
    System.exit(Proof.report(run(), PROVES));
  }
}
