package org.tongban.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliLicenseTest {
  @TempDir Path dir;

  private String[] run(String... args) {
    return new CliRunner(dir).run(args);
  }

  private String p(String n) {
    return new CliRunner(dir).p(n);
  }

  @Test
  void issueVerify_sm2AndP256_withTrustAndTampering() throws Exception {
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    String json = "{\"ZZMC\":\"营业执照\",\"ZZLXDM\":\"91110108551385082Q001\","
        + "\"ZZBH\":\"91440300708461136T\",\"ZZBFJG\":\"某某市市场监督管理局\","
        + "\"ZZBFJGDM\":\"91350100M000100Y43\",\"ZZBFRQ\":\"" + today + "\","
        + "\"CZZT\":\"某某科技有限公司\",\"CZZTDM\":\"91440300708461136T\",\"CZZTDMLX\":\"001\","
        + "\"ZZYXQQSRQ\":\"" + today + "\",\"ZZYXQJZRQ\":\"" + today.plusYears(5) + "\","
        + "\"data\":{\"法定代表人\":\"张三\"}}";
    Files.writeString(dir.resolve("lic.json"), json);
    assertEquals("0", run("keygen", "--alg", "SM2", "--ca", "--subject", "CN=Root,C=CN",
        "--out-key", p("ca.key"), "--out-cert", p("ca.crt"))[0]);
    for (String alg : new String[] {"SM2", "P256"}) {
      assertEquals("0", run("keygen", "--alg", alg, "--ca-key", p("ca.key"), "--ca-cert",
          p("ca.crt"), "--subject", "CN=证照签发,C=CN", "--out-key", p(alg + ".key"),
          "--out-cert", p(alg + ".crt"))[0]);
      String[] issue = run("license", "issue", "--key", p(alg + ".key"), "--cert",
          p(alg + ".crt"), "--data", p("lic.json"), "--out-qr", p(alg + ".png"), "--out-text",
          p(alg + ".txt"));
      assertEquals("0", issue[0], issue[1] + issue[2]);
      String text = Files.readString(dir.resolve(alg + ".txt"));
      assertTrue(text.startsWith("ZZ1:") && !text.endsWith("\n"));
      // Roots and issuer certificates together: the issuer's chain is checked.
      String[] v = run("license", "verify", "--qr", p(alg + ".png"), "--issuer-cert",
          p(alg + ".crt"), "--trust", p("ca.crt"), "--json");
      assertEquals("0", v[0], v[1] + v[2]);
      assertEquals("营业执照", JSONObjectUtils.parse(v[1].trim()).get("ZZMC"));
      String[] byText = run("license", "verify", "--text", text, "--issuer-cert", p(alg + ".crt"));
      assertEquals("0", byText[0], byText[1]);
      String tampered = text.substring(0, text.length() - 5)
          + (text.charAt(text.length() - 5) == 'A' ? 'B' : 'A') + text.substring(text.length() - 4);
      String[] bad = run("license", "verify", "--text", tampered, "--issuer-cert",
          p(alg + ".crt"));
      assertFalse("0".equals(bad[0]), "tampered text must not pass: " + bad[1]);
    }
    // Online reference mode against a licence service on loopback.
    try (org.tongban.testing.CrlServer server = new org.tongban.testing.CrlServer()) {
      String service = server.base().resolve("/licences").toString();
      assertEquals("0", run("license", "issue", "--key", p("SM2.key"), "--cert", p("SM2.crt"),
          "--data", p("lic.json"), "--out-qr", p("online.png"), "--out-text", p("online.txt"),
          "--mode", "online", "--status-url", service)[0]);
      String url = Files.readString(dir.resolve("online.txt"));
      String id = url.substring(url.indexOf("zzbs=") + 5, url.indexOf("&t="));
      String offline = Files.readString(dir.resolve("SM2.txt"));
      server.serve("/licences/" + id, () -> ("{\"state\":\"01\",\"qr\":\"" + offline + "\"}")
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      String[] ok = run("license", "verify", "--qr", p("online.png"), "--issuer-cert",
          p("SM2.crt"), "--status-url", service, "--purpose", "开户核验");
      assertEquals("0", ok[0], ok[1] + ok[2]);
      server.serve("/licences/" + id, () -> ("{\"state\":\"02\",\"qr\":\"" + offline + "\"}")
          .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertEquals("1", run("license", "verify", "--text", url, "--issuer-cert", p("SM2.crt"),
          "--status-url", service)[0]);
    }
    // An offline licence naming a status list, checked with --status-url.
    try (org.tongban.testing.CrlServer server = new org.tongban.testing.CrlServer()) {
      java.net.URI list = server.base().resolve("/status/1");
      java.security.PrivateKey key = org.tongban.keys.Pem.readPrivateKey(
          Files.readString(dir.resolve("SM2.key")));
      java.util.List<java.security.cert.X509Certificate> chain =
          org.tongban.keys.Pem.readCertificates(Files.readString(dir.resolve("SM2.crt")));
      org.tongban.crypto.SigningKey sk = org.tongban.keys.SigningKeys.of(key, chain);
      java.util.Map<String, Object> wire = new java.util.LinkedHashMap<>(
          JSONObjectUtils.parse(json));
      wire.put("ZZBS", org.tongban.license.LicenseIdentifier.create("91110108551385082Q001",
          "91350100M000100Y43", "STATUS3", "001").toString());
      org.tongban.license.License lic = org.tongban.license.License.fromWire(wire, today);
      String text = org.tongban.license.LicenseIssuer.builder(sk).build().issue(lic,
          new org.tongban.license.StatusReference(list, 3)).text();
      org.tongban.license.StatusListIssuer lists = org.tongban.license.StatusListIssuer
          .builder(sk).build();
      server.serve("/status/1", () -> lists.issue(list, 16, java.util.Map.of(3,
          org.tongban.license.LicenseState.REVOKED), java.time.Duration.ofMinutes(5)));
      String[] revoked = run("license", "verify", "--text", text, "--issuer-cert", p("SM2.crt"),
          "--status-url", server.base().toString(), "--json");
      assertEquals("1", revoked[0], revoked[1] + revoked[2]);
      assertEquals("LICENSE_REVOKED", JSONObjectUtils.parse(revoked[1].trim()).get("reason"));
      String[] elsewhere = run("license", "verify", "--text", text, "--issuer-cert",
          p("SM2.crt"), "--status-url", "https://other.example/");
      assertEquals("3", elsewhere[0], "a list outside --status-url is not fetched: "
          + elsewhere[1]);
      // Without --status-url the status list the licence names is not checked: undecided.
      String[] unchecked = run("license", "verify", "--text", text, "--issuer-cert",
          p("SM2.crt"), "--json");
      assertEquals("3", unchecked[0], unchecked[1]);
      assertEquals("REVOCATION_UNKNOWN", JSONObjectUtils.parse(unchecked[1].trim())
          .get("reason"));
    }
    String[] notQr = run("license", "verify", "--text", "hello", "--issuer-cert", p("SM2.crt"));
    assertEquals("2", notQr[0], notQr[1] + notQr[2]);
    String[] notImage = run("license", "verify", "--qr", p("lic.json"), "--issuer-cert",
        p("SM2.crt"));
    assertEquals("2", notImage[0]);
  }

  @Test
  void checkIdAndCheckCode() {
    String id = org.tongban.license.LicenseIdentifier.create("91110108551385082Q001",
        "91350100M000100Y43", "2026A0001", "001").toString();
    assertEquals("0", run("license", "check-id", id)[0]);
    char wrong = id.endsWith("0") ? '1' : '0';
    assertEquals("1", run("license", "check-id", id.substring(0, id.length() - 1) + wrong)[0]);
    assertEquals("1", run("license", "check-id", "1.2.3")[0]);
    assertEquals("0", run("license", "check-code", "91350100M000100Y43")[0]);
    String[] person = run("license", "check-code", "11010519491231002X");
    assertEquals("0", person[0]);
    assertFalse(person[1].contains("11010519491231002X"), "ID number masked in output");
    assertEquals("1", run("license", "check-code", "110105194912310021")[0]);
  }
}
