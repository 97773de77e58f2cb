package org.tongban.benchmarks;

import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.tongban.crypto.KeyType;
import org.tongban.identity.JsonWebKeys;
import org.tongban.identity.KeySource;
import org.tongban.identity.TokenIssuer;
import org.tongban.identity.TokenVerifier;
import org.tongban.keys.KeyPairs;
import org.tongban.keys.SigningKeys;

/** A freshly keyed ID token and the verifier for it, for the token benchmarks. */
final class BenchTokens {
  /**
   * What a token benchmark starts from.
   *
   * @param token the compact ID token
   * @param issuer its issuer (for the JWKS and the algorithm)
   * @param keys the issuer's key pair
   * @param verifier Tongban's verifier, keys fixed
   */
  record Made(String token, TokenIssuer issuer, KeyPair keys, TokenVerifier verifier) {}

  private BenchTokens() {}

  static Made make(String algorithm) {
    KeyType type = switch (algorithm) {
      case "RS256" -> KeyType.RSA;
      case "ES256" -> KeyType.EC_P256;
      default -> KeyType.SM2;
    };
    KeyPair kp = KeyPairs.generate(type);
    TokenIssuer issuer = TokenIssuer.builder("https://idp.example", SigningKeys.of(
        kp.getPrivate(), List.of()), kp.getPublic(), "k1").build();
    String token = issuer.idToken("person-1", "dept-a", Duration.ofHours(2), Map.of("sid",
        "s-1", "name", "张三"));
    TokenVerifier verifier = TokenVerifier.builder("https://idp.example", "dept-a",
        KeySource.of(JsonWebKeys.parse(issuer.jwks()))).algorithms(issuer.algorithm()).build();
    if (!verifier.verifyIdToken(token).isValid()) {
      throw new IllegalStateException("setup: the token does not verify");
    }
    return new Made(token, issuer, kp, verifier);
  }
}
