package org.tongban.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tongban.keys.Pem;
import org.tongban.testing.Openssl;

class CliTest {
  @TempDir Path dir;

  record Out(int code, String out, String err) {}

  private Out cli(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = Main.run(new PrintWriter(o), new PrintWriter(e), args);
    return new Out(code, o.toString(), e.toString());
  }

  private String p(String name) {
    return dir.resolve(name).toString();
  }

  private void keygen(String alg, String name, String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("keygen", "--alg", alg,
        "--out-key", p(name + ".key"), "--out-cert", p(name + ".crt")));
    args.addAll(List.of(extra));
    Out r = cli(args.toArray(new String[0]));
    assertEquals(0, r.code(), r.err());
  }

  @Test
  void keygenSignVerify_sm2Rsa_p256_roundTripAndTamper() throws Exception {
    Files.writeString(dir.resolve("doc.txt"), "统一电子印章\n");
    Files.writeString(dir.resolve("bad.txt"), "统一电子印章!\n");
    for (String alg : List.of("SM2", "RSA", "P256")) {
      keygen(alg, alg);
      Out s = cli("sign", "--key", p(alg + ".key"), "--in", p("doc.txt"), "--out", p(alg + ".sig"));
      assertEquals(0, s.code(), s.err());
      Out ok = cli("verify", "--cert", p(alg + ".crt"), "--in", p("doc.txt"), "--sig",
          p(alg + ".sig"));
      assertEquals(0, ok.code(), ok.out() + ok.err());
      assertTrue(ok.out().startsWith("PASSED"), ok.out());
      Out bad = cli("verify", "--cert", p(alg + ".crt"), "--in", p("bad.txt"), "--sig",
          p(alg + ".sig"));
      assertEquals(1, bad.code());
      assertTrue(bad.out().startsWith("FAILED SIG_CRYPTO_FAILURE"), bad.out());
    }
    assertTrue(Files.readString(dir.resolve("SM2.key")).startsWith("-----BEGIN PRIVATE KEY-----"));
  }

  @Test
  void verify_json_printsEveryCheck() throws Exception {
    keygen("SM2", "k");
    Files.writeString(dir.resolve("doc.txt"), "x");
    cli("sign", "--key", p("k.key"), "--in", p("doc.txt"), "--out", p("s"));
    Out r = cli("verify", "--pub", p("k.crt"), "--in", p("doc.txt"), "--sig", p("s"), "--json");
    assertEquals(0, r.code(), r.err());
    Map<String, Object> json = JSONObjectUtils.parse(r.out().trim());
    assertEquals("PASSED", json.get("indication"));
    assertEquals(null, json.get("reason"));
    assertEquals("SM2_SM3", json.get("algorithm"));
    List<?> checks = (List<?>) json.get("checks");
    assertTrue(checks.size() >= 2);
    Files.writeString(dir.resolve("doc.txt"), "y");
    Out f = cli("verify", "--pub", p("k.crt"), "--in", p("doc.txt"), "--sig", p("s"), "--json");
    assertEquals(1, f.code());
    assertEquals("SIG_CRYPTO_FAILURE", JSONObjectUtils.parse(f.out().trim()).get("reason"));
  }

  @Test
  void keygenWithCa_verifyWithTrust_validatesChain() throws Exception {
    keygen("SM2", "ca", "--ca", "--subject", "CN=Demo CA,C=CN", "--days", "30");
    keygen("SM2", "leaf", "--ca-key", p("ca.key"), "--ca-cert", p("ca.crt"),
        "--subject", "CN=某某局,C=CN", "--out-chain", p("leaf.chain"));
    assertEquals(1, Pem.readCertificates(Files.readString(dir.resolve("leaf.crt"))).size(),
        "--out-cert holds the new certificate alone");
    assertEquals(List.of(Pem.readCertificates(Files.readString(dir.resolve("ca.crt"))).get(0)),
        Pem.readCertificates(Files.readString(dir.resolve("leaf.chain"))),
        "--out-chain holds the issuer's chain");
    Files.writeString(dir.resolve("doc.txt"), "doc");
    cli("sign", "--key", p("leaf.key"), "--in", p("doc.txt"), "--out", p("s"));
    Out ok = cli("verify", "--cert", p("leaf.crt"), "--in", p("doc.txt"), "--sig", p("s"),
        "--trust", p("ca.crt"));
    assertEquals(0, ok.code(), ok.out());
    assertTrue(ok.out().contains("cert.chain: OK"), ok.out());

    keygen("SM2", "other", "--ca");
    // The leaf alone against another root: no chain found, undecided.
    Out unknown = cli("verify", "--cert", p("leaf.crt"), "--in", p("doc.txt"), "--sig",
        p("s"), "--trust", p("other.crt"), "--json");
    assertEquals(3, unknown.code(), unknown.out());
    assertEquals("NO_CERTIFICATE_CHAIN_FOUND",
        JSONObjectUtils.parse(unknown.out().trim()).get("reason"));
    // The leaf with its chain (leaf, then --out-chain) against another root: refused.
    Files.writeString(dir.resolve("bundle.crt"), Files.readString(dir.resolve("leaf.crt"))
        + Files.readString(dir.resolve("leaf.chain")));
    Out untrusted = cli("verify", "--cert", p("bundle.crt"), "--in", p("doc.txt"), "--sig",
        p("s"), "--trust", p("other.crt"), "--json");
    assertEquals(1, untrusted.code(), untrusted.out());
    assertEquals("UNTRUSTED_ROOT", JSONObjectUtils.parse(untrusted.out().trim()).get("reason"));
  }

  @Test
  void usageAndInputErrors_exit2WithoutStackTrace() {
    Out none = cli();
    assertEquals(2, none.code());
    Out unknown = cli("verify", "--bogus");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err().contains("error:"), unknown.err());
    Out missing = cli("verify", "--pub", p("nope.pem"), "--in", p("nope"), "--sig", p("nope"));
    assertEquals(2, missing.code());
    assertTrue(missing.err().startsWith("error:"), missing.err());
    assertFalse(missing.err().contains("\tat "), "no stack trace without --debug");
    Out both = cli("verify", "--pub", "a", "--cert", "b", "--in", "c", "--sig", "d");
    assertEquals(2, both.code());
  }

  @Test
  void sign_garbageKey_exit2() throws Exception {
    Files.writeString(dir.resolve("k.pem"), "not a key");
    Files.writeString(dir.resolve("doc.txt"), "x");
    Out r = cli("sign", "--key", p("k.pem"), "--in", p("doc.txt"), "--out", p("s"));
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("error:"), r.err());
  }

  @Test
  void demo_allStepsPass() throws Exception {
    Out r = cli("demo", "--dir", p("demo"));
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("demo: all steps passed"), r.out());
    assertTrue(r.out().contains("[ok]   app B: logged in without a second login (one sign-on)"),
        r.out());
    assertTrue(r.out().contains("[ok]   app B asks for a login again"), r.out());
    assertFalse(r.out().contains("[FAIL]"));
    for (String alg : new String[] {"sm2", "rsa"}) {
      assertTrue(r.out().contains("[ok]   seal notice." + alg + ".pdf"), r.out());
      assertTrue(Files.exists(dir.resolve("demo").resolve("notice." + alg + ".pdf")));
      try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(
          dir.resolve("demo").resolve("notice." + alg + ".pdf").toFile())) {
        assertEquals(4, doc.getSignatureFields().get(0).getWidgets().size(),
            "the seal and a cross-page slice on each of the 3 pages");
      }
    }
  }

  @Test
  @Tag("interop")
  void cliSignatures_verifyInOpenssl_andOpensslSignatures_verifyInCli() throws Exception {
    Openssl.assumeAvailable();
    Files.writeString(dir.resolve("doc.txt"), "一网通办 interop\n".repeat(50));
    keygen("SM2", "sm2");
    // ours -> OpenSSL, default ID and a custom ID
    cli("sign", "--key", p("sm2.key"), "--in", p("doc.txt"), "--out", p("sm2.sig"));
    Openssl.Run ok = Openssl.run(dir, "pkeyutl", "-verify", "-certin", "-inkey", "sm2.crt",
        "-rawin", "-digest", "sm3", "-pkeyopt", "distid:1234567812345678", "-in", "doc.txt",
        "-sigfile", "sm2.sig");
    assertEquals(0, ok.exit(), ok.output());
    cli("sign", "--key", p("sm2.key"), "--in", p("doc.txt"), "--out", p("id.sig"),
        "--id", "dept@example.gov.cn");
    Openssl.Run idOk = Openssl.run(dir, "pkeyutl", "-verify", "-certin", "-inkey", "sm2.crt",
        "-rawin", "-digest", "sm3", "-pkeyopt", "distid:dept@example.gov.cn", "-in", "doc.txt",
        "-sigfile", "id.sig");
    assertEquals(0, idOk.exit(), idOk.output());

    // OpenSSL -> ours
    Openssl.run(dir, "pkey", "-in", "sm2.key", "-pubout", "-out", "sm2.pub");
    Openssl.Run s = Openssl.run(dir, "pkeyutl", "-sign", "-inkey", "sm2.key", "-rawin",
        "-digest", "sm3", "-pkeyopt", "distid:1234567812345678", "-in", "doc.txt", "-out",
        "theirs.sig");
    assertEquals(0, s.exit(), s.output());
    assertEquals(0, cli("verify", "--pub", p("sm2.pub"), "--in", p("doc.txt"), "--sig",
        p("theirs.sig")).code());
    Openssl.run(dir, "pkeyutl", "-sign", "-inkey", "sm2.key", "-rawin", "-digest", "sm3",
        "-pkeyopt", "distid:dept@example.gov.cn", "-in", "doc.txt", "-out", "theirs-id.sig");
    assertEquals(0, cli("verify", "--pub", p("sm2.pub"), "--in", p("doc.txt"), "--sig",
        p("theirs-id.sig"), "--id", "dept@example.gov.cn").code());
    assertEquals(1, cli("verify", "--pub", p("sm2.pub"), "--in", p("doc.txt"), "--sig",
        p("theirs-id.sig")).code(), "wrong ID fails");

    // RSA and P-256 with openssl dgst
    for (String alg : List.of("RSA", "P256")) {
      keygen(alg, alg);
      cli("sign", "--key", p(alg + ".key"), "--in", p("doc.txt"), "--out", p(alg + ".sig"));
      Openssl.run(dir, "x509", "-in", alg + ".crt", "-pubkey", "-noout", "-out", alg + ".pub");
      Openssl.Run v = Openssl.run(dir, "dgst", "-sha256", "-verify", alg + ".pub",
          "-signature", alg + ".sig", "doc.txt");
      assertEquals(0, v.exit(), alg + ": " + v.output());
      Openssl.run(dir, "dgst", "-sha256", "-sign", alg + ".key", "-out", alg + ".theirs",
          "doc.txt");
      assertEquals(0, cli("verify", "--cert", p(alg + ".crt"), "--in", p("doc.txt"), "--sig",
          p(alg + ".theirs")).code(), alg);
    }
  }
}
