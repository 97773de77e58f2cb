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
 * <p>The control rows {@code machine1} and {@code machine2} run a loop of register arithmetic
 * that shares nothing at all: their ratio is what this machine gives two threads during the
 * run. On a VM whose host now and then takes part of one virtual CPU it drops below 2, and a
 * verifier's ratio in that run is bounded by it; a verifier whose ratio stays well under the
 * control's is contended. {@link ThreadScalingPairs} measures the same verifiers by interleaved
 * timing in one JVM, which takes the host's slow minutes out of the ratio.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ThreadScalingBenchmark}; compare
 * each {@code …2} score (total over both threads) with its {@code …1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// Twelve warm-up seconds (thirty for the PDF rows, see pdf1): with two benchmark threads on two
// cores the JIT's compiler threads get little CPU, and three seconds left the two-thread rows
// still climbing while measured.
@Warmup(iterations = 12, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class ThreadScalingBenchmark {
  // One state per verifier, so that a fork builds only the verifier it measures: building all
  // four (the licence's set-up renders and decodes images) left the JIT compiling their set-up
  // code during the measurement, which costs the two-thread rows more than the one-thread rows.

  /** The shared ID-token verifier and its token. */
  @State(Scope.Benchmark)
  public static class Token {
    final TokenVerifyBenchmark bench = new TokenVerifyBenchmark();

    /**
     * Builds the verifier.
     *
     * @throws Exception if the token cannot be made
     */
    @Setup
    public void setUp() throws Exception {
      bench.algorithm = "SM2SM3";
      bench.setUp();
    }

    /**
     * One verification.
     *
     * @return the verdict
     */
    boolean verify() {
      return bench.tongbanVerifyIdToken().isValid();
    }
  }

  /** The shared seal verifier and its signature. */
  @State(Scope.Benchmark)
  public static class Seal {
    final SealVerifyBenchmark bench = new SealVerifyBenchmark();

    /**
     * Builds the verifier.
     *
     * @throws Exception if the seal cannot be made
     */
    @Setup
    public void setUp() throws Exception {
      bench.setUp();
    }

    /**
     * One verification.
     *
     * @return the verdict
     */
    boolean verify() {
      return bench.tongbanVerify();
    }
  }

  /** The shared PDF seal verifier and its 1 MB document. */
  @State(Scope.Benchmark)
  public static class Pdf {
    final PdfSealVerifyBenchmark bench = new PdfSealVerifyBenchmark();

    /** Builds the verifier. */
    @Setup
    public void setUp() {
      bench.algorithm = "SM2";
      bench.megabytes = 1;
      bench.setUp();
    }

    /**
     * One verification.
     *
     * @return the verdict
     */
    boolean verify() {
      return bench.tongbanVerify().isValid();
    }
  }

  /** The shared licence verifier and its QR text. */
  @State(Scope.Benchmark)
  public static class Licence {
    final LicenseVerifyBenchmark bench = new LicenseVerifyBenchmark();

    /**
     * Builds the verifier.
     *
     * @throws Exception if the licence cannot be made
     */
    @Setup
    public void setUp() throws Exception {
      bench.alg = "SM2";
      bench.setUp();
    }

    /**
     * One verification.
     *
     * @return the verdict
     */
    boolean verify() {
      return bench.verifyText();
    }
  }

  /** Each thread's own arithmetic state for the control rows, shared with no other thread. */
  @State(Scope.Thread)
  public static class Spin {
    long x = System.nanoTime();

    long run() {
      long v = x;
      // A dependent chain of register operations, about 5 µs: no memory, no calls.
      for (int i = 0; i < 2_000; i++) {
        v = Long.rotateLeft(v + i, 7) ^ i;
        v = v * 31 + 1;
      }
      x = v;
      return v;
    }
  }

  /**
   * Control: register arithmetic, one thread.
   *
   * @param spin this thread's state
   * @return the value computed
   */
  @Benchmark
  @Threads(1)
  public long machine1(Spin spin) {
    return spin.run();
  }

  /**
   * Control: register arithmetic, two threads.
   *
   * @param spin this thread's state
   * @return the value computed
   */
  @Benchmark
  @Threads(2)
  public long machine2(Spin spin) {
    return spin.run();
  }

  /**
   * An SM2 ID token, one thread.
   *
   * @param t the shared verifier
   * @return the verdict
   */
  @Benchmark
  @Threads(1)
  public boolean token1(Token t) {
    return t.verify();
  }

  /**
   * An SM2 ID token, two threads.
   *
   * @param t the shared verifier
   * @return the verdict
   */
  @Benchmark
  @Threads(2)
  public boolean token2(Token t) {
    return t.verify();
  }

  /**
   * A v4 SM2 seal, one thread.
   *
   * @param s the shared verifier
   * @return the verdict
   */
  @Benchmark
  @Threads(1)
  public boolean seal1(Seal s) {
    return s.verify();
  }

  /**
   * A v4 SM2 seal, two threads.
   *
   * @param s the shared verifier
   * @return the verdict
   */
  @Benchmark
  @Threads(2)
  public boolean seal2(Seal s) {
    return s.verify();
  }

  /**
   * An SM2 PDF seal on 1 MB, one thread. Thirty warm-up seconds: at 100–300 verifications a
   * second, the code run once per document reaches the JIT's last tier only after 20–25 s (up to
   * 950 ms of compiler time was seen in one measured second), and that compiling takes its CPU
   * from the two-thread row.
   *
   * @param p the shared verifier
   * @return the verdict
   */
  @Benchmark
  @Threads(1)
  @Warmup(iterations = 30, time = 1)
  public boolean pdf1(Pdf p) {
    return p.verify();
  }

  /**
   * An SM2 PDF seal on 1 MB, two threads (thirty warm-up seconds, as {@link #pdf1}).
   *
   * @param p the shared verifier
   * @return the verdict
   */
  @Benchmark
  @Threads(2)
  @Warmup(iterations = 30, time = 1)
  public boolean pdf2(Pdf p) {
    return p.verify();
  }

  /**
   * An SM2 licence QR text, one thread.
   *
   * @param l the shared verifier
   * @return the verdict
   */
  @Benchmark
  @Threads(1)
  public boolean licence1(Licence l) {
    return l.verify();
  }

  /**
   * An SM2 licence QR text, two threads.
   *
   * @param l the shared verifier
   * @return the verdict
   */
  @Benchmark
  @Threads(2)
  public boolean licence2(Licence l) {
    return l.verify();
  }
}
