package org.tongban.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliPdfTest {
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
  void sealTwiceVerify_thenAppendedBytes_untrustedAndGarbage() throws Exception {
    String img = new CliRunner(dir).emblem();
    try (PDDocument doc = new PDDocument()) {
      doc.addPage(new PDPage(PDRectangle.A4));
      doc.addPage(new PDPage(PDRectangle.A4));
      doc.save(dir.resolve("in.pdf").toFile());
    }
    ok("keygen", "--alg", "RSA", "--ca", "--subject", "CN=Demo CA,C=CN", "--out-key",
        p("ca.key"), "--out-cert", p("ca.crt"));
    for (String who : new String[] {"a", "b"}) {
      ok("keygen", "--alg", who.equals("a") ? "RSA" : "SM2", "--ca-key", p("ca.key"),
          "--ca-cert", p("ca.crt"), "--subject", "CN=某某局" + who + ",C=CN", "--out-key",
          p(who + ".key"), "--out-cert", p(who + ".crt"));
    }
    ok("pdf", "seal", "--image", img,
        "--in", p("in.pdf"), "--out", p("one.pdf"), "--key", p("a.key"),
        "--cert", p("a.crt"));
    ok("pdf", "seal", "--image", img,
        "--in", p("one.pdf"), "--out", p("two.pdf"), "--key", p("b.key"),
        "--cert", p("b.crt"), "--page", "1", "--x", "20", "--y", "20");
    String[] v = run("pdf", "verify", "--in", p("two.pdf"), "--trust", p("ca.crt"));
    assertEquals("0", v[0], v[1] + v[2]);
    assertTrue(v[1].startsWith("document: PASSED (2 signatures)"), v[1]);
    assertTrue(v[1].contains("CN=某某局b"), v[1]);

    // Appending a comment changes no object: still PASSED, the signature is not "whole".
    Files.copy(dir.resolve("two.pdf"), dir.resolve("appended.pdf"));
    Files.write(dir.resolve("appended.pdf"), "\n% appended\n".getBytes(StandardCharsets.US_ASCII),
        StandardOpenOption.APPEND);
    String[] appended = run("pdf", "verify", "--in", p("appended.pdf"), "--trust", p("ca.crt"));
    assertEquals("0", appended[0], appended[1]);
    assertTrue(appended[1].contains("coversWholeDocument: false"), appended[1]);

    try (PDDocument doc = Loader.loadPDF(dir.resolve("two.pdf").toFile())) {
      PDAnnotationText note = new PDAnnotationText();
      note.setRectangle(new PDRectangle(72, 600, 20, 20));
      doc.getPage(0).getAnnotations().add(note);
      doc.getPage(0).getCOSObject().setNeedToBeUpdated(true);
      try (java.io.OutputStream out = Files.newOutputStream(dir.resolve("noted.pdf"))) {
        doc.saveIncremental(out);
      }
    }
    String[] noted = run("pdf", "verify", "--in", p("noted.pdf"), "--trust", p("ca.crt"));
    assertEquals("1", noted[0], noted[1]);
    assertTrue(noted[1].startsWith("document: FAILED DOCUMENT_MODIFIED_AFTER_SEAL"), noted[1]);
    assertTrue(noted[1].contains("pdf.modification-level: ANNOTATIONS"), noted[1]);
    // The integrator may permit annotations after approval seals; nothing else.
    String[] permitted = run("pdf", "verify", "--in", p("noted.pdf"), "--trust", p("ca.crt"),
        "--permit", "annotations");
    assertEquals("0", permitted[0], permitted[1]);
    assertEquals("1", run("pdf", "verify", "--in", p("noted.pdf"), "--trust", p("ca.crt"),
        "--permit", "form-filling")[0]);
    assertEquals("2", run("pdf", "verify", "--in", p("noted.pdf"), "--trust", p("ca.crt"),
        "--permit", "everything")[0]);

    ok("keygen", "--alg", "RSA", "--ca", "--out-key", p("x.key"), "--out-cert", p("x.crt"));
    // The seals carry their signers' certificates alone: against an unrelated root no chain
    // is found, which is undecided, never PASSED.
    String[] other = run("pdf", "verify", "--in", p("two.pdf"), "--trust", p("x.crt"));
    assertEquals("3", other[0], other[1]);
    assertTrue(other[1].startsWith("document: INDETERMINATE NO_CERTIFICATE_CHAIN_FOUND"),
        other[1]);
    String[] garbage = run("pdf", "verify", "--in", p("a.crt"));
    assertEquals("1", garbage[0]);
    assertTrue(garbage[1].startsWith("document: FAILED FORMAT_FAILURE"), garbage[1]);
    // A cross-page seal after the two seals, in PAdES form: all three stay valid.
    Files.createDirectories(dir.resolve("cross"));
    ok("pdf", "seal", "--image", img,
        "--in", p("two.pdf"), "--out", p("cross/three.pdf"), "--key", p("a.key"),
        "--cert", p("a.crt"), "--cross-page", "--cades");
    String[] cross = run("pdf", "verify", "--in", p("cross/three.pdf"), "--trust", p("ca.crt"));
    assertEquals("0", cross[0], cross[1] + cross[2]);
    assertTrue(cross[1].startsWith("document: PASSED (3 signatures)"), cross[1]);
    try (PDDocument doc = Loader.loadPDF(dir.resolve("cross/three.pdf").toFile())) {
      assertEquals(3, doc.getSignatureFields().get(2).getWidgets().size(),
          "main seal and a slice on each of the two pages");
    }
    String[] same = run("pdf", "seal", "--image", img, "--in", p("in.pdf"), "--out",
        p("in.pdf"), "--key", p("a.key"), "--cert", p("a.crt"));
    assertEquals("2", same[0]);
    assertTrue(same[2].contains("must not be the input"), same[2]);
    String[] bad = run("pdf", "seal", "--image", img, "--in", p("in.pdf"), "--out",
        p("one-page-cross.pdf"), "--key", p("a.key"), "--cert", p("a.crt"), "--field",
        "NoSuchField");
    assertEquals("2", bad[0]);
    assertTrue(bad[2].contains("no field named NoSuchField"), bad[2]);
    assertFalse(Files.exists(dir.resolve("one-page-cross.pdf")), "nothing half-written left");

    // The ses format: a makes a seal for b, b seals the PDF with it.
    ok("seal", "make", "--image", img, "--issuer-key", p("a.key"), "--issuer-cert", p("a.crt"),
        "--holder-cert", p("b.crt"), "--name", "某某局合同专用章", "--out", p("b.esl"));
    ok("pdf", "seal", "--in", p("in.pdf"), "--out", p("ses.pdf"), "--key", p("b.key"),
        "--cert", p("b.crt"), "--format", "ses", "--seal", p("b.esl"));
    String[] sv = run("pdf", "verify", "--in", p("ses.pdf"), "--trust", p("ca.crt"));
    assertEquals("0", sv[0], sv[1] + sv[2]);
    assertTrue(sv[1].contains("seal.maker-signature: OK"), sv[1]);
    assertEquals("2", run("pdf", "seal", "--image", img, "--in", p("in.pdf"), "--out",
        p("y.pdf"), "--key", p("b.key"), "--cert", p("b.crt"), "--format", "ses")[0]);
  }

  @Test
  void pdfSeal_withoutImage_drawsTheSubjectsName_hanAndDigits() throws Exception {
    // A name with Han characters and a digit, drawn from different fonts where
    // the CJK font has no digits.
    org.tongban.samples.TestFonts.require("某某市公安局第1分局");
    try (PDDocument doc = new PDDocument()) {
      doc.addPage(new PDPage(PDRectangle.A4));
      doc.save(dir.resolve("in.pdf").toFile());
    }
    ok("keygen", "--alg", "SM2", "--subject", "CN=某某市公安局第1分局,C=CN", "--out-key",
        p("k.key"), "--out-cert", p("k.crt"));
    ok("pdf", "seal", "--in", p("in.pdf"), "--out", p("out.pdf"), "--key", p("k.key"),
        "--cert", p("k.crt"));
    String[] v = run("pdf", "verify", "--in", p("out.pdf"), "--trust", p("k.crt"));
    assertEquals("0", v[0], v[1] + v[2]);
  }

  @Test
  void pdfVerify_selfSignedImpostor_withoutTrust_isIndeterminateNeverPassed() throws Exception {
    String img = new CliRunner(dir).emblem();
    try (PDDocument doc = new PDDocument()) {
      doc.addPage(new PDPage(PDRectangle.A4));
      doc.save(dir.resolve("in.pdf").toFile());
    }
    // A self-signed certificate named after a real bureau.
    ok("keygen", "--alg", "SM2", "--subject", "CN=某某市市场监督管理局,C=CN", "--out-key",
        p("fake.key"), "--out-cert", p("fake.crt"));
    ok("pdf", "seal", "--image", img, "--in", p("in.pdf"), "--out", p("fake.pdf"), "--key",
        p("fake.key"), "--cert", p("fake.crt"));
    String[] none = run("pdf", "verify", "--in", p("fake.pdf"));
    assertEquals("3", none[0], none[1] + none[2]);
    assertTrue(none[1].startsWith("document: INDETERMINATE TRUST_NOT_CONFIGURED"), none[1]);
    String[] json = run("pdf", "verify", "--in", p("fake.pdf"), "--json");
    assertEquals("3", json[0]);
    assertEquals("TRUST_NOT_CONFIGURED", com.nimbusds.jose.util.JSONObjectUtils.parse(
        json[1].trim()).get("reason"));
    // The caller names the certificate it trusts: as given.
    String[] given = run("pdf", "verify", "--in", p("fake.pdf"), "--trust-as-given",
        p("fake.crt"));
    assertEquals("0", given[0], given[1]);
    String[] unsigned = run("pdf", "verify", "--in", p("in.pdf"));
    assertEquals("1", unsigned[0]);
    assertTrue(unsigned[1].startsWith("document: FAILED NO_SIGNATURE"), unsigned[1]);
  }
}
