package org.tongban.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.testing.TestData;

/**
 * One Javadoc for the three SDK modules, as {@code mvn javadoc:aggregate} (README) makes it:
 * the exported API only — no {@code internal} package — with links across modules.
 */
class AggregatedJavadocTest {
  @Test
  void aggregatedJavadoc_hasTheApiOnly_andLinksAcrossModules(@TempDir Path out) throws Exception {
    Path root = TestData.projectRoot();
    ToolProvider javadoc = ToolProvider.findFirst("javadoc").orElseThrow();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(log, true, StandardCharsets.UTF_8);
    int rc = javadoc.run(ps, ps, "-quiet", "--release", "17", "-d", out.toString(),
        "--module-source-path", "org.tongban.core=" + root.resolve("sdk-core/src/main/java"),
        "--module-source-path", "org.tongban.seal=" + root.resolve("sdk-seal/src/main/java"),
        "--module-source-path", "org.tongban.license="
            + root.resolve("sdk-license/src/main/java"),
        // The servlet API too: the filter's pages name its types; and Lettuce, which the
        // core module reads (static) for its Redis stores.
        "--module-path", ModulePathConsumerTest.modulePath(
            List.of("/jakarta/servlet/jakarta.servlet-api/", "/io/lettuce/lettuce-core/")),
        "--module", "org.tongban.core,org.tongban.seal,org.tongban.license");
    assertEquals(0, rc, log.toString(StandardCharsets.UTF_8));

    List<String> elements = Files.readAllLines(out.resolve("element-list"));
    assertTrue(elements.containsAll(List.of("module:org.tongban.core", "org.tongban.result",
        "module:org.tongban.seal", "org.tongban.seal.pdf", "module:org.tongban.license",
        "org.tongban.license.qr")), elements.toString());
    assertTrue(elements.stream().noneMatch(e -> e.contains("internal")), elements.toString());
    try (var files = Files.walk(out)) {
      assertTrue(files.noneMatch(p -> p.getFileName().toString().equals("internal")),
          "no page for an internal package");
    }
    String seal = Files.readString(out.resolve(
        "org.tongban.seal/org/tongban/seal/SealVerifier.html"));
    assertTrue(seal.contains(
        "href=\"../../../../org.tongban.core/org/tongban/result/VerificationResult.html\""),
        "SealVerifier links to the core module's VerificationResult");
  }
}
