package org.tongban.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line's manners: common options, errors, hints, keys, files and logs. */
class CliHygieneTest {
  @TempDir Path dir;

  private String[] run(String... args) {
    return new CliRunner(dir).run(args);
  }

  private String p(String n) {
    return new CliRunner(dir).p(n);
  }

  private static void leaves(CommandLine cl, List<CommandLine> out) {
    if (cl.getSubcommands().isEmpty()) {
      out.add(cl);
    }
    cl.getSubcommands().values().forEach(c -> leaves(c, out));
  }

  @Test
  void everyCommand_takesJsonAndDebug() {
    List<CommandLine> commands = new ArrayList<>();
    leaves(new CommandLine(new Main()), commands);
    assertTrue(commands.size() >= 16, "all commands found: " + commands.size());
    for (CommandLine c : commands) {
      String name = c.getCommandSpec().qualifiedName(" ");
      assertTrue(c.getCommandSpec().findOption("--json") != null, name + " has --json");
      assertTrue(c.getCommandSpec().findOption("--debug") != null, name + " has --debug");
    }
  }

  @Test
  void errorsUnderJson_areOneJsonObjectOnStdout() throws Exception {
    String[] input = run("sign", "--key", p("missing.pem"), "--in", p("x"), "--out", p("y"),
        "--json");
    assertEquals("2", input[0]);
    assertEquals("", input[2], "nothing on stderr");
    Map<String, Object> o = JSONObjectUtils.parse(input[1].trim());
    assertEquals("input", o.get("error"));
    assertTrue(((String) o.get("message")).startsWith("no such file: "), input[1]);

    String[] usage = run("seal", "make", "--json");
    assertEquals("2", usage[0]);
    assertEquals("", usage[2]);
    Map<String, Object> u = JSONObjectUtils.parse(usage[1].trim());
    assertEquals("usage", u.get("error"));
    assertEquals("tongban seal make --help", u.get("help"));
  }

  @Test
  void usageErrors_nameTheRightHelpCommand_andSuggestWhatWasMeant() {
    String[] missing = run("seal", "make", "--name", "x");
    assertEquals("2", missing[0]);
    assertTrue(missing[2].contains("see: tongban seal make --help"), missing[2]);
    assertFalse(missing[2].contains("tongban tongban"), missing[2]);
    assertFalse(missing[2].contains("Error: "), "no 'error: Error:': " + missing[2]);

    String[] typo = run("sael");
    assertEquals("2", typo[0]);
    assertTrue(typo[2].contains("did you mean: seal?"), typo[2]);
    assertTrue(typo[2].contains("see: tongban --help"), typo[2]);
    String[] sub = run("seal", "mkae");
    assertTrue(sub[2].contains("did you mean: make?"), sub[2]);
    assertTrue(sub[2].contains("see: tongban seal --help"), sub[2]);
    String[] option = run("keygen", "--alg", "SM2", "--out-cret", p("c"));
    assertTrue(option[2].contains("did you mean: --out-cert?"), option[2]);
    String[] nothing = run("zzzzzz");
    assertFalse(nothing[2].contains("did you mean"), nothing[2]);
  }

