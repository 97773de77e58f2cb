package org.tongban.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A real {@code redis-server} (Debian package {@code redis-server}) on 127.0.0.1 on a free port,
 * in a temporary folder, with no persistence; stopped (and startable again on the same port, to
 * test recovery) by the test that started it.
 */
public final class RedisServer implements AutoCloseable {
  private final Path program;
  private final int port;
  private final Path dir;
  private Process process;
  private Process sentinel;

  private RedisServer(Path program) throws IOException {
    this.program = program;
    this.port = Loopback.freePort();
    this.dir = Files.createTempDirectory("tongban-redis");
  }

  /**
   * Starts one, or skips the calling test when {@code redis-server} is absent (fails under CI).
   *
   * @return the running server
   * @throws Exception if it does not start
   */
  public static RedisServer start() throws Exception {
    RedisServer s = new RedisServer(Outside.program("redis-server", "redis-server"));
    s.up();
    return s;
  }

  /**
   * Starts a Sentinel ({@code redis-server --sentinel}) on its own free port watching this
   * server as master {@code name}; stopped with this server.
   *
   * @param name the master's name
   * @return the Sentinel URI, {@code redis-sentinel://127.0.0.1:<port>#<name>}
   * @throws Exception if it does not start
   */
  public String sentinel(String name) throws Exception {
    int sp = Loopback.freePort();
    Path conf = dir.resolve("sentinel.conf");
    Files.writeString(conf, "port " + sp + "\nbind 127.0.0.1\nsentinel monitor " + name
        + " 127.0.0.1 " + port + " 1\nsentinel down-after-milliseconds " + name + " 5000\n");
    sentinel = new ProcessBuilder(program.toString(), conf.toString(), "--sentinel")
        .redirectErrorStream(true).redirectOutput(dir.resolve("sentinel.log").toFile()).start();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(deadline)) {
      if (ping(sp)) {
        return "redis-sentinel://127.0.0.1:" + sp + "#" + name;
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("redis sentinel did not start: "
        + Files.readString(dir.resolve("sentinel.log")));
  }

  /**
   * Returns its URI.
   *
   * @return {@code redis://127.0.0.1:<port>}
   */
  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /**
   * Starts the server again on the same port after {@link #stop()}.
   *
   * @throws Exception if it does not start
   */
  public void up() throws Exception {
    process = new ProcessBuilder(program.toString(), "--port", Integer.toString(port), "--bind",
        "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
        "--protected-mode", "yes").redirectErrorStream(true)
        .redirectOutput(dir.resolve("redis.log").toFile()).start();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (Instant.now().isBefore(deadline)) {
      if (ping(port)) {
        return;
      }
      Thread.sleep(50);
    }
    String log = Files.readString(dir.resolve("redis.log"));
    close();
    throw new IllegalStateException("redis-server did not start: " + log);
  }

  private static boolean ping(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(1000);
      OutputStream o = s.getOutputStream();
      o.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      o.flush();
      InputStream in = s.getInputStream();
      byte[] b = new byte[7];
      int n = in.read(b);
      return n > 0 && new String(b, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Stops the server (kills it, as a crash would).
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public void stop() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor();
      process = null;
    }
  }

  /**
   * Freezes the server ({@code SIGSTOP}): its connections stay open and nothing answers, as in
   * a silent network partition.
   *
   * @throws Exception if the signal cannot be sent
   */
  public void freeze() throws Exception {
    signal("-STOP");
  }

  /**
   * Lets a frozen server go on ({@code SIGCONT}).
   *
   * @throws Exception if the signal cannot be sent
   */
  public void thaw() throws Exception {
    signal("-CONT");
  }

  private void signal(String which) throws Exception {
    int exit = new ProcessBuilder("kill", which, Long.toString(process.pid())).inheritIO()
        .start().waitFor();
    if (exit != 0) {
      throw new IllegalStateException("kill " + which + " failed: " + exit);
    }
  }

  @Override
  public void close() throws IOException {
    if (sentinel != null) {
      sentinel.destroyForcibly();
      sentinel = null;
    }
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
    try (var files = Files.walk(dir)) {
      for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
