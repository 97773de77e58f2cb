package org.tongban.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.tongban.result.Reason;
import org.tongban.testing.TestData;

/** Keeps README.md true: compiled quick starts, the Reason table, the two commands, CI. */
class ReadmeTest {
  private static String readme() throws Exception {
    return Files.readString(TestData.projectRoot().resolve("README.md"), StandardCharsets.UTF_8);
  }

  private static String between(String text, String start, String end) {
    int a = text.indexOf(start);
    int b = text.indexOf(end, a);
    assertTrue(a >= 0 && b > a, "markers " + start + " / " + end);
    return text.substring(a + start.length(), b);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
      "sign-verify, samples/src/main/java/org/tongban/samples/crypto/SignVerifySample.java",
      "seal-verify, samples/src/main/java/org/tongban/samples/seal/SealSample.java",
      "license-verify, samples/src/main/java/org/tongban/samples/license/LicenseSample.java",
      "token-verify, samples/src/main/java/org/tongban/samples/identity/TokenVerifySample.java"})
  void quickStart_equalsCompiledSample(String region, String file) throws Exception {
    Path src = TestData.projectRoot().resolve(file);
    String code = between(Files.readString(src), "// [START " + region + "]\n",
        "    // [END " + region + "]");
    List<String> dedented = new ArrayList<>();
    for (String line : code.split("\n", -1)) {
      dedented.add(line.startsWith("    ") ? line.substring(4) : line);
    }
    String block = between(readme(), "<!-- [START " + region + "] -->\n```java\n",
        "```\n<!-- [END " + region + "] -->");
    assertEquals(String.join("\n", dedented), block);
  }

  @Test
  void reasonTable_matchesEnumAndBundles() throws Exception {
    Properties en = load("reasons.properties");
    Properties zh = load("reasons_zh_CN.properties");
    StringBuilder sb = new StringBuilder("\n| code | indication | English | 中文 |\n|---|---|---|---|\n");
    for (Reason r : Reason.values()) {
      String ind = r.kind() == Reason.Kind.WARNING ? "warning" : r.indication().name();
      sb.append("| `").append(r.name()).append("` | ").append(ind).append(" | ")
          .append(en.getProperty(r.name())).append(" | ").append(zh.getProperty(r.name()))
          .append(" |\n");
    }
    assertEquals(sb.toString(), between(readme(), "<!-- [START reasons] -->",
        "<!-- [END reasons] -->"), "regenerate the README reason table");
  }

  @Test
  void readme_startsWithTheTwoCommands_andCiRunsTheTestCommand() throws Exception {
    String[] lines = readme().split("\n");
    assertTrue(lines[3].contains("java -jar samples/target/tongban.jar demo"), lines[3]);
    assertTrue(lines[4].startsWith("mvn -B verify"), lines[4]);
    // .ci/run runs README's two commands through .ci/fresh-clone, which reads them from the
    // first sh block of README.md: the command CI runs is the one written there.
    String ci = Files.readString(TestData.projectRoot().resolve(".ci/run"));
    assertTrue(ci.contains("\nbash .ci/fresh-clone\n"), ".ci/run must run .ci/fresh-clone");
    String fresh = Files.readString(TestData.projectRoot().resolve(".ci/fresh-clone"));
    assertTrue(fresh.contains("README.md") && fresh.contains("git clone"), fresh);
  }

  @Test
  void repository_readsAndLinksNothingOutsideItself() throws Exception {
    // Built from parts so that this file does not match itself.
    List<String> outside = List.of(".." + "/shared", "shared" + "/testdata");
    List<String> found = new ArrayList<>();
    Path root = TestData.projectRoot();
    try (var files = Files.walk(root)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String rel = root.relativize(p).toString().replace('\\', '/');
        if (rel.startsWith(".git/") || rel.contains("target/") || !Files.isRegularFile(p)
            || Files.size(p) > 4 << 20) {
          continue;
        }
        String text = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
        for (String o : outside) {
          if (text.contains(o)) {
            found.add(rel + " mentions " + o);
          }
        }
      }
    }
    assertEquals(List.of(), found, "tests, docs and scripts stay inside the repository");
  }

  private static Properties load(String name) throws Exception {
    Properties p = new Properties();
    try (InputStreamReader r = new InputStreamReader(
        Reason.class.getResourceAsStream(name), StandardCharsets.UTF_8)) {
      p.load(r);
    }
    return p;
  }
}
