package org.tongban.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The one gate for tests that need something outside the JDK and Maven: a program (OpenSSL,
 * pdfsig, zbarimg, Chromium), a font, a server (Keycloak, Redis). Where it is missing the test
 * is skipped with one line naming what is missing and the Debian package (or step) that brings
 * it; under CI ({@code CI=true}) a missing one fails instead, because {@code .ci/run} installs
 * all of them and a silent skip there would hide a broken install step.
 */
public final class Outside {
  private Outside() {}

  /**
   * Returns whether this run is CI's: the environment variable {@code CI} is {@code true}.
   *
   * @return true under CI
   */
  public static boolean underCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  /**
   * Finds a program on the {@code PATH}.
   *
   * @param name the program's file name
   * @return its path, or empty
   */
  public static Optional<Path> find(String name) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (!d.isEmpty() && Files.isExecutable(Path.of(d, name))) {
        return Optional.of(Path.of(d, name));
      }
    }
    return Optional.empty();
  }

  /**
   * Requires a program on the {@code PATH}.
   *
   * @param name the program's file name
   * @param debianPackage the Debian package that installs it
   * @return its path
   */
  public static Path program(String name, String debianPackage) {
    Optional<Path> p = find(name);
    require(p.isPresent(), name + " not found on PATH", "apt-get install " + debianPackage);
    return p.orElseThrow();
  }

  /**
   * Requires something outside the JDK and Maven: skips the calling test with one line on
   * stderr when it is absent, or fails under CI.
   *
   * @param present whether it is there
   * @param what what is missing, e.g. {@code "zbarimg not found on PATH"}
   * @param howToGet the install step, e.g. {@code "apt-get install zbar-tools"}
   */
  public static void require(boolean present, String what, String howToGet) {
    require(present, what, howToGet, underCi());
  }

  static void require(boolean present, String what, String howToGet, boolean ci) {
    if (present) {
      return;
    }
    String line = what + " (" + howToGet + ")";
    if (ci) {
      Assertions.fail("missing under CI=true, .ci/run must install it: " + line);
    }
    System.err.println("[skipped] " + caller() + ": " + line);
    Assumptions.abort(line);
  }

  private static String caller() {
    // The test class, not a helper such as Openssl or TestFonts.
    return StackWalker.getInstance().walk(s -> s
        .map(StackWalker.StackFrame::getClassName)
        .map(c -> c.substring(c.lastIndexOf('.') + 1))
        .filter(c -> c.endsWith("Test") && !c.startsWith("Test"))
        .findFirst().orElse("test"));
  }
}
