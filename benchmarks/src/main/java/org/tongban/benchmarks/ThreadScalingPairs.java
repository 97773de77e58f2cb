package org.tongban.benchmarks;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntPredicate;

/**
 * Thread scaling by interleaved timing, the complement of {@link ThreadScalingBenchmark} on a
 * noisy VM. JMH measures the one-thread and the two-thread row in different forks, minutes
 * apart; when the host takes part of a virtual CPU for a while, one row is hit and the other not,
 * and the ratio says more about the host than about the verifier. Here one JVM keeps two threads
 * on one shared verifier and alternates, every few seconds, a phase in which only the first
 * thread works with a phase in which both do; each round's ratio compares two phases measured
 * seconds apart. Reported: the best two-thread phase over the best one-thread phase (the host's
 * interference only ever slows a phase, so the best of each kind is the least disturbed), and
 * the median round's ratio.
 *
 * <p>Each phase also prints what each thread did: a shared lock or a contended cache line slows
 * both threads alike, while the host taking time from one virtual CPU slows one thread only.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * org.tongban.benchmarks.ThreadScalingPairs <machine|token|licence|pdf|seal> [rounds] [seconds]}
 * (defaults 8 rounds of 3-second phases, after 30 seconds of both threads warming up); run each
 * workload in its own JVM. {@code machine} is the control: register arithmetic, nothing shared.
 */
public final class ThreadScalingPairs {
  private static final int WARM_UP_SECONDS = 30;
  // Counters 16 longs (128 bytes) apart: the measuring must not share a cache line itself.
  private static final int STRIDE = 16;
  private static final int ONE = 1;
  private static final int TWO = 2;
  private static final int STOP = 3;

  private final AtomicLongArray done = new AtomicLongArray(2 * STRIDE);
  private volatile int phase = TWO;

  private ThreadScalingPairs() {}

  /**
   * Runs one workload.
   *
   * @param args workload, then optionally rounds and seconds per phase
   * @throws Exception if the workload cannot be set up
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: ThreadScalingPairs <machine|token|licence|pdf|seal> [rounds]"
          + " [seconds]");
      System.exit(2);
    }
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    new ThreadScalingPairs().run(args[0], workload(args[0]), rounds, seconds);
  }

  /**
   * The shared verifier of {@link ThreadScalingBenchmark}, as one verification by the thread
   * numbered by the argument (0 or 1).
   */
  private static IntPredicate workload(String name) throws Exception {
    switch (name) {
      case "token" -> {
        ThreadScalingBenchmark.Token t = new ThreadScalingBenchmark.Token();
        t.setUp();
        return id -> t.verify();
      }
      case "licence" -> {
        ThreadScalingBenchmark.Licence l = new ThreadScalingBenchmark.Licence();
        l.setUp();
        return id -> l.verify();
      }
      case "pdf" -> {
        ThreadScalingBenchmark.Pdf p = new ThreadScalingBenchmark.Pdf();
        p.setUp();
        return id -> p.verify();
      }
      case "seal" -> {
        ThreadScalingBenchmark.Seal s = new ThreadScalingBenchmark.Seal();
        s.setUp();
        return id -> s.verify();
      }
      case "machine" -> {
        // Each thread its own state, made by that thread (its own allocation buffer).
        ThreadScalingBenchmark.Spin[] spin = new ThreadScalingBenchmark.Spin[2];
        return id -> {
          if (spin[id] == null) {
            spin[id] = new ThreadScalingBenchmark.Spin();
          }
          return spin[id].run() != 42;
        };
      }
      default -> throw new IllegalArgumentException("unknown workload " + name);
    }
  }

  private void run(String name, IntPredicate op, int rounds, int seconds)
      throws InterruptedException {
    Thread[] workers = new Thread[2];
    for (int k = 0; k < 2; k++) {
      int id = k;
      workers[k] = new Thread(() -> work(id, op), "worker-" + k);
      workers[k].setDaemon(true);
      workers[k].start();
    }
    Thread.sleep(WARM_UP_SECONDS * 1000L);
    double[] ratios = new double[rounds];
    double bestOne = 0;
    double bestTwo = 0;
    for (int r = 0; r < rounds; r++) {
      double[] one = measure(ONE, seconds);
      double[] two = measure(TWO, seconds);
      ratios[r] = (two[0] + two[1]) / one[0];
      bestOne = Math.max(bestOne, one[0]);
      bestTwo = Math.max(bestTwo, two[0] + two[1]);
      System.out.printf(Locale.ROOT, "round %d: one thread %.1f/s; two threads %.1f + %.1f ="
          + " %.1f/s; ratio %.2f%n", r + 1, one[0], two[0], two[1], two[0] + two[1], ratios[r]);
    }
    phase = STOP;
    Arrays.sort(ratios);
    // The host's interference only ever takes time away, so the best phase of each kind is the
    // least disturbed: best against best is the ratio the verifier allows.
    System.out.printf(Locale.ROOT, "%s: best two-thread phase / best one-thread phase %.2f;"
        + " median round %.2f (lowest %.2f, highest %.2f, %d rounds)%n", name,
        bestTwo / bestOne, ratios[rounds / 2], ratios[0], ratios[rounds - 1], rounds);
  }

  private void work(int id, IntPredicate op) {
    long count = 0;
    while (true) {
      int p = phase;
      if (p == STOP) {
        return;
      }
      if (id == 1 && p == ONE) {
        LockSupport.parkNanos(1_000_000); // idle: leave the second CPU to the JVM and the OS
        continue;
      }
      if (!op.test(id)) {
        System.err.println("a verification failed: no ratio");
        System.exit(1);
      }
      done.lazySet(id * STRIDE, ++count);
    }
  }

  /** Each thread's verifications per second in one phase, after half a second to settle. */
  private double[] measure(int p, int seconds) throws InterruptedException {
    phase = p;
    Thread.sleep(500);
    long a0 = done.get(0);
    long b0 = done.get(STRIDE);
    long t0 = System.nanoTime();
    Thread.sleep(seconds * 1000L);
    long a1 = done.get(0);
    long b1 = done.get(STRIDE);
    double s = (System.nanoTime() - t0) / 1e9;
    return new double[] {(a1 - a0) / s, (b1 - b0) / s};
  }
}