  @Test
  void pkcs12Key_signsWithPasswordFile_andExplainsWhatIsMissing() throws Exception {
    Files.writeString(dir.resolve("pw"), "s3cret-口令\n");
    Files.writeString(dir.resolve("wrong"), "nope\n");
    new CliRunner(dir).ok("keygen", "--alg", "SM2", "--out-p12", p("k.p12"), "--password-file",
        p("pw"), "--out-cert", p("k.crt"));
    Files.writeString(dir.resolve("doc"), "公文");
    new CliRunner(dir).ok("sign", "--key", p("k.p12"), "--password-file", p("pw"), "--in",
        p("doc"), "--out", p("doc.sig"));
    assertEquals("0", run("verify", "--cert", p("k.crt"), "--in", p("doc"), "--sig",
        p("doc.sig"))[0]);

    String[] noPassword = run("sign", "--key", p("k.p12"), "--in", p("doc"), "--out", p("s2"));
    assertEquals("2", noPassword[0]);
    assertTrue(noPassword[2].contains("--password-file"), noPassword[2]);
    String[] wrong = run("sign", "--key", p("k.p12"), "--password-file", p("wrong"), "--in",
        p("doc"), "--out", p("s3"));
    assertEquals("2", wrong[0]);
    assertTrue(wrong[2].contains("wrong password"), wrong[2]);
    assertFalse(Files.exists(dir.resolve("s3")));

    // A PKCS#12 key brings its certificate: --cert may be left out.
    new CliRunner(dir).ok("seal", "make", "--issuer-key", p("k.p12"), "--password-file",
        p("pw"), "--holder-cert", p("k.crt"), "--name", "x", "--image",
        new CliRunner(dir).emblem(), "--out", p("s.esl"));
    new CliRunner(dir).ok("seal", "sign", "--seal", p("s.esl"), "--key", p("k.p12"),
        "--password-file", p("pw"), "--in", p("doc"), "--out", p("doc.ses"));
  }

  @Test
  void outputInAMissingFolder_isAnError_andNoFolderIsCreated() throws Exception {
    new CliRunner(dir).ok("keygen", "--alg", "P256", "--out-key", p("k.key"), "--out-cert",
        p("k.crt"));
    Files.writeString(dir.resolve("doc"), "d");
    String[] r = run("sign", "--key", p("k.key"), "--in", p("doc"), "--out",
        p("missing/dir/x.sig"));
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("no such folder: "), r[2]);
    assertFalse(Files.exists(dir.resolve("missing")));
    String[] k = run("keygen", "--alg", "SM2", "--out-key", p("a.key"), "--out-cert",
        p("nowhere/a.crt"));
    assertEquals("2", k[0]);
    assertFalse(Files.exists(dir.resolve("a.key")), "no key written without its certificate");
  }

  /** Runs the CLI's main in a child JVM: its real stderr, with its real logging set-up. */
  private String[] child(String... args) throws Exception {
    Process proc = new ProcessBuilder(org.tongban.samples.TestJvm.command(Main.class, args))
        .directory(dir.toFile())
        .redirectOutput(dir.resolve("out.txt").toFile())
        .redirectError(dir.resolve("err.txt").toFile()).start();
    assertTrue(proc.waitFor(60, TimeUnit.SECONDS));
    return new String[] {String.valueOf(proc.exitValue()),
        Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
        Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8)};
  }

  @Test
  void ordinaryRuns_printNoLibraryLogs_debugShowsThem() throws Exception {
    // A damaged xref table: PDFBox repairs it and logs warnings with stack traces.
    Files.writeString(dir.resolve("broken.pdf"), "%PDF-1.7\n1 0 obj\n<< /Type /Catalog "
        + "/Pages 2 0 R >>\nendobj\nxref\n0 1\ngarbage\ntrailer\n<< /Root 1 0 R >>\n"
        + "startxref\n9999\n%%EOF\n", StandardCharsets.US_ASCII);
    String[] quiet = child("pdf", "verify", "--in", "broken.pdf", "--json");
    assertEquals("1", quiet[0], quiet[1] + quiet[2]);
    assertEquals("FORMAT_FAILURE", JSONObjectUtils.parse(quiet[1].trim()).get("reason"));
    for (String noise : List.of("SLF4J", "WARN", "SEVERE", "DEBUG", "\tat ", "Exception")) {
      assertFalse(quiet[2].contains(noise), "no '" + noise + "' on stderr:\n" + quiet[2]);
    }
    String[] debug = child("pdf", "verify", "--in", "broken.pdf", "--debug");
    assertTrue(debug[2].contains("org.apache.pdfbox"), "--debug shows the logs:\n" + debug[2]);
  }
}
