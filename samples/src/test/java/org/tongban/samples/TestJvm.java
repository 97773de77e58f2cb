package org.tongban.samples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs a main class in a child JVM with this test's class path: its real stdout and stderr. */
public final class TestJvm {
  private TestJvm() {}

  /**
   * Returns the command line that runs a main class with arguments.
   *
   * @param main the class with {@code main}
   * @param args its arguments
   * @return the command
   */
  public static List<String> command(Class<?> main, String... args) {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), main.getName()));
    cmd.addAll(List.of(args));
    return cmd;
  }
}
