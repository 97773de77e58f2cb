package org.tongban.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Base64;
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
import org.tongban.crypto.VerificationKey;
import org.tongban.crypto.Verifier;
import org.tongban.identity.TokenIssuer;
import org.tongban.identity.TokenVerifier;
import org.tongban.identity.VerifiedToken;
import org.tongban.result.VerificationResult;

/**
 * ID-token verification through {@link TokenVerifier} (keys cached: a fixed key source) against
 * the raw signature check of the same token with a prepared key, in the same run. Against
 * nimbus-jose-jwt, which has no SM2: {@link TokenVerifyNimbusBenchmark}.
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

  /** Makes a key, a token and the two verifiers. */
  @Setup
  public void setUp() throws Exception {
    BenchTokens.Made made = BenchTokens.make(algorithm);
    token = made.token();
    verifier = made.verifier();
    TokenIssuer issuer = made.issuer();
    KeyPair kp = made.keys();
    int dot = token.lastIndexOf('.');
    signingInput = token.substring(0, dot).getBytes(StandardCharsets.US_ASCII);
    signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
    raw = VerificationKey.builder(kp.getPublic()).algorithm(issuer.algorithm().algorithm())
        .parameters(issuer.algorithm().parameters()).build().verifier();
    if (!verifier.verifyIdToken(token).isValid()
        || !raw.isValid(signature, signingInput)) {
      throw new IllegalStateException("setup: the token does not verify");
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

}
