package org.tongban.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliSealTest {
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
  void makeSignVerify_v4AndV1_withTrust_andTampering() throws Exception {
    String img = new CliRunner(dir).emblem();
    ok("keygen", "--alg", "SM2", "--ca", "--subject", "CN=Demo CA,C=CN", "--out-key", p("ca.key"),
        "--out-cert", p("ca.crt"));
    ok("keygen", "--alg", "SM2", "--ca-key", p("ca.key"), "--ca-cert", p("ca.crt"), "--subject",
        "CN=制章中心,C=CN", "--out-key", p("maker.key"), "--out-cert", p("maker.crt"));
    ok("keygen", "--alg", "SM2", "--ca-key", p("ca.key"), "--ca-cert", p("ca.crt"), "--subject",
        "CN=某某局,C=CN", "--out-key", p("dept.key"), "--out-cert", p("dept.crt"));
    Files.writeString(dir.resolve("doc.txt"), "盖章文件\n".repeat(30));
    for (String format : List.of("v4", "v1")) {
      ok("seal", "make", "--image", img,
          "--issuer-key", p("maker.key"), "--issuer-cert", p("maker.crt"),
          "--holder-cert", p("dept.crt"), "--name", "某某局合同专用章", "--format", format,
          "--out", p(format + ".esl"));
      ok("seal", "sign", "--seal", p(format + ".esl"), "--key", p("dept.key"), "--cert",
          p("dept.crt"), "--in", p("doc.txt"), "--out", p(format + ".sig"));
      String[] v = run("seal", "verify", "--in", p("doc.txt"), "--sig", p(format + ".sig"),
          "--trust", p("ca.crt"), "--json", "--out-picture", p(format + ".png"));
      assertEquals("0", v[0], v[1] + v[2]);
      Map<String, Object> json = JSONObjectUtils.parse(v[1].trim());
      assertEquals("PASSED", json.get("indication"));
      assertEquals(format.toUpperCase(), json.get("seal.version"));
      assertTrue(((List<?>) json.get("checks")).size() >= 9, v[1]);
      byte[] png = Files.readAllBytes(dir.resolve(format + ".png"));
      assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(png, 4));
    }
    Files.writeString(dir.resolve("doc.txt"), "盖章文件!\n");
    String[] bad = run("seal", "verify", "--in", p("doc.txt"), "--sig", p("v4.sig"), "--trust",
        p("ca.crt"), "--json");
    assertEquals("1", bad[0]);
    assertEquals("HASH_FAILURE", JSONObjectUtils.parse(bad[1].trim()).get("reason"));
    ok("keygen", "--alg", "SM2", "--ca", "--out-key", p("x.key"), "--out-cert", p("x.crt"));
    String[] untrusted = run("seal", "verify", "--in", p("doc.txt"), "--sig", p("v4.sig"),
        "--trust", p("x.crt"));
    assertEquals("1", untrusted[0]);
    String[] garbage = run("seal", "verify", "--in", p("doc.txt"), "--sig", p("doc.txt"));
    assertEquals("1", garbage[0]);
    assertTrue(garbage[1].startsWith("FAILED FORMAT_FAILURE"), garbage[1]);
  }

  @Test
  void sign_signerNotInSeal_exit2WithMessage() throws Exception {
    String img = new CliRunner(dir).emblem();
    ok("keygen", "--alg", "SM2", "--out-key", p("m.key"), "--out-cert", p("m.crt"));
    ok("keygen", "--alg", "SM2", "--out-key", p("h.key"), "--out-cert", p("h.crt"));
    ok("keygen", "--alg", "SM2", "--out-key", p("o.key"), "--out-cert", p("o.crt"));
    ok("seal", "make", "--image", img,
        "--issuer-key", p("m.key"), "--issuer-cert", p("m.crt"), "--holder-cert",
        p("h.crt"), "--name", "测试章", "--out", p("s.esl"));
    Files.writeString(dir.resolve("d"), "d");
    String[] r = run("seal", "sign", "--seal", p("s.esl"), "--key", p("o.key"), "--cert",
        p("o.crt"), "--in", p("d"), "--out", p("d.sig"));
    assertEquals("2", r[0]);
    assertTrue(r[2].contains("does not list"), r[2]);
  }

  @Test
  void sealMake_withoutImage_drawsTheName() throws Exception {
    org.tongban.samples.TestFonts.require("某某局合同专用章");
    ok("keygen", "--alg", "SM2", "--out-key", p("m.key"), "--out-cert", p("m.crt"));
    ok("keygen", "--alg", "SM2", "--out-key", p("h.key"), "--out-cert", p("h.crt"));
    ok("seal", "make", "--issuer-key", p("m.key"), "--issuer-cert", p("m.crt"), "--holder-cert",
        p("h.crt"), "--name", "某某局合同专用章", "--out", p("s.esl"));
    assertTrue(Files.size(dir.resolve("s.esl")) > 1000, "the seal holds a drawn picture");
  }

  @Test
  void sealVerify_withoutTrust_exit3_trustAsGiven_exit0() throws Exception {
    String img = new CliRunner(dir).emblem();
    ok("keygen", "--alg", "SM2", "--out-key", p("m.key"), "--out-cert", p("m.crt"));
    ok("keygen", "--alg", "SM2", "--out-key", p("h.key"), "--out-cert", p("h.crt"));
    ok("seal", "make", "--image", img, "--issuer-key", p("m.key"), "--issuer-cert", p("m.crt"),
        "--holder-cert", p("h.crt"), "--name", "测试章", "--out", p("s.esl"));
    Files.writeString(dir.resolve("d"), "d");
    ok("seal", "sign", "--seal", p("s.esl"), "--key", p("h.key"), "--cert", p("h.crt"), "--in",
        p("d"), "--out", p("d.sig"));
    String[] none = run("seal", "verify", "--in", p("d"), "--sig", p("d.sig"));
    assertEquals("3", none[0], none[1] + none[2]);
    assertTrue(none[1].startsWith("INDETERMINATE TRUST_NOT_CONFIGURED"), none[1]);
    assertEquals("0", run("seal", "verify", "--in", p("d"), "--sig", p("d.sig"),
        "--trust-as-given", p("m.crt"), "--trust-as-given", p("h.crt"))[0]);
    Files.writeString(dir.resolve("d"), "changed");
    // Tampered and untrusted: FAILED outranks undecided.
    String[] bad = run("seal", "verify", "--in", p("d"), "--sig", p("d.sig"));
    assertEquals("1", bad[0], bad[1]);
    assertTrue(bad[1].startsWith("FAILED HASH_FAILURE"), bad[1]);
  }

  @Test
  void sealMake_makerKeyOfAnotherCertificate_isRefused() throws Exception {
    String img = new CliRunner(dir).emblem();
    ok("keygen", "--alg", "SM2", "--out-key", p("m.key"), "--out-cert", p("m.crt"));
    ok("keygen", "--alg", "SM2", "--out-key", p("x.key"), "--out-cert", p("x.crt"));
    String[] r = run("seal", "make", "--image", img, "--issuer-key", p("x.key"),
        "--issuer-cert", p("m.crt"), "--holder-cert", p("m.crt"), "--name", "测试章", "--out",
        p("s.esl"));
    assertEquals("2", r[0], r[1] + r[2]);
    assertTrue(r[2].contains("does not match the certificate"), r[2]);
    assertTrue(!Files.exists(dir.resolve("s.esl")), "no seal written");
  }
}
