package org.tongban.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jwks}, {@code token issue} and {@code token verify}, as the CLI contract has them. */
class CliTokenTest {
  @TempDir Path dir;

  @Test
  void issueJwksVerify_forSm2AndRsa_andFailuresWithTheirExitCodes() throws Exception {
    CliRunner cli = new CliRunner(dir);
    for (String alg : new String[] {"SM2", "RSA", "P256"}) {
      cli.ok("keygen", "--alg", alg, "--subject", "CN=IdP " + alg + ",C=CN", "--out-key",
          cli.p(alg + ".key"), "--out-cert", cli.p(alg + ".crt"));
      String token = cli.ok("token", "issue", "--key", cli.p(alg + ".key"), "--kid", "k-" + alg,
          "--iss", "https://idp.example", "--sub", "person-1", "--aud", "dept-a",
          "--claims", "{\"nonce\":\"n1\",\"sid\":\"s1\"}").trim();
      Files.writeString(dir.resolve(alg + ".jwks"), cli.ok("jwks", "--cert",
          cli.p(alg + ".crt"), "--kid", "k-" + alg));
      String out = cli.ok("token", "verify", "--jwks", cli.p(alg + ".jwks"), "--iss",
          "https://idp.example", "--aud", "dept-a", "--token", token, "--nonce", "n1",
          "--json");
      assertTrue(out.contains("\"indication\":\"PASSED\""), out);
      assertTrue(out.contains("\"sub\":\"person-1\""), out);
      String[] wrongAud = cli.run("token", "verify", "--jwks", cli.p(alg + ".jwks"), "--iss",
          "https://idp.example", "--aud", "dept-b", "--token", token);
      assertEquals("1", wrongAud[0]);
      assertTrue(wrongAud[1].startsWith("FAILED AUDIENCE_MISMATCH"), wrongAud[1]);
    }
    String logout = cli.ok("token", "issue", "--key", cli.p("SM2.key"), "--kid", "k-SM2",
        "--iss", "https://idp.example", "--sub", "person-1", "--aud", "dept-a", "--type",
        "logout").trim();
    String[] asId = cli.run("token", "verify", "--jwks", cli.p("SM2.jwks"), "--iss",
        "https://idp.example", "--aud", "dept-a", "--token", logout);
    assertEquals("1", asId[0]);
    assertTrue(asId[1].startsWith("FAILED TOKEN_TYPE_MISMATCH"), asId[1]);
    assertEquals("0", cli.run("token", "verify", "--jwks", cli.p("SM2.jwks"), "--iss",
        "https://idp.example", "--aud", "dept-a", "--type", "logout", "--token", logout)[0]);
    String[] unknownKey = cli.run("token", "verify", "--jwks", cli.p("RSA.jwks"), "--iss",
        "https://idp.example", "--aud", "dept-a", "--token", logout);
    assertEquals("3", unknownKey[0], unknownKey[1]);
    String[] garbage = cli.run("token", "verify", "--jwks", cli.p("SM2.jwks"), "--iss",
        "https://idp.example", "--aud", "dept-a", "--token", "not.a token");
    assertEquals("1", garbage[0]);
    assertTrue(garbage[1].startsWith("FAILED FORMAT_FAILURE"), garbage[1]);
    assertEquals("2", cli.run("token", "verify", "--iss", "x", "--aud", "y", "--token", "t")[0]);
  }

  @Test
  void jwks_publishesExactlyOneKeyPerCertificateFile() throws Exception {
    CliRunner cli = new CliRunner(dir);
    cli.ok("keygen", "--alg", "SM2", "--ca", "--out-key", cli.p("ca.key"), "--out-cert",
        cli.p("ca.crt"));
    for (String n : new String[] {"a", "b"}) {
      cli.ok("keygen", "--alg", "P256", "--ca-key", cli.p("ca.key"), "--ca-cert",
          cli.p("ca.crt"), "--out-key", cli.p(n + ".key"), "--out-cert", cli.p(n + ".crt"));
    }
    // A file holding a chain (leaf, then the CA): its leaf alone is published, never the CA.
    Files.writeString(dir.resolve("a-chain.crt"), Files.readString(dir.resolve("a.crt"))
        + Files.readString(dir.resolve("ca.crt")));
    Map<String, Object> one = JSONObjectUtils.parse(cli.ok("jwks", "--cert",
        cli.p("a-chain.crt"), "--kid", "k1"));
    List<?> keys = (List<?>) one.get("keys");
    assertEquals(1, keys.size(), one.toString());
    assertEquals("k1", ((Map<?, ?>) keys.get(0)).get("kid"));
    assertEquals("P-256", ((Map<?, ?>) keys.get(0)).get("crv"));
    Map<String, Object> two = JSONObjectUtils.parse(cli.ok("jwks", "--cert", cli.p("a.crt"),
        cli.p("b.crt"), "--kid", "ka", "kb"));
    assertEquals(List.of("ka", "kb"), ((List<?>) two.get("keys")).stream()
        .map(k -> ((Map<?, ?>) k).get("kid")).toList());
    String[] mismatch = cli.run("jwks", "--cert", cli.p("a.crt"), cli.p("b.crt"), "--kid",
        "only-one");
    assertEquals("2", mismatch[0]);
    assertTrue(mismatch[2].contains("one --kid per --cert"), mismatch[2]);
  }

  @Test
  void tokenFromStdin_isReadWhole_orRefused() throws Exception {
    CliRunner cli = new CliRunner(dir);
    cli.ok("keygen", "--alg", "SM2", "--out-key", cli.p("k.key"), "--out-cert", cli.p("k.crt"));
    Files.writeString(dir.resolve("jwks.json"), cli.ok("jwks", "--cert", cli.p("k.crt"),
        "--kid", "k1"));
    String token = cli.ok("token", "issue", "--key", cli.p("k.key"), "--kid", "k1", "--iss",
        "https://idp.example", "--sub", "p", "--aud", "a").trim();
    java.io.InputStream saved = System.in;
    try {
      for (String[] c : new String[][] {{token + "\n", "0", ""},
          {token + "\n" + token + "\n", "2", "more than one token"},
          {"x".repeat(org.tongban.io.Limits.MAX_TOKEN_BYTES + 1), "2", "longer than"},
          {"  \n", "2", "no token"}}) {
        System.setIn(new java.io.ByteArrayInputStream(c[0].getBytes(
            java.nio.charset.StandardCharsets.US_ASCII)));
        String[] r = cli.run("token", "verify", "--jwks", cli.p("jwks.json"), "--iss",
            "https://idp.example", "--aud", "a");
        assertEquals(c[1], r[0], r[1] + r[2]);
        assertTrue(r[2].contains(c[2]), r[2]);
      }
    } finally {
      System.setIn(saved);
    }
  }
}
