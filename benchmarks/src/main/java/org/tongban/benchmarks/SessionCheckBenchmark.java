package org.tongban.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.tongban.identity.Identity;
import org.tongban.identity.InMemorySessionRegistry;
import org.tongban.identity.SessionRegistry;
import org.tongban.identity.redis.RedisIdentityStores;

/**
 * The per-request cost of the session check a department app makes on every protected request
 * ({@code SessionRegistry.find}): through {@link RedisIdentityStores} to a real
 * {@code redis-server} on loopback (started by the benchmark on a free port), with 1 and 16
 * concurrent clients, with the default session cache and with it off, against the in-memory
 * registry of one node, same run. The thousand sessions are checked at random, so the cached
 * runs read each one from Redis once and then hit (nothing changes them), as the requests of a
 * page load or an API client do after the first; the uncached runs are what every first check
 * costs. Sample mode, so JMH prints p50 and p99.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SessionCheckBenchmark} (needs
 * {@code redis-server} on the PATH).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SessionCheckBenchmark {
  private Process redis;
  private Path dir;
  private RedisIdentityStores stores;
  private RedisIdentityStores uncached;
  private SessionRegistry memory;

  /**
   * Starts redis-server and registers a thousand sessions in both registries.
   *
   * @throws Exception if redis-server cannot start
   */
  @Setup(Level.Trial)
  public void setUp() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    dir = Files.createTempDirectory("bench-redis");
    redis = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind",
        "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile()).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!ping(port)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("redis-server did not start");
      }
      Thread.sleep(50);
    }
    stores = RedisIdentityStores.builder("redis://127.0.0.1:" + port, "bench").build();
    uncached = RedisIdentityStores.builder("redis://127.0.0.1:" + port, "bench")
        .sessionCache(Duration.ZERO, 1).build();
    memory = new InMemorySessionRegistry(10_000);
    for (int i = 0; i < 1000; i++) {
      SessionRegistry.Session s = new SessionRegistry.Session("local-" + i,
          "https://idp.example", new Identity(Identity.SubjectType.NATURAL_PERSON,
              "person-" + i, "张三", Optional.of("11010519491231002X"), Optional.empty(),
              Optional.empty(), 3, Optional.of("sid-" + i)), Instant.now());
      stores.sessions().register(s);
      memory.register(s);
    }
  }

  private static boolean ping(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      OutputStream o = s.getOutputStream();
      o.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      InputStream in = s.getInputStream();
      byte[] b = new byte[5];
      return in.read(b) > 0 && b[0] == '+';
    } catch (IOException e) {
      return false;
    }
  }

  /** Stops redis-server. */
  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    stores.close();
    uncached.close();
    redis.destroyForcibly().waitFor();
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static String someSession() {
    return "local-" + java.util.concurrent.ThreadLocalRandom.current().nextInt(1000);
  }

  /**
   * Baseline: the in-memory registry of one node.
   *
   * @return the session found
   */
  @Benchmark
  @Threads(1)
  public Optional<SessionRegistry.Session> inMemory1() {
    return memory.find(someSession());
  }

  /**
   * Baseline for sixteen clients: the in-memory registry, so that what the scheduler adds when
   * sixteen threads share two CPUs is not counted as Redis's.
   *
   * @return the session found
   */
  @Benchmark
  @Threads(16)
  public Optional<SessionRegistry.Session> inMemory16() {
    return memory.find(someSession());
  }

  /**
   * Redis on loopback as the SDK is configured by default (sessions read in the last 30 s kept
   * while Redis tracks them), one client.
   *
   * @return the session found
   */
  @Benchmark
  @Threads(1)
  public Optional<SessionRegistry.Session> redis1() {
    return stores.sessions().find(someSession());
  }

  /**
   * Redis on loopback as configured by default, sixteen concurrent clients.
   *
   * @return the session found
   */
  @Benchmark
  @Threads(16)
  public Optional<SessionRegistry.Session> redis16() {
    return stores.sessions().find(someSession());
  }

  /**
   * Redis on loopback with the session cache off: every check a round trip, one client.
   *
   * @return the session found
   */
  @Benchmark
  @Threads(1)
  public Optional<SessionRegistry.Session> redisUncached1() {
    return uncached.sessions().find(someSession());
  }

  /**
   * Redis on loopback with the session cache off, sixteen concurrent clients on the one shared
   * connection.
   *
   * @return the session found
   */
  @Benchmark
  @Threads(16)
  public Optional<SessionRegistry.Session> redisUncached16() {
    return uncached.sessions().find(someSession());
  }
}
