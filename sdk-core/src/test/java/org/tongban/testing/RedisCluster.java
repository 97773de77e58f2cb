package org.tongban.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A three-master Redis Cluster on loopback ({@code redis-server --cluster-enabled yes}, joined
 * with {@code redis-cli --cluster create}, both from Debian's {@code redis-server}), in a
 * temporary folder; stopped by the test that started it.
 */
public final class RedisCluster implements AutoCloseable {
  private final List<Process> nodes = new ArrayList<>();
  private final List<Integer> ports = new ArrayList<>();
  private final Path dir;

  private RedisCluster(Path dir) {
    this.dir = dir;
  }

  /**
   * Starts the cluster, or skips the calling test when the tools are absent.
   *
   * @return the running cluster
   * @throws Exception if it does not form
   */
  public static RedisCluster start() throws Exception {
    Path server = Outside.program("redis-server", "redis-server");
    Path cli = Outside.program("redis-cli", "redis-tools");
    RedisCluster c = new RedisCluster(Files.createTempDirectory("tongban-cluster"));
    try {
      for (int i = 0; i < 3; i++) {
        int port = Loopback.freePort();
        Path d = Files.createDirectories(c.dir.resolve("n" + i));
        c.ports.add(port);
        c.nodes.add(new ProcessBuilder(server.toString(), "--port", Integer.toString(port),
            "--bind", "127.0.0.1", "--cluster-enabled", "yes", "--cluster-config-file",
            "nodes.conf", "--save", "", "--appendonly", "no", "--dir", d.toString())
            .redirectErrorStream(true).redirectOutput(d.resolve("log").toFile()).start());
      }
      List<String> create = new ArrayList<>(List.of(cli.toString(), "--cluster", "create"));
      c.ports.forEach(p -> create.add("127.0.0.1:" + p));
      create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
      Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
      while (true) {
        Process p = new ProcessBuilder(create).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() == 0 && out.contains("All 16384 slots covered")) {
          break;
        }
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("the cluster did not form: " + out);
        }
        Thread.sleep(200);
      }
      while (!c.ok(cli)) {
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException("the cluster is not ok");
        }
        Thread.sleep(100);
      }
      return c;
    } catch (Exception e) {
      c.close();
      throw e;
    }
  }

  private boolean ok(Path cli) throws Exception {
    Process p = new ProcessBuilder(cli.toString(), "-p", Integer.toString(ports.get(0)),
        "cluster", "info").redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return p.waitFor() == 0 && out.contains("cluster_state:ok");
  }

  /**
   * Returns the URI that names its seed nodes.
   *
   * @return {@code redis-cluster://127.0.0.1:<p1>,127.0.0.1:<p2>,…}
   */
  public String uri() {
    List<String> hosts = new ArrayList<>();
    ports.forEach(p -> hosts.add("127.0.0.1:" + p));
    return "redis-cluster://" + String.join(",", hosts);
  }

  @Override
  public void close() throws java.io.IOException {
    for (Process p : nodes) {
      p.destroyForcibly();
    }
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
