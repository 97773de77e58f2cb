package org.tongban.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
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
  void demo_printsItsFolder_andEveryRecheckCommandWorks() throws Exception {
    Out human = cli("demo", "--dir", p("human"));
    assertEquals(0, human.code(), human.out() + human.err());
    assertTrue(human.out().startsWith("Tongban demo — work folder " + dir.resolve("human")),
        human.out());
    assertTrue(human.out().contains("each re-checked by the command under it"), human.out());

    Out r = cli("demo", "--dir", p("demo"), "--json");
    assertEquals(0, r.code(), r.out() + r.err());
    Map<String, Object> json = JSONObjectUtils.parse(r.out().trim());
    assertEquals(dir.resolve("demo").toString(), json.get("workFolder"));
    assertEquals(Boolean.TRUE, json.get("passed"));
    List<?> artifacts = (List<?>) json.get("artifacts");
    assertEquals(9, artifacts.size(), r.out());
    for (Object o : artifacts) {
      @SuppressWarnings("unchecked")
      Map<String, Object> a = (Map<String, Object>) o;
      String check = (String) a.get("check");
      assertTrue(check.startsWith("java -jar samples/target/tongban.jar "), check);
      assertTrue(Files.exists(Path.of((String) a.get("file"))), check);
      // The printed command, run as printed (the paths hold no spaces here).
      String[] args = check.substring("java -jar samples/target/tongban.jar ".length())
          .split(" ");
      Out c = cli(args);
      assertEquals(0, c.code(), check + "\n" + c.out() + c.err());
    }
    // The commands check the files for real: a changed file fails.
    Path pdf = dir.resolve("demo/notice.sm2.pdf");
    byte[] bytes = Files.readAllBytes(pdf);
    bytes[11] ^= 0x01; // in the binary comment after the header: inside the signed range
    Files.write(pdf, bytes);
    Out changed = cli("pdf", "verify", "--in", pdf.toString(), "--trust",
        p("demo/sm2-root.pem"), "--trust", p("demo/sm2-ca.pem"));
    assertEquals(1, changed.code(), changed.out());
  }

  @Test
  void demoWithRedis_runsTheDepartmentAppsAgainstIt() throws Exception {
    try (org.tongban.testing.RedisServer redis = org.tongban.testing.RedisServer.start()) {
      Out r = cli("demo", "--dir", p("redis-demo"), "--redis", redis.uri());
      assertEquals(0, r.code(), r.out() + r.err());
      assertTrue(r.out().contains("sessions and logout state in Redis"), r.out());
      // The logout tokens the platform delivered are remembered there, per app.
      io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(redis.uri());
      try (var c = client.connect()) {
        List<String> keys = c.sync().keys("tongban:*");
        assertTrue(keys.stream().anyMatch(k -> k.startsWith("tongban:{dept-a}:used:")),
            keys.toString());
        assertTrue(keys.stream().anyMatch(k -> k.startsWith("tongban:{dept-b}:used:")),
            keys.toString());
      } finally {
        client.shutdown();
      }
    }
  }

  @Test
  void demoServe_keepsPlatformAndAppsRunning_untilStopped() throws Exception {
    Process proc = new ProcessBuilder(org.tongban.samples.TestJvm.command(Main.class, "demo",
        "--serve", "--json", "--dir", p("serve"))).redirectError(dir.resolve("serve.err").toFile())
        .start();
    try {
      java.io.BufferedReader lines = new java.io.BufferedReader(new java.io.InputStreamReader(
          proc.getInputStream(), java.nio.charset.StandardCharsets.UTF_8));
      Map<String, Object> serving = null;
      for (String line; serving == null && (line = lines.readLine()) != null; ) {
        if (line.contains("\"serving\"")) {
          serving = JSONObjectUtils.parse(line);
        }
      }
      assertTrue(serving != null, "the demo says where it serves");
      URI appA = URI.create((String) serving.get("appA"));
      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      java.net.http.HttpResponse<Void> app = http.send(java.net.http.HttpRequest.newBuilder(
          appA).build(),
          java.net.http.HttpResponse.BodyHandlers.discarding());
      assertEquals(302, app.statusCode(), "app A sends the browser to the platform");
      String location = app.headers().firstValue("Location").orElse("");
      assertTrue(location.startsWith((String) serving.get("platform")), location);
      assertEquals(200, http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
          serving.get("platform") + "/.well-known/openid-configuration")).build(),
          java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode());
      assertTrue(proc.isAlive(), "still serving");
      proc.destroy(); // SIGTERM, as Ctrl-C's SIGINT: the shutdown hook stops the servers
      assertTrue(proc.waitFor(20, java.util.concurrent.TimeUnit.SECONDS), "stops when told");
      assertThrows(java.io.IOException.class, () -> http.send(java.net.http.HttpRequest
          .newBuilder(appA).build(), java.net.http.HttpResponse.BodyHandlers.discarding()),
          "app A is gone");
    } finally {
      proc.destroyForcibly();
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
