package org.tongban.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.license.LicenseVerifier;
import org.tongban.result.VerificationResult;
import org.tongban.seal.SealVerifier;

/**
 * The SDK modules work for a department application that is itself a named module: it is
 * compiled and run on the module path with only the SDK and its dependencies there and no
 * {@code --add-modules} or {@code --add-reads}; internal packages stay closed to it.
 */
class ModulePathConsumerTest {
  /** Where the SDK's third-party dependencies live in the local repository. */
  private static final List<String> DEPENDENCIES = List.of("/org/bouncycastle/",
      "/com/nimbusds/", "/com/squareup/okhttp3/okhttp-jvm/", "/com/squareup/okio/",
      "/org/jetbrains/kotlin/kotlin-stdlib/", "/org/jetbrains/annotations/", "/org/apache/pdfbox/",
      "/commons-logging/", "/com/google/zxing/", "/com/upokecenter/", "/com/github/peteroupc/");

  private static Path location(Class<?> c) throws URISyntaxException {
    return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
  }

  static String modulePath() throws Exception {
    return modulePath(List.of());
  }

  /**
   * The SDK modules and their dependencies from this test's class path, plus the extra ones
   * named (by a part of their path in the local repository).
   */
  static String modulePath(List<String> extra) throws Exception {
    List<String> mp = new ArrayList<>();
    for (Class<?> c : List.of(VerificationResult.class, SealVerifier.class,
        LicenseVerifier.class)) {
      mp.add(location(c).toString());
    }
    for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String unix = e.replace('\\', '/');
      if ((DEPENDENCIES.stream().anyMatch(unix::contains) || extra.stream().anyMatch(
          unix::contains)) && !unix.contains("jdk15on")) {
        mp.add(e);
      }
    }
    return String.join(File.pathSeparator, mp);
  }

  private static Path copyConsumer(Path dir) throws Exception {
    Path src = Path.of(ModulePathConsumerTest.class.getResource("/consumer").toURI());
    try (var files = Files.walk(src)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path to = dir.resolve(src.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    return dir.resolve("org.example.consumer");
  }

  private static String compile(Path module, Path out, String modulePath) throws Exception {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    List<String> args = new ArrayList<>(List.of("--release", "17", "--module-path", modulePath,
        "-d", out.toString()));
    try (var files = Files.walk(module)) {
      files.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
    }
    java.io.ByteArrayOutputStream diagnostics = new java.io.ByteArrayOutputStream();
    int rc = javac.run(null, diagnostics, diagnostics, args.toArray(new String[0]));
    return rc == 0 ? "" : "javac exit " + rc + "\n" + diagnostics.toString(StandardCharsets.UTF_8);
  }

  @Test
  void namedModuleApplication_compilesAndRuns_onTheModulePath(@TempDir Path dir)
      throws Exception {
    String mp = modulePath();
    Path out = dir.resolve("out");
    assertEquals("", compile(copyConsumer(dir.resolve("src")), out, mp));
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "--module-path", out + File.pathSeparator + mp, "--module",
        "org.example.consumer/org.example.consumer.Main").redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), output);
    assertTrue(output.contains("consumer: seal true, licence true"), output);
  }

  @Test
  void internalPackages_areClosedToApplications(@TempDir Path dir) throws Exception {
    Path module = copyConsumer(dir.resolve("src"));
    Files.writeString(module.resolve("org/example/consumer/Internal.java"),
        "package org.example.consumer;\n"
        + "class Internal { Object p = org.tongban.internal.crypto.Bc.PROVIDER; }\n");
    String result = compile(module, dir.resolve("out"), modulePath());
    assertTrue(result.startsWith("javac exit"), "an internal package must not be visible");
    assertTrue(result.contains("package org.tongban.internal.crypto is not visible")
        || result.contains("does not export org.tongban.internal.crypto"), result);
  }

  @Test
  void descriptors_exportTheApi_andInternalsOnlyToTongbanModules() throws Exception {
    ModuleFinder finder = ModuleFinder.of(location(VerificationResult.class),
        location(SealVerifier.class), location(LicenseVerifier.class));
    Set<String> packages = new TreeSet<>();
    for (ModuleReference ref : finder.findAll()) {
      ModuleDescriptor d = ref.descriptor();
      assertTrue(!d.isAutomatic(), d.name() + " has a module-info");
      for (ModuleDescriptor.Exports e : d.exports()) {
        if (e.source().contains(".internal")) {
          assertTrue(e.isQualified() && e.targets().stream().allMatch(
              t -> t.startsWith("org.tongban.")), d.name() + " " + e);
        }
      }
      for (String pkg : d.packages()) {
        assertTrue(packages.add(pkg), "split package " + pkg);
      }
      Set<String> desktop = d.requires().stream()
          .filter(r -> r.name().equals("java.desktop")).map(r -> r.modifiers().toString())
          .collect(Collectors.toSet());
      switch (d.name()) {
        case "org.tongban.core" -> assertEquals(Set.of(), desktop, "core draws nothing");
        case "org.tongban.seal" -> assertEquals(Set.of("[]"), desktop, "no AWT type in its API");
        case "org.tongban.license" -> assertEquals(Set.of("[TRANSITIVE]"), desktop,
            "BufferedImage in its API");
        default -> throw new AssertionError(d.name());
      }
    }
  }
}
