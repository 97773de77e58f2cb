package org.tongban.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.tongban.crypto.KeyType;
import org.tongban.crypto.SignatureEncoding;
import org.tongban.crypto.SignatureParameters;
import org.tongban.crypto.SigningKey;
import org.tongban.crypto.VerificationKey;
import org.tongban.http.HttpResponse;
import org.tongban.http.HttpTransport;
import org.tongban.keys.Pem;
import org.tongban.keys.SigningKeys;
import org.tongban.license.HolderCodeType;
import org.tongban.license.IssuedLicense;
import org.tongban.license.License;
import org.tongban.license.LicenseIdentifier;
import org.tongban.license.LicenseIssuer;
import org.tongban.license.LicenseState;
import org.tongban.license.LicenseVerifier;
import org.tongban.license.StatusListIssuer;
import org.tongban.license.StatusListSource;
import org.tongban.license.StatusReference;
import org.tongban.license.VerifiedLicense;
import org.tongban.license.qr.QrImages;
import org.tongban.pki.CertificatePath;
import org.tongban.pki.CertificateVerifier;
import org.tongban.pki.CrlRevocationSource;
import org.tongban.pki.DemoPki;
import org.tongban.result.Indication;
import org.tongban.result.Reason;
import org.tongban.result.VerificationResult;
import org.tongban.samples.identity.DepartmentApp;
import org.tongban.samples.identity.SamplePlatform;
import org.tongban.samples.identity.SsoWalkthrough;
import org.tongban.seal.DataSealer;
import org.tongban.seal.SealMaker;
import org.tongban.seal.SealPictures;
import org.tongban.seal.SealSpec;
import org.tongban.seal.SealVerifier;
import org.tongban.seal.VerifiedSeal;
import org.tongban.samples.seal.OfdNotice;
import org.tongban.seal.ofd.OfdSealPlacement;
import org.tongban.seal.ofd.OfdSealVerifier;
import org.tongban.seal.ofd.OfdSealer;
import org.tongban.seal.ofd.OfdVerificationReport;
import org.tongban.seal.pdf.PdfSealPlacement;
import org.tongban.seal.pdf.PdfSealVerifier;
import org.tongban.seal.pdf.PdfSealer;
import org.tongban.seal.pdf.PdfVerificationReport;
import org.tongban.seal.ses.SealPicture;
import org.tongban.seal.ses.SesSeal;
import org.tongban.seal.ses.SesSignature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Run every capability end to end in a work folder and print each step, "
        + "then, per file written, the CLI command that re-checks it.",
        "--serve then keeps the sample identity platform and two department apps running on "
            + "loopback until Ctrl-C, to try the one sign-on in a browser.",
        "Exit 0 iff every step gave the expected outcome."})
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--dir", description = "work folder (default: a new temporary folder)")
  Path dir;

  @Option(names = "--serve", description = "afterwards keep the identity platform and both "
      + "department apps running until Ctrl-C")
  boolean serve;

  @Option(names = "--redis", paramLabel = "URL", description = "keep the department apps' "
      + "sessions, logins in progress and used logout tokens in this Redis (as an app on "
      + "several nodes does), e.g. redis://127.0.0.1:6379")
  String redis;

  @Mixin CommonOptions common;

  /** One step's outcome. */
  private record Step(String section, String what, boolean ok, String detail) {}

  /** A file the demo wrote, and the CLI arguments that re-check it. */
  private record Artifact(Path file, List<String> check) {}

  private PrintWriter out;
  private int failures;
  private String section = "";
  private final List<Step> steps = new ArrayList<>();
  private final List<Artifact> artifacts = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    out = spec.commandLine().getOut();
    Path work;
    if (dir != null) {
      Files2.output(dir);
      work = Files.createDirectories(dir).toAbsolutePath();
    } else {
      work = Files.createTempDirectory("tongban-demo-").toAbsolutePath();
    }
    if (!common.json) {
      out.println("Tongban demo — work folder " + work);
    }
    byte[] document = ("关于开展一网通办试点工作的通知\n"
        + "Notice on the one-stop government service pilot\n").getBytes(StandardCharsets.UTF_8);
    Files.write(work.resolve("notice.txt"), document);

    for (KeyType type : List.of(KeyType.SM2, KeyType.RSA)) {
      section(type.toString());
      DemoPki pki = DemoPki.create(type, "Tongban " + type);
      step("throw-away PKI: root → issuing CA, " + type, true,
          pki.root().certificate().getSubjectX500Principal().getName());
      DemoPki.Issued dept = pki.issueLeaf("CN=某某市市场监督管理局,O=某某市人民政府,C=CN");
      String prefix = type.name().toLowerCase(java.util.Locale.ROOT);
      Path root = work.resolve(prefix + "-root.pem");
      Path ca = work.resolve(prefix + "-ca.pem");
      Path chain = work.resolve(prefix + "-dept.chain.pem");
      Files2.write(work.resolve(prefix + "-dept.key.pem"), Pem.writePrivateKey(dept.privateKey()));
      Files2.write(work.resolve(prefix + "-dept.crt.pem"), Pem.writeCertificate(
          dept.certificate()));
      Files2.write(chain, Pem.writeCertificates(dept.chain()));
      Files2.write(root, Pem.writeCertificate(pki.root().certificate()));
      Files2.write(ca, Pem.writeCertificate(pki.intermediate().certificate()));
      step("department key, certificate and chain written as PEM (with the root and the "
          + "issuing CA)", true, prefix + "-dept.key.pem, " + prefix + "-dept.chain.pem");

      byte[] sig = dept.signingKey().sign(document);
      Path sigFile = work.resolve("notice.txt." + prefix + ".sig");
      Files.write(sigFile, sig);
      artifact(sigFile, "verify", "--cert", chain, "--in", work.resolve("notice.txt"), "--sig",
          sigFile, "--trust", root);
      VerificationKey vk = VerificationKey.of(dept.certificate());
      step("sign notice.txt (" + dept.signingKey().algorithm() + ") and verify",
          vk.verifier().isValid(sig, document), sig.length + "-byte signature");

      byte[] tampered = document.clone();
      tampered[tampered.length - 2] ^= 0x01;
      step("one flipped bit in the document is detected", !vk.verifier().isValid(sig, tampered),
          "SIG_CRYPTO_FAILURE");

      CertificateVerifier chains = CertificateVerifier.builder(pki.trustAnchors())
          .revocation(CrlRevocationSource.builder().offline().crl(pki.intermediateCrl())
              .crl(pki.rootCrl()).build()).build();
      VerificationResult<CertificatePath> ok = chains.verify(dept.chain());
      step("certificate chain to the trusted root, with CRLs", ok.isValid(),
          ok.indication().toString());

      // Electronic seal: the maker makes a seal for the department, which seals the notice.
      DemoPki.Issued maker = pki.issueLeaf("CN=某某市电子印章制作中心,O=某某市人民政府,C=CN");
      byte[] picture = sealPicture("某某市市场监督管理局", "合同专用章");
      Files.write(work.resolve(prefix + "-seal.png"), picture);
      SesSeal seal = SealMaker.builder(maker.signingKey()).build().make(SealSpec.builder()
          .name("某某市市场监督管理局合同专用章").picture(SealPicture.of("PNG", picture, 42, 42))
          .validity(Instant.now().minusSeconds(60), Instant.now().plus(Duration.ofDays(365)))
          .holders(List.of(dept.certificate())).build());
      Files.write(work.resolve(prefix + "-seal.esl"), seal.encoded());
      step("make a GB/T 38540 seal (picture drawn, " + prefix + "-seal.png)", true,
          seal.version() + ", esID " + seal.esId());
      SesSignature sealed = DataSealer.builder().build().seal(seal, dept.signingKey(), document,
          "notice.txt");
      Path sesFile = work.resolve("notice.txt." + prefix + ".ses");
      Files.write(sesFile, sealed.encoded());
      artifact(sesFile, "seal", "verify", "--in", work.resolve("notice.txt"), "--sig", sesFile,
          "--trust", root, "--trust", ca);
      SealVerifier sealVerifier = SealVerifier.builder(pki.trustPolicy()).build();
      VerificationResult<VerifiedSeal> sealOk = sealVerifier.verify(sealed.encoded(), document);
      step("seal notice.txt and verify the seal signature (" + sealOk.checks().size()
          + " checks)", sealOk.isValid(), sealOk.indication().toString());
      VerificationResult<VerifiedSeal> sealBad = sealVerifier.verify(sealed.encoded(), tampered);
      step("the sealed document changed by one bit fails with HASH_FAILURE",
          sealBad.reason().orElse(null) == Reason.HASH_FAILURE,
          sealBad.reason().map(Enum::name).orElse("-"));

      // The same department seals a PDF: visible seal and cross-page seal (one slice at the
      // right edge of each page), one CMS signature, incremental update.
      byte[] pdf = PdfSealer.builder().build().seal(noticePdf(), SealPicture.of("PNG", picture,
          42, 42),
          PdfSealPlacement.lastPageBottomRight().withCrossPage(), dept.signingKey());
      Path pdfFile = work.resolve("notice." + prefix + ".pdf");
      Files.write(pdfFile, pdf);
      artifact(pdfFile, "pdf", "verify", "--in", pdfFile, "--trust", root, "--trust", ca);
      PdfSealVerifier pdfVerifier = PdfSealVerifier.builder(pki.trustPolicy()).build();
      PdfVerificationReport pdfOk = pdfVerifier.verify(pdf);
      step("seal notice." + prefix + ".pdf (visible seal + cross-page seal on 3 pages, CMS) "
          + "and verify it", pdfOk.isValid(),
          pdfOk.indication() + ", " + pdfOk.signatures().size() + " signature");
      PdfVerificationReport pdfChanged = pdfVerifier.verify(annotated(pdf));
      step("a note added to the sealed PDF later fails with DOCUMENT_MODIFIED_AFTER_SEAL",
          pdfChanged.reason().orElse(null) == Reason.DOCUMENT_MODIFIED_AFTER_SEAL,
          pdfChanged.indication() + " " + pdfChanged.reason().map(Enum::name).orElse("-"));

      // And an OFD notice (the format of e-invoices and official documents): the seal drawn
      // at the bottom right of the last page and across the right edge of both pages.
      byte[] ofd = OfdSealer.builder().build().seal(OfdNotice.example(), seal,
          OfdSealPlacement.lastPageBottomRight().withCrossPage(), dept.signingKey());
      Path ofdFile = work.resolve("notice." + prefix + ".ofd");
      Files.write(ofdFile, ofd);
      artifact(ofdFile, "ofd", "verify", "--in", ofdFile, "--trust", root, "--trust", ca);
      OfdSealVerifier ofdVerifier = OfdSealVerifier.builder(pki.trustPolicy()).build();
      OfdVerificationReport ofdOk = ofdVerifier.verify(ofd);
      step("seal notice." + prefix + ".ofd (" + seal.version() + " seal + cross-page seal, "
          + "SES_Signature over Signature.xml) and verify it", ofdOk.isValid(),
          ofdOk.indication() + ", " + ofdOk.signatures().get(0).verified()
              .map(v -> v.stamps().size() + " stamps").orElse("-"));
      OfdVerificationReport ofdChanged = ofdVerifier.verify(changedOfdPage(ofd));
      step("a page of the sealed OFD changed later fails with HASH_FAILURE, naming the page",
          ofdChanged.reason().orElse(null) == Reason.HASH_FAILURE,
          ofdChanged.signatures().isEmpty() ? "-" : ofdChanged.signatures().get(0)
              .check(OfdSealVerifier.REFERENCES).map(c -> c.detail()).orElse("-"));

      pki.revoke(dept.certificate(), Instant.now().minusSeconds(1));
      CertificateVerifier afterRevocation = CertificateVerifier.builder(pki.trustAnchors())
          .revocation(CrlRevocationSource.builder().offline().crl(pki.intermediateCrl())
              .crl(pki.rootCrl()).build()).build();
      VerificationResult<CertificatePath> revoked = afterRevocation.verify(dept.chain());
      step("after revocation the chain fails with REVOKED",
          revoked.indication() == Indication.FAILED
              && revoked.reason().orElse(null) == Reason.REVOKED,
          revoked.reason().map(Enum::name).orElse("-"));

      DemoPki.Issued other = DemoPki.create(type, "Elsewhere").issueLeaf("CN=Stranger,C=CN");
      VerificationResult<CertificatePath> stranger = chains.verify(other.chain());
      step("a certificate from another PKI is refused (UNTRUSTED_ROOT)",
          stranger.reason().orElse(null) == Reason.UNTRUSTED_ROOT,
          stranger.reason().map(Enum::name).orElse("-"));

      if (type == KeyType.SM2) {
        SignatureParameters alice = SignatureParameters.sm2("ALICE123@YAHOO.COM",
            SignatureEncoding.DER);
        SigningKey withId = SigningKeys.builder(dept.privateKey()).parameters(alice)
            .build();
        byte[] idSig = withId.sign(document);
        boolean rightId = VerificationKey.builder(dept.certificate().getPublicKey())
            .parameters(alice).build().verifier().isValid(idSig, document);
        boolean defaultId = vk.verifier().isValid(idSig, document);
        step("SM2 distinguishing ID is bound: ALICE123@YAHOO.COM verifies, the default ID not",
            rightId && !defaultId, "Z_A differs");
      }
    }
    licences(work);
    identity();
    report(work);
    if (serve) {
      serve();
    }
    return failures == 0 ? Main.EXIT_OK : Main.EXIT_FAILED;
  }

  /** How the CLI is run here: the jar this class came from, else README's jar path. */
  private static String cli() {
    try {
      Path self = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation()
          .toURI());
      if (self.toString().endsWith(".jar")) {
        return "java -jar " + quote(self.toString());
      }
    } catch (Exception e) {
      // no code source: fall back to the documented path
    }
    return "java -jar samples/target/tongban.jar";
  }

  private static String quote(String arg) {
    return arg.matches("[A-Za-z0-9_./:=@%+,-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
  }

  /** Records a file and the CLI arguments that re-check it (paths absolute). */
  private void artifact(Path file, Object... args) {
    List<String> a = new ArrayList<>();
    for (Object o : args) {
      a.add(o.toString());
    }
    artifacts.add(new Artifact(file, List.copyOf(a)));
  }

  private void report(Path work) {
    if (common.json) {
      Map<String, Object> o = new java.util.LinkedHashMap<>();
      o.put("workFolder", work.toString());
      o.put("passed", failures == 0);
      List<Object> s = new ArrayList<>();
      for (Step st : steps) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("section", st.section());
        m.put("step", st.what());
        m.put("ok", st.ok());
        m.put("detail", st.detail());
        s.add(m);
      }
      o.put("steps", s);
      List<Object> a = new ArrayList<>();
      for (Artifact art : artifacts) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("file", art.file().toString());
        m.put("check", commandLine(art.check()));
        a.add(m);
      }
      o.put("artifacts", a);
      o.put("notes", new ArrayList<>(notes));
      out.println(com.nimbusds.jose.util.JSONObjectUtils.toJSONString(o));
    } else {
      out.println();
      out.println("Files in " + work + "; each re-checked by the command under it:");
      for (Artifact art : artifacts) {
        out.println("  " + work.relativize(art.file()));
        out.println("    " + commandLine(art.check()));
      }
      out.println();
      out.println(failures == 0 ? "demo: all steps passed"
          : "demo: " + failures + " step(s) failed");
    }
    out.flush();
  }

  private static String commandLine(List<String> args) {
    StringBuilder b = new StringBuilder(cli());
    for (String a : args) {
      b.append(' ').append(quote(a));
    }
    return b.toString();
  }

  private void section(String title) {
    section = title;
    if (!common.json) {
      out.println();
      out.println("== " + title + " ==");
    }
  }

  private void licences(Path work) throws Exception {
    section("Electronic licence (SM2, QR)");
    DemoPki pki = DemoPki.create(KeyType.SM2, "Tongban Licence");
    DemoPki.Issued issuer = pki.issueLeaf("CN=某某市市场监督管理局证照签发,O=某某市人民政府,C=CN");
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    License licence = License.builder().name("营业执照").typeCode("91110108551385082Q001")
        .number("91440300708461136T")
        .identifier(LicenseIdentifier.create("91110108551385082Q001", "91350100M000100Y43",
            "2026DEMO0001", "001"))
        .issuingAuthority("某某市市场监督管理局", "91350100M000100Y43").issueDate(today)
        .holder("某某科技有限公司", "91440300708461136T",
            HolderCodeType.UNIFIED_SOCIAL_CREDIT_CODE)
        .validFrom(today).validUntil(today.plusYears(20)).item("法定代表人", "张三")
        .build(today);
    URI listUri = URI.create("https://status.example.gov.cn/lists/1");
    // The issuer's status service, served in-process through the HttpTransport seam.
    StatusListIssuer lists = StatusListIssuer.builder(issuer.signingKey()).build();
    AtomicReference<byte[]> published = new AtomicReference<>(
        lists.issue(listUri, 1024, Map.of(), Duration.ofMinutes(10)));
    HttpTransport statusService = (req, limits) -> new HttpResponse(200, published.get(),
        Optional.of("application/statuslist+cwt"));

    // Issued twice: with a status reference (its status list is served in-process, so it is
    // checked here), and without one (licence.png, which the CLI can re-check offline).
    LicenseIssuer licenceIssuer = LicenseIssuer.builder(issuer.signingKey()).build();
    IssuedLicense issued = licenceIssuer.issue(licence,
        new StatusReference(listUri, 42));
    IssuedLicense offline = licenceIssuer.issue(licence);
    Path png = work.resolve("licence.png");
    Files.write(png, QrImages.renderPng(offline.text(), QrImages.Options.defaults()));
    Files.writeString(work.resolve("licence.txt"), offline.text());
    Path issuerPem = work.resolve("licence-issuer.pem");
    Path licenceRoot = work.resolve("licence-root.pem");
    Path licenceCa = work.resolve("licence-ca.pem");
    Files2.write(issuerPem, Pem.writeCertificate(issuer.certificate()));
    Files2.write(licenceRoot, Pem.writeCertificate(pki.root().certificate()));
    Files2.write(licenceCa, Pem.writeCertificate(pki.intermediate().certificate()));
    artifact(png, "license", "verify", "--qr", png, "--issuer-cert", issuerPem, "--trust",
        licenceRoot, "--trust", licenceCa);
    step("issue a business licence as a signed QR code, with a status list reference, and "
        + "without one (licence.png)", true, issued.text().length() + " and "
        + offline.text().length() + " characters, " + licence.identifier());

    String read = QrImages.decode(QrImages.renderPng(issued.text(),
        QrImages.Options.defaults()));
    LicenseVerifier verifier = LicenseVerifier.builder(List.of(issuer.certificate()))
        .trust(pki.trustPolicy())
        .statusSource(StatusListSource.builder(List.of(issuer.certificate()))
            .transport(statusService).build())
        .build();
    VerificationResult<VerifiedLicense> ok = verifier.verify(read);
    step("decode the QR image and verify the licence offline, status list included",
        ok.isValid() && read.equals(issued.text()), ok.indication().toString());

    String tampered = issued.text().substring(0, 60)
        + (issued.text().charAt(60) == 'A' ? 'B' : 'A') + issued.text().substring(61);
    VerificationResult<VerifiedLicense> bad = verifier.verify(tampered);
    step("a QR text changed by one character is refused", !bad.isValid(),
        bad.reason().map(Enum::name).orElse("-"));

    published.set(lists.issue(listUri, 1024, Map.of(42, LicenseState.REVOKED),
        Duration.ofMinutes(10)));
    VerificationResult<VerifiedLicense> revoked = LicenseVerifier.builder(
        List.of(issuer.certificate()))
        .statusSource(StatusListSource.builder(List.of(issuer.certificate()))
            .transport(statusService).build())
        .build().verify(read);
    step("after revocation in the status list the licence fails with LICENSE_REVOKED",
        revoked.reason().orElse(null) == Reason.LICENSE_REVOKED,
        revoked.reason().map(Enum::name).orElse("-"));
  }

  /** An incremental update that adds a text note to page 1: a change after the seal. */
  /** The sealed OFD with one line of its first page changed, as a forger would. */
  private static byte[] changedOfdPage(byte[] ofd) throws java.io.IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(
        new java.io.ByteArrayInputStream(ofd));
        java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(out)) {
      for (java.util.zip.ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        byte[] part = in.readAllBytes();
        if (e.getName().equals("Doc_0/Pages/Page_0/Content.xml")) {
          part = new String(part, StandardCharsets.UTF_8).replace("3月31日", "12月31日")
              .getBytes(StandardCharsets.UTF_8);
        }
        z.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
        z.write(part);
      }
    }
    return out.toByteArray();
  }

  private static byte[] annotated(byte[] pdf) throws java.io.IOException {
    try (org.apache.pdfbox.pdmodel.PDDocument doc = org.apache.pdfbox.Loader.loadPDF(pdf)) {
      org.apache.pdfbox.pdmodel.PDPage page = doc.getPage(0);
      var note = new org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationText();
      note.setRectangle(new org.apache.pdfbox.pdmodel.common.PDRectangle(72, 600, 20, 20));
      note.setContents("Amount: 1,000,000");
      page.getAnnotations().add(note);
      page.getCOSObject().setNeedToBeUpdated(true);
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      doc.saveIncremental(out);
      return out.toByteArray();
    }
  }

  private static byte[] noticePdf() throws java.io.IOException {
    try (org.apache.pdfbox.pdmodel.PDDocument doc = new org.apache.pdfbox.pdmodel.PDDocument()) {
      for (int i = 1; i <= 3; i++) {
        org.apache.pdfbox.pdmodel.PDPage page = new org.apache.pdfbox.pdmodel.PDPage(
            org.apache.pdfbox.pdmodel.common.PDRectangle.A4);
        doc.addPage(page);
        try (org.apache.pdfbox.pdmodel.PDPageContentStream cs =
            new org.apache.pdfbox.pdmodel.PDPageContentStream(doc, page)) {
          cs.beginText();
          cs.setFont(new org.apache.pdfbox.pdmodel.font.PDType1Font(
              org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA), 14);
          cs.newLineAtOffset(72, 760);
          cs.showText("Notice on the one-stop government service pilot, page " + i + " of 3");
          cs.endText();
        }
      }
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      doc.save(out);
      return out.toByteArray();
    }
  }

  /** One sign-on across two department apps, and single logout, all on loopback. */
  private void identity() throws Exception {
    section("Unified identity (OIDC, SM2-signed tokens, one sign-on)");
    try (SignOn s = SignOn.start(Optional.ofNullable(redis))) {
      step("identity platform started (login page, SM2 ID tokens, back-channel logout)", true,
          s.platform().issuer());
      step("two department apps started, each with the servlet filter"
          + (redis == null ? "" : ", sessions and logout state in Redis"), true,
          s.a().url() + ", " + s.b().url());
      for (SsoWalkthrough.Step st : new SsoWalkthrough().run(s.platform(), s.a(), s.b(),
          "zhangsan", "pa55word")) {
        step(st.what(), st.ok(), st.detail());
      }
    }
  }

  /**
   * The sample identity platform with the user zhangsan and two department apps registered as
   * its clients, all on loopback: what the walkthrough and {@code --serve} both run.
   */
  private record SignOn(SamplePlatform platform, DepartmentApp a, DepartmentApp b)
      implements AutoCloseable {
    static SignOn start(Optional<String> redis) throws Exception {
      SamplePlatform platform = new SamplePlatform();
      DepartmentApp a = null;
      DepartmentApp b = null;
      try {
        platform.addUser(new SamplePlatform.User("zhangsan", "pa55word", "张三",
            "11010519491231002X", 3));
        a = redis.isPresent() ? new DepartmentApp("某某市市场监督管理局", "dept-a", "secret-a",
            platform.issuer(), 0, redis.get(), Optional.empty())
            : new DepartmentApp("某某市市场监督管理局", "dept-a", "secret-a", platform.issuer(), 0);
        b = redis.isPresent() ? new DepartmentApp("某某市税务局", "dept-b", "secret-b",
            platform.issuer(), 0, redis.get(), Optional.empty())
            : new DepartmentApp("某某市税务局", "dept-b", "secret-b", platform.issuer(), 0);
        for (DepartmentApp app : List.of(a, b)) {
          String id = app == a ? "dept-a" : "dept-b";
          platform.addClient(new SamplePlatform.Client(id, "secret-" + id.substring(5),
              URI.create(app.url() + "/sso/callback"),
              URI.create(app.url() + "/sso/backchannel-logout")));
        }
        return new SignOn(platform, a, b);
      } catch (Exception e) {
        new SignOn(platform, a, b).close();
        throw e;
      }
    }

    @Override
    public void close() {
      for (AutoCloseable c : new AutoCloseable[] {a, b, platform}) {
        if (c != null) {
          try {
            c.close();
          } catch (Exception e) {
            // stopping: nothing more to do for a server that will not close
          }
        }
      }
    }
  }

  /**
   * A round seal with the name, or — where no installed font can draw it — the ring and star
   * alone with a note saying which package brings the font: the demo must run on a machine with
   * nothing but a JDK.
   */
  private byte[] sealPicture(String name, String line) {
    List<String> missing = SealPictures.undrawable(name + line);
    if (missing.isEmpty()) {
      return SealPictures.roundSeal(name, line, 42, 300);
    }
    String note = "no installed font can draw " + String.join(" ", missing)
        + "; the seal picture is drawn without its text (Debian: apt-get install "
        + "fonts-wqy-zenhei)";
    notes.add(note);
    if (!common.json) {
      out.println("  note: " + note);
    }
    return SealPictures.emblem(42, 300);
  }

  private void step(String what, boolean ok, String detail) {
    if (!ok) {
      failures++;
    }
    steps.add(new Step(section, what, ok, detail));
    if (!common.json) {
      out.println((ok ? "  [ok]   " : "  [FAIL] ") + what
          + (detail.isEmpty() ? "" : " — " + detail));
      out.flush();
    }
  }

  /**
   * Keeps the sample identity platform and both department apps running on loopback until the
   * process is stopped (Ctrl-C): a person can log in once in a browser and reach both apps.
   */
  private void serve() throws Exception {
    SignOn s = SignOn.start(Optional.ofNullable(redis));
    SamplePlatform platform = s.platform();
    DepartmentApp appA = s.a();
    DepartmentApp appB = s.b();
    java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
    Thread hook = new Thread(() -> {
      s.close();
      stopped.countDown();
    }, "tongban-demo-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    if (common.json) {
      Map<String, Object> o = new java.util.LinkedHashMap<>();
      o.put("serving", true);
      o.put("platform", platform.issuer());
      o.put("appA", appA.url() + "/app/");
      o.put("appB", appB.url() + "/app/");
      o.put("user", "zhangsan");
      o.put("password", "pa55word");
      out.println(com.nimbusds.jose.util.JSONObjectUtils.toJSONString(o));
    } else {
      out.println();
      out.println("Serving on loopback until Ctrl-C:");
      out.println("  identity platform    " + platform.issuer() + "   (user zhangsan, password "
          + "pa55word)");
      out.println("  department app A     " + appA.url() + "/app/");
      out.println("  department app B     " + appB.url() + "/app/");
      out.println("Open app A, log in once, then open app B: no second login. Logging out at "
          + "either (" + appA.url() + "/sso/logout) ends both.");
    }
    out.flush();
    stopped.await();
  }
}
