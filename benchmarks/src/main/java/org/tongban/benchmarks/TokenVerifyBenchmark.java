package org.tongban.benchmarks;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tongban.crypto.KeyType;
import org.tongban.crypto.VerificationKey;
import org.tongban.crypto.Verifier;
import org.tongban.identity.JsonWebKeys;
import org.tongban.identity.KeySource;
import org.tongban.identity.TokenIssuer;
import org.tongban.identity.TokenVerifier;
import org.tongban.identity.VerifiedToken;
import org.tongban.keys.KeyPairs;
import org.tongban.keys.SigningKeys;
import org.tongban.result.VerificationResult;

/**
 * ID-token verification through {@link TokenVerifier} (keys cached: a fixed key source) against
 * the raw signature check of the same token with a prepared key, and against nimbus-jose-jwt's
 * {@code DefaultJWTProcessor} with its default (JDK) providers — RS256 and ES256 only, nimbus
 * has no SM2 — in the same run.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar TokenVerifyBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TokenVerifyBenchmark {
  /** The token's algorithm. */
  @Param({"RS256", "ES256", "SM2SM3"})
  public String algorithm;

  private String token;
  private TokenVerifier verifier;
  private Verifier raw;
  private byte[] signingInput;
  private byte[] signature;
  private DefaultJWTProcessor<SecurityContext> nimbus;

  /** Makes a key, a token and the three verifiers. */
  @Setup
  public void setUp() throws Exception {
    KeyType type = switch (algorithm) {
      case "RS256" -> KeyType.RSA;
      case "ES256" -> KeyType.EC_P256;
      default -> KeyType.SM2;
    };
    KeyPair kp = KeyPairs.generate(type);
    TokenIssuer issuer = TokenIssuer.builder("https://idp.example", SigningKeys.of(
        kp.getPrivate(), List.of()), kp.getPublic(),
        "k1").build();
    token = issuer.idToken("person-1", "dept-a", Duration.ofHours(2), Map.of("sid", "s-1",
        "name", "张三"));
    verifier = TokenVerifier.builder("https://idp.example", "dept-a", KeySource.of(
        JsonWebKeys.parse(issuer.jwks()))).algorithms(issuer.algorithm()).build();
    int dot = token.lastIndexOf('.');
    signingInput = token.substring(0, dot).getBytes(StandardCharsets.US_ASCII);
    signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
    raw = VerificationKey.builder(kp.getPublic()).algorithm(issuer.algorithm().algorithm())
        .parameters(issuer.algorithm().parameters()).build().verifier();
    if (!verifier.verifyIdToken(token).isValid()
        || !raw.isValid(signature, signingInput)) {
      throw new IllegalStateException("setup: the token does not verify");
    }
    if (!algorithm.equals("SM2SM3")) {
      nimbus = new DefaultJWTProcessor<>();
      nimbus.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.parse(algorithm),
          new ImmutableJWKSet<>(JWKSet.parse(issuer.jwks()))));
      nimbus.process(token, null);
    }
  }

  /**
   * Baseline: the signature over the signing input, with a prepared key.
   *
   * @return whether it verified
   */
  @Benchmark
  public boolean baselineRawSignature() {
    return raw.isValid(signature, signingInput);
  }

  /**
   * Everything: strict parse, header policy, key lookup, signature, claims.
   *
   * @return the result
   */
  @Benchmark
  public VerificationResult<VerifiedToken> tongbanVerifyIdToken() {
    return verifier.verifyIdToken(token);
  }

  /**
   * The baseline again, run at the same time as {@link #pairTongban} on the other core (a JMH
   * group): both see the same machine at the same moment, which this VM's drift otherwise
   * spoils.
   *
   * @return whether it verified
   */
  @Benchmark
  @Group("pair")
  @GroupThreads(1)
  public boolean pairRaw() {
    return raw.isValid(signature, signingInput);
  }

  /**
   * The token verifier, alongside {@link #pairRaw}.
   *
   * @return the result
   */
  @Benchmark
  @Group("pair")
  @GroupThreads(1)
  public VerificationResult<VerifiedToken> pairTongban() {
    return verifier.verifyIdToken(token);
  }

  /**
   * nimbus-jose-jwt's default processor (JDK providers); none for SM2SM3.
   *
   * @return the claims, or null for SM2SM3
   * @throws Exception never for a valid token
   */
  @Benchmark
  public JWTClaimsSet nimbusDefaultProcessor() throws Exception {
    return nimbus == null ? null : nimbus.process(token, null);
  }
}
