package org.tongban.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** File helpers with size limits, so that a wrong path cannot exhaust memory. */
final class Files2 {
  /** Largest file signed or verified by the CLI: 512 MiB. */
  static final long MAX_INPUT_BYTES = 512L << 20;
  /** Largest key, certificate or signature file: 1 MiB. */
  static final long MAX_SMALL_BYTES = 1L << 20;

  private Files2() {}

  static byte[] read(Path p, long max) throws IOException {
    long size = Files.size(p);
    if (size > max) {
      throw new IOException(p + " is larger than " + max + " bytes");
    }
    return Files.readAllBytes(p);
  }

  static String readText(Path p) throws IOException {
    return new String(read(p, MAX_SMALL_BYTES), StandardCharsets.UTF_8);
  }

  static void write(Path p, String text) throws IOException {
    write(p, text.getBytes(StandardCharsets.UTF_8));
  }

  static void write(Path p, byte[] bytes) throws IOException {
    Files.write(output(p), bytes);
  }

  /**
   * Writes a file through a temporary file in the same folder, moved into place at the end: a
   * failure leaves no half-written output.
   */
  static void writeAtomically(Path p, byte[] bytes) throws IOException {
    Path target = output(p).toAbsolutePath();
    Path tmp = Files.createTempFile(target.getParent(), ".tongban-", ".part");
    try {
      Files.write(tmp, bytes);
      try {
        Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } catch (java.nio.file.AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Checks that an output file's folder exists and returns the file. A folder is never created
   * implicitly: a mistyped path should be an error, not a new directory tree.
   */
  static Path output(Path p) throws IOException {
    Path parent = p.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw new IOException("no such folder: " + parent + " (create it first)");
    }
    return p;
  }
}
