package org.tongban.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs the CLI in-process for tests: exit code, stdout and stderr; paths inside one folder. */
final class CliRunner {
  private final Path dir;

  CliRunner(Path dir) {
    this.dir = dir;
  }

  /** Returns {exit code, stdout, stderr}. */
  String[] run(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = Main.run(new PrintWriter(o), new PrintWriter(e), args);
    return new String[] {String.valueOf(code), o.toString(), e.toString()};
  }

  /** Runs and requires exit 0; returns stdout. */
  String ok(String... args) {
    String[] r = run(args);
    assertEquals("0", r[0], String.join(" ", args) + "\n" + r[1] + r[2]);
    return r[1];
  }

  /**
   * Writes a seal picture that needs no font (ring and star) into the folder, so that tests
   * about something other than drawing a name pass on a machine without a CJK font.
   */
  String emblem() {
    try {
      java.nio.file.Files.write(dir.resolve("emblem.png"),
          org.tongban.seal.SealPictures.emblem(42, 150));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return p("emblem.png");
  }

  /** A path in the folder. */
  String p(String name) {
    return dir.resolve(name).toString();
  }
}
