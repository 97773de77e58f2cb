package org.tongban.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.testing.Outside;
import org.tongban.testing.TestData;

/**
 * README's command-line recipes are executable: every {@code sh} block after the first (the two
 * commands) runs, in order, in one temporary folder, through bash, with
 * {@code java -jar samples/target/tongban.jar} standing for this build's CLI. A command must end
 * with exit 0, or with the {@code # exit N} its line shows. A block after
 * {@code <!-- needs: openssl -->} or {@code <!-- needs: cjk-font -->} runs where that is
 * installed (always under CI); one after {@code <!-- checked by … -->} is another test's.
 */
class ReadmeRecipesTest {
  private static final Pattern BLOCK = Pattern.compile(
      "(?:<!-- ([^>]*) -->\\n)?```sh\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern EXPECTED = Pattern.compile("#\\s*exit (\\d+)\\s*$");

  /** One block: its marker (or empty) and its logical commands (continuations joined). */
  record Block(String marker, List<String> commands) {}

  static List<Block> blocks(String readme) {
    List<Block> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(readme);
    boolean first = true;
    while (m.find()) {
      if (first) { // README's two commands: .ci/fresh-clone runs them
        first = false;
        continue;
      }
      List<String> commands = new ArrayList<>();
      StringBuilder cur = new StringBuilder();
      for (String line : m.group(2).split("\n")) {
        cur.append(cur.length() == 0 ? "" : "\n").append(line);
        if (!line.endsWith("\\")) {
          if (!cur.toString().isBlank()) {
            commands.add(cur.toString());
          }
          cur.setLength(0);
        }
      }
      out.add(new Block(m.group(1) == null ? "" : m.group(1).trim(), commands));
    }
    return out;
  }

  private static boolean cjkFont() {
    return org.tongban.seal.SealPictures.undrawable("某某局合同专用章印章制作中心").isEmpty();
  }

  @Test
  void everyCliRecipe_runsAsWritten(@TempDir Path dir) throws Exception {
    Path root = TestData.projectRoot();
    String readme = Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8);
    List<Block> blocks = blocks(readme);
    assertTrue(blocks.size() >= 6, "README's recipes found: " + blocks.size());

    StringBuilder script = new StringBuilder("""
        # Generated from README.md by ReadmeRecipesTest.
        java() {
          if [ "$1" = -jar ] && [ "$2" = samples/target/tongban.jar ]; then
            shift 2
            "$TONGBAN_JAVA" -cp "$TONGBAN_CP" org.tongban.cli.Main "$@"
          else
            "$TONGBAN_JAVA" "$@"
          fi
        }
        """);
    int run = 0;
    List<String> skipped = new ArrayList<>();
    for (Block b : blocks) {
      if (b.marker().startsWith("checked by")) {
        continue;
      }
      if (b.marker().equals("needs: openssl") && Outside.find("openssl").isEmpty()
          || b.marker().equals("needs: cjk-font") && !cjkFont()) {
        skipped.add(b.marker());
        continue;
      }
      assertTrue(b.marker().isEmpty() || b.marker().startsWith("needs: "), b.marker());
      for (String c : b.commands()) {
        Matcher e = EXPECTED.matcher(c);
        String expected = e.find() ? e.group(1) : "0";
        String quoted = c.replace("'", "'\\''");
        script.append(c).append('\n').append("rc=$?; if [ $rc -ne ").append(expected)
            .append(" ]; then printf '%s\\n' 'README recipe failed (exit '$rc', expected ")
            .append(expected).append("):' '").append(quoted).append("' >&2; exit 99; fi\n");
        run++;
      }
    }
    assertTrue(run >= 25, "commands run: " + run);
    Files.write(dir.resolve("recipes.sh"), script.toString().getBytes(StandardCharsets.UTF_8));
    // The recipes name the example inputs by their path in the repository.
    Files.createDirectories(dir.resolve("samples"));
    Files.createSymbolicLink(dir.resolve("samples/examples"), root.resolve("samples/examples"));

    ProcessBuilder pb = new ProcessBuilder("bash", "recipes.sh").directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(dir.resolve("recipes.log").toFile());
    pb.environment().put("TONGBAN_JAVA",
        Path.of(System.getProperty("java.home"), "bin", "java").toString());
    pb.environment().put("TONGBAN_CP", System.getProperty("java.class.path"));
    Process p = pb.start();
    assertTrue(p.waitFor(8, TimeUnit.MINUTES), "recipes finish");
    String log = Files.readString(dir.resolve("recipes.log"), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), log);
    // Blocks whose tool is missing here are skipped only now, after the others ran.
    for (String s : skipped) {
      Outside.require(false, "README block marked '" + s + "' not run",
          s.endsWith("openssl") ? "apt-get install openssl" : "apt-get install fonts-wqy-zenhei");
    }
  }

  @Test
  void blocks_joinContinuations_andReadExpectedExits() {
    List<Block> b = blocks("```sh\nfirst\n```\n<!-- needs: openssl -->\n```sh\n"
        + "a \\\n  b\nc   # exit 3\n```\n");
    assertEquals(List.of(new Block("needs: openssl", List.of("a \\\n  b", "c   # exit 3"))), b);
  }
}
