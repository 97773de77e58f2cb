package org.tongban.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.digests.SM3Digest;
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
import org.tongban.internal.crypto.Sm3;

/**
 * SM3 throughput: Tongban's {@code Sm3} (what every SM3 in the SDK now runs: SM2's Z_A and e,
 * PDF byte ranges, OFD parts, seals' data hashes) against BouncyCastle's {@code SM3Digest}, same
 * run, on 1 KiB and 1 MiB, a new digest object per message as the SDK uses them.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar Sm3Benchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// Ten warm-up seconds and five forks: with three and two, forks landed a fifth apart (the
// VM's neighbours), and the error bars hid the difference being measured.
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(5)
public class Sm3Benchmark {
  @Param({"1024", "1048576"})
  public int size;

  private byte[] data;

  /** Random input of the given size. */
  @Setup
  public void setUp() {
    data = new byte[size];
    new SplittableRandom(1).nextBytes(data);
  }

  /**
   * Baseline: BouncyCastle's SM3Digest.
   *
   * @return the digest
   */
  @Benchmark
  public byte[] baselineBouncyCastle() {
    SM3Digest d = new SM3Digest();
    d.update(data, 0, data.length);
    byte[] out = new byte[32];
    d.doFinal(out, 0);
    return out;
  }

  /**
   * Tongban's SM3.
   *
   * @return the digest
   */
  @Benchmark
  public byte[] tongban() {
    return Sm3.digest(data);
  }
}
