package org.tongban.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Does verification scale with threads? One verifier of each kind, built once and shared by
 * every thread as an application shares it, run by one and by two threads in the same JMH run:
 * an SM2 ID token ({@code TokenVerifier}), a v4 SM2 seal ({@code SealVerifier}, no chains), an
 * SM2 PDF seal on a 1 MB file ({@code PdfSealVerifier}) and an SM2 licence QR text
 * ({@code LicenseVerifier}). On two cores, two threads should do close to twice the work of one;
 * a shared lock or a contended cache on the hot path would show as less.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ThreadScalingBenchmark}; compare
 * each {@code …2} score (total over both threads) with its {@code …1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// Twelve warm-up seconds: with two benchmark threads on two cores the JIT's compiler threads
// get little CPU, and three seconds left the two-thread rows still climbing while measured.
@Warmup(iterations = 12, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ThreadScalingBenchmark {
  private final TokenVerifyBenchmark token = new TokenVerifyBenchmark();
  private final SealVerifyBenchmark seal = new SealVerifyBenchmark();
  private final PdfSealVerifyBenchmark pdf = new PdfSealVerifyBenchmark();
  private final LicenseVerifyBenchmark licence = new LicenseVerifyBenchmark();

  /**
   * Builds the four verifiers and their inputs.
   *
   * @throws Exception if an input cannot be made
   */
  @Setup
  public void setUp() throws Exception {
    token.algorithm = "SM2SM3";
    token.setUp();
    seal.setUp();
    pdf.algorithm = "SM2";
    pdf.megabytes = 1;
    pdf.setUp();
    licence.alg = "SM2";
    licence.setUp();
  }

  /**
   * An SM2 ID token, one thread.
   *
   * @return the verdict
   */
  @Benchmark
  @Threads(1)
  public boolean token1() {
    return token.tongbanVerifyIdToken().isValid();
  }

  /**
   * An SM2 ID token, two threads.
   *
   * @return the verdict
   */
  @Benchmark
  @Threads(2)
  public boolean token2() {
    return token.tongbanVerifyIdToken().isValid();
  }

  /**
   * A v4 SM2 seal, one thread.
   *
   * @return the verdict
   */
  @Benchmark
  @Threads(1)
  public boolean seal1() {
    return seal.tongbanVerify();
  }

  /**
   * A v4 SM2 seal, two threads.
   *
   * @return the verdict
   */
  @Benchmark
  @Threads(2)
  public boolean seal2() {
    return seal.tongbanVerify();
  }

  /**
   * An SM2 PDF seal on 1 MB, one thread.
   *
   * @return the verdict
   */
  @Benchmark
  @Threads(1)
  public boolean pdf1() {
    return pdf.tongbanVerify().isValid();
  }

  /**
   * An SM2 PDF seal on 1 MB, two threads.
   *
   * @return the verdict
   */
  @Benchmark
  @Threads(2)
  public boolean pdf2() {
    return pdf.tongbanVerify().isValid();
  }

  /**
   * An SM2 licence QR text, one thread.
   *
   * @return the verdict
   */
  @Benchmark
  @Threads(1)
  public boolean licence1() {
    return licence.verifyText();
  }

  /**
   * An SM2 licence QR text, two threads.
   *
   * @return the verdict
   */
  @Benchmark
  @Threads(2)
  public boolean licence2() {
    return licence.verifyText();
  }
}
