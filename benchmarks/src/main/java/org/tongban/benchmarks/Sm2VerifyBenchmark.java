package org.tongban.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.ParametersWithID;
import org.bouncycastle.crypto.signers.SM2Signer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tongban.crypto.KeyType;
import org.tongban.crypto.VerificationKey;
import org.tongban.keys.KeyPairs;
import org.tongban.keys.SigningKeys;

/**
 * SM2 signature verification of a 1 KiB message: Tongban's {@link VerificationKey} against the
 * baseline, BouncyCastle's stock {@code SM2Signer} on the optimised {@code sm2p256v1} curve with
 * its key object and signer reused (so Z_A is computed once for both); and a key's first
 * verification, key objects made afresh on both sides.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar Sm2VerifyBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// Twenty warm-up seconds: with six, our rows were still rising when measured (the comb tables
// and the field's large methods reach C2 late) and the ratio read 1.71 instead of 1.9-2.0.
@Warmup(iterations = 20, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class Sm2VerifyBenchmark {
  private byte[] message;
  private byte[] signature;
  private VerificationKey tongban;
  private ECPublicKeyParameters baselineKey;
  private java.security.PublicKey publicKey;
  private ECDomainParameters domain;

  /**
   * BouncyCastle's signer per thread: an {@code SM2Signer} holds its digest state and is not
   * thread-safe, while Tongban's {@link VerificationKey} is shared, as an application shares it.
   */
  @State(Scope.Thread)
  public static class ThreadBaseline {
    SM2Signer signer;

    /**
     * Prepares this thread's signer from the shared key.
     *
     * @param b the shared state
     */
    @Setup
    public void setUp(Sm2VerifyBenchmark b) {
      signer = new SM2Signer();
      signer.init(false, new ParametersWithID(b.baselineKey,
          "1234567812345678".getBytes(StandardCharsets.US_ASCII)));
    }
  }

  /** Makes a key, a message and a signature; prepares both verifiers. */
  @Setup
  public void setUp() {
    message = java.util.Arrays.copyOf(
        "统一电子印章 benchmark ".repeat(100).getBytes(StandardCharsets.UTF_8), 1024);
    KeyPair kp = KeyPairs.generate(KeyType.SM2);
    signature = SigningKeys.of(kp.getPrivate(), List.of()).sign(message);
    tongban = VerificationKey.of(kp.getPublic());
    publicKey = kp.getPublic();

    X9ECParameters x9 = CustomNamedCurves.getByName("sm2p256v1");
    domain = new ECDomainParameters(x9.getCurve(), x9.getG(), x9.getN(), x9.getH());
    ECPublicKey pub = (ECPublicKey) kp.getPublic();
    baselineKey = new ECPublicKeyParameters(x9.getCurve().createPoint(
        pub.getW().getAffineX(), pub.getW().getAffineY()), domain);
    ThreadBaseline check = new ThreadBaseline();
    check.setUp(this);
    if (!baselineVerify(check) || !tongbanVerify()) {
      throw new IllegalStateException("benchmark signature does not verify");
    }
  }

  /**
   * Baseline: stock BouncyCastle SM2Signer, key and signer reused (one signer per thread).
   *
   * @param t this thread's signer
   * @return the verdict
   */
  @Benchmark
  public boolean baselineVerify(ThreadBaseline t) {
    t.signer.update(message, 0, message.length);
    return t.signer.verifySignature(signature);
  }

  /**
   * Tongban: {@code VerificationKey.verifier().isValid} (strict DER, prepared key).
   *
   * @return the verdict
   */
  @Benchmark
  public boolean tongbanVerify() {
    return tongban.verifier().isValid(signature, message);
  }

  /**
   * Baseline for a key's first verification: a new BouncyCastle key object and SM2Signer from
   * the public key each time (so Z_A and the point are computed every time).
   *
   * @return the verdict
   */
  @Benchmark
  public boolean baselineFirstVerify() {
    ECPublicKey pub = (ECPublicKey) publicKey;
    SM2Signer signer = new SM2Signer();
    signer.init(false, new ParametersWithID(new ECPublicKeyParameters(domain.getCurve()
        .createPoint(pub.getW().getAffineX(), pub.getW().getAffineY()), domain),
        "1234567812345678".getBytes(StandardCharsets.US_ASCII)));
    signer.update(message, 0, message.length);
    return signer.verifySignature(signature);
  }

  /**
   * Tongban's first verification with a key: a new {@link VerificationKey} from the public key
   * each time (point validation, Z_A, BouncyCastle's generic multiplication).
   *
   * @return the verdict
   */
  @Benchmark
  public boolean tongbanFirstVerify() {
    return VerificationKey.of(publicKey).verifier().isValid(signature, message);
  }
}
