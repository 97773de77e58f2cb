package org.tongban.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the {@code openssl} command line for interop tests; skips visibly if it is absent. */
public final class Openssl {
  private static Boolean available;

  private Openssl() {}

  /** The outcome of one run. */
  public record Run(int exit, String output) {}

  /** Skips the calling test, with one line naming the package, unless OpenSSL 3 is on PATH. */
  public static synchronized void assumeAvailable() {
    if (available == null) {
      try {
        Run r = run(Path.of("."), "version");
        available = r.exit() == 0 && r.output().startsWith("OpenSSL 3");
      } catch (IOException e) {
        available = false;
      }
    }
    Outside.require(available, "OpenSSL 3 not found on PATH", "apt-get install openssl");
  }

  /**
   * Runs openssl with arguments in a directory.
   *
   * @param dir the working directory
   * @param args the arguments
   * @return exit code and combined output
   * @throws IOException if it cannot be started
   */
  public static Run run(Path dir, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add("openssl");
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
        .start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InputStream in = p.getInputStream()) {
      in.transferTo(out);
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("openssl timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    return new Run(p.exitValue(), out.toString(StandardCharsets.UTF_8));
  }
}
