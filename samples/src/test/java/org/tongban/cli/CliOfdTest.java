package org.tongban.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.samples.seal.OfdNotice;
import org.tongban.testing.TestData;

/** {@code ofd seal} and {@code ofd verify} as DESIGN §7 defines them, exit codes included. */
class CliOfdTest {
  @TempDir Path dir;

  private String[] run(String... args) {
    return new CliRunner(dir).run(args);
  }

  private String p(String n) {
    return new CliRunner(dir).p(n);
  }

  private void ok(String... args) {
    new CliRunner(dir).ok(args);
  }

  @Test
  void sealTwiceVerify_untrustedTamperedFormatMismatchAndGarbage() throws Exception {
    String img = new CliRunner(dir).emblem();
    Files.write(dir.resolve("notice.ofd"), OfdNotice.example());
    ok("keygen", "--alg", "SM2", "--ca", "--subject", "CN=Demo CA,C=CN", "--out-key",
        p("ca.key"), "--out-cert", p("ca.crt"));
    for (String who : new String[] {"maker", "a", "b"}) {
      ok("keygen", "--alg", "SM2", "--ca-key", p("ca.key"), "--ca-cert", p("ca.crt"),
          "--subject", "CN=某某局" + who + ",C=CN", "--out-key", p(who + ".key"), "--out-cert",
          p(who + ".crt"));
    }
    ok("seal", "make", "--issuer-key", p("maker.key"), "--issuer-cert", p("maker.crt"),
        "--holder-cert", p("a.crt") + "," + p("b.crt"), "--name", "某某局公章", "--image", img,
        "--out", p("v4.esl"));
    ok("seal", "make", "--issuer-key", p("maker.key"), "--issuer-cert", p("maker.crt"),
        "--holder-cert", p("b.crt"), "--name", "某某局公章", "--image", img, "--format", "v1",
        "--out", p("v1.esl"));
    ok("ofd", "seal", "--in", p("notice.ofd"), "--out", p("one.ofd"), "--seal", p("v4.esl"),
        "--key", p("a.key"), "--cert", p("a.crt"), "--page", "1", "--x", "120", "--y", "200");
    ok("ofd", "seal", "--in", p("one.ofd"), "--out", p("two.ofd"), "--seal", p("v1.esl"),
        "--key", p("b.key"), "--cert", p("b.crt"), "--cross-page", "--format", "v1");
    String[] v = run("ofd", "verify", "--in", p("two.ofd"), "--trust", p("ca.crt"));
    assertEquals("0", v[0], v[1] + v[2]);
    assertTrue(v[1].startsWith("document: PASSED (2 signatures)"), v[1]);
    assertTrue(v[1].contains("page 1 at 120.0,200.0 mm"), v[1]);
    assertTrue(v[1].contains("ofd.modification-level: SIGNATURES"), v[1]);

    String[] json = run("ofd", "verify", "--in", p("two.ofd"), "--trust", p("ca.crt"),
        "--json");
    assertEquals("0", json[0]);
    assertTrue(json[1].startsWith("{\"indication\":\"PASSED\""), json[1]);
    assertTrue(json[1].contains("\"signatures\":[{"), json[1]);

    String[] untrusted = run("ofd", "verify", "--in", p("two.ofd"));
    assertEquals("3", untrusted[0]);
    assertTrue(untrusted[1].startsWith("document: INDETERMINATE TRUST_NOT_CONFIGURED"),
        untrusted[1]);

    byte[] before = Files.readAllBytes(dir.resolve("one.ofd"));
    String[] mismatch = run("ofd", "seal", "--in", p("one.ofd"), "--out", p("x.ofd"), "--seal",
        p("v1.esl"), "--key", p("b.key"), "--cert", p("b.crt"), "--format", "v4");
    assertEquals("2", mismatch[0]);
    assertTrue(mismatch[2].contains("is a v1 seal"), mismatch[2]);
    String[] notAllowed = run("ofd", "seal", "--in", p("one.ofd"), "--out", p("x.ofd"),
        "--seal", p("v1.esl"), "--key", p("a.key"), "--cert", p("a.crt"));
    assertEquals("2", notAllowed[0], notAllowed[1] + notAllowed[2]);
    assertFalse(Files.exists(dir.resolve("x.ofd")), "a failed seal leaves no output");
    assertArrayEquals(before, Files.readAllBytes(dir.resolve("one.ofd")));

    String[] unsigned = run("ofd", "verify", "--in", p("notice.ofd"), "--trust", p("ca.crt"));
    assertEquals("1", unsigned[0]);
    assertTrue(unsigned[1].startsWith("document: FAILED NO_SIGNATURE"), unsigned[1]);
    String[] garbage = run("ofd", "verify", "--in", p("a.crt"), "--trust", p("ca.crt"));
    assertEquals("1", garbage[0]);
    assertTrue(garbage[1].startsWith("document: FAILED FORMAT_FAILURE"), garbage[1]);
  }

  @Test
  void theExampleNotice_isTheSamplesDocument() throws Exception {
    assertArrayEquals(OfdNotice.example(), Files.readAllBytes(
        TestData.projectRoot().resolve("samples/examples/notice.ofd")),
        "regenerate: java -cp samples/target/tongban.jar org.tongban.samples.seal.OfdNotice "
            + "samples/examples/notice.ofd");
  }
}
