package org.tongban.benchmarks;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tongban.identity.TokenVerifier;
import org.tongban.identity.VerifiedToken;
import org.tongban.result.VerificationResult;

/**
 * ID-token verification through {@link TokenVerifier} against nimbus-jose-jwt's
 * {@code DefaultJWTProcessor} with its default (JDK) providers, same run — RS256 and ES256
 * only: nimbus has no SM2, so that combination is not run at all (a method that returns at once
 * would measure nothing).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar TokenVerifyNimbusBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TokenVerifyNimbusBenchmark {
  /** The token's algorithm. */
  @Param({"RS256", "ES256"})
  public String algorithm;

  private String token;
  private TokenVerifier verifier;
  private DefaultJWTProcessor<SecurityContext> nimbus;

  /**
   * Makes a key, a token and both verifiers.
   *
   * @throws Exception if nimbus cannot process the token
   */
  @Setup
  public void setUp() throws Exception {
    BenchTokens.Made made = BenchTokens.make(algorithm);
    token = made.token();
    verifier = made.verifier();
    nimbus = new DefaultJWTProcessor<>();
    nimbus.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.parse(algorithm),
        new ImmutableJWKSet<>(JWKSet.parse(made.issuer().jwks()))));
    nimbus.process(token, null);
  }

  /**
   * Tongban's verifier.
   *
   * @return the result
   */
  @Benchmark
  public VerificationResult<VerifiedToken> tongbanVerifyIdToken() {
    return verifier.verifyIdToken(token);
  }

  /**
   * nimbus-jose-jwt's default processor.
   *
   * @return the claims
   * @throws Exception never for a valid token
   */
  @Benchmark
  public JWTClaimsSet nimbusDefaultProcessor() throws Exception {
    return nimbus.process(token, null);
  }
}
