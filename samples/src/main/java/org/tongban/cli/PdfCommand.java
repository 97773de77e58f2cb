package org.tongban.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.tongban.crypto.SigningKey;
import org.tongban.io.Limits;
import org.tongban.seal.ModificationLevel;
import org.tongban.seal.ModificationPolicy;
import org.tongban.seal.pdf.PdfSealPlacement;
import org.tongban.seal.pdf.PdfSealVerifier;
import org.tongban.seal.pdf.PdfSealer;
import org.tongban.seal.pdf.PdfSubFilter;
import org.tongban.seal.pdf.PdfVerificationReport;
import org.tongban.seal.ses.SealPicture;
import org.tongban.seal.ses.SesSeal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "pdf", mixinStandardHelpOptions = true,
    description = "PDF seals: a visible seal and a CMS signature (RSA or SM2); verification.",
    subcommands = {PdfCommand.Seal.class, PdfCommand.Verify.class})
final class PdfCommand {

  @Command(name = "seal", mixinStandardHelpOptions = true,
      description = {"Seal a PDF in an incremental update (earlier signatures stay valid).",
          "Without --image a round seal is drawn from the certificate's subject; without "
              + "--page/--x/--y it goes to the bottom right of the last page."})
  static final class Seal implements Callable<Integer> {
    enum Format { cms, ses }

    @Spec CommandSpec spec;

    @Option(names = "--in", required = true, description = "the PDF")
    Path in;

    @Option(names = "--out", required = true, description = "the sealed PDF")
    Path out;

    @Option(names = "--key", required = true, description = "signer private key (PEM, or "
        + "PKCS#12 with --password-file)")
    Path key;

    @Option(names = "--cert", description = "signer certificate(s) (PEM; default: the PKCS#12 "
        + "key's)")
    Path cert;

    @Option(names = "--password-file", description = "PKCS#12 password (its first line)")
    Path passwordFile;

    @Option(names = "--image", description = "seal picture (PNG, JPG or GIF)")
    Path image;

    @Option(names = "--size-mm", defaultValue = "42", description = "seal size (default 42)")
    int sizeMm;

    @Option(names = "--page", description = "1-based page")
    Integer page;

    @Option(names = "--x", description = "mm from the left edge")
    Double x;

    @Option(names = "--y", description = "mm from the bottom edge")
    Double y;

    @Option(names = "--format", defaultValue = "cms", description = "cms (default) or ses")
    Format format;

    @Option(names = "--seal", description = "the GB/T 38540 seal (SEAL.esl) for --format ses; "
        + "its picture is drawn and it must list --cert")
    Path seal;

    @Option(names = "--cross-page", description = "also a cross-page seal (骑缝章): the "
        + "picture cut into one slice per page at the right edge, under the same signature")
    boolean crossPage;

    @Option(names = "--field", description = "seal into this existing empty signature field "
        + "instead of at a position")
    String field;

    @Option(names = "--cades", description = "/SubFilter ETSI.CAdES.detached (PAdES, no "
        + "signing-time attribute) instead of adbe.pkcs7.detached")
    boolean cades;

    @Mixin CommonOptions common;

    @Override
    public Integer call() throws Exception {
      if ((format == Format.ses) != (seal != null)) {
        throw new IllegalArgumentException("--format ses needs --seal SEAL.esl, and --seal "
            + "needs --format ses");
      }
      if (x == null ? y != null || page != null : y == null) {
        throw new IllegalArgumentException("give --page, --x and --y together (or none)");
      }
      if (field != null && x != null) {
        throw new IllegalArgumentException("give --field or a position, not both");
      }
      if (cades && format == Format.ses) {
        throw new IllegalArgumentException("--cades is for --format cms");
      }
      PdfSealPlacement placement = field != null ? PdfSealPlacement.field(field)
          : x == null ? PdfSealPlacement.lastPageBottomRight()
          : PdfSealPlacement.at(Optional.ofNullable(page).orElse(1), x, y);
      if (crossPage) {
        placement = placement.withCrossPage();
      }
      SigningKey k = SealCommand.key(key, cert, passwordFile);
      Files2.output(out);
      PdfSealer sealer = PdfSealer.builder()
          .subFilter(cades ? PdfSubFilter.ETSI_CADES_DETACHED : PdfSubFilter.ADBE_PKCS7_DETACHED)
          .build();
      // The streaming methods: a large document is never held in memory.
      if (format == Format.ses) {
        SesSeal s = SesSeal.parse(Files2.read(seal, Files2.MAX_SMALL_BYTES * 8));
        return written(sealer.sealSes(in, out, s, placement, k));
      }
      String subject = k.certificateChain().get(0).getSubjectX500Principal().getName();
      SealPicture picture = SealCommand.picture(image,
          subject.replaceAll("^(?:.*?,)?CN=([^,]+).*$", "$1"), sizeMm);
      return written(sealer.seal(in, out, picture, placement, k));
    }

    private int written(Path sealed) throws java.io.IOException {
      long size = java.nio.file.Files.size(sealed);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("in", in.toString());
      json.put("out", sealed.toString());
      json.put("bytes", size);
      common.done(spec, "sealed " + in + " -> " + sealed + " (" + size + " bytes)", json);
      return Main.EXIT_OK;
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = {"Verify every signature of a PDF.",
          "Without --trust or --trust-as-given nothing is trusted: at most INDETERMINATE.",
          "Exit 0 if the document verdict is PASSED, 1 FAILED, 3 INDETERMINATE."})
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--in", required = true, description = "the PDF")
    Path in;

    @Mixin TrustOptions trust;

    @Option(names = "--permit", paramLabel = "LEVEL", description = "changes an approval seal "
        + "survives besides later signatures: form-filling, annotations (repeatable; a "
        + "certification is judged by its own DocMDP permission)")
    List<String> permit = new ArrayList<>();

    @Mixin CommonOptions common;

    @Override
    public Integer call() throws Exception {
      Map<String, ModificationLevel> allowed = new LinkedHashMap<>();
      allowed.put("form-filling", ModificationLevel.FORM_FILLING);
      allowed.put("annotations", ModificationLevel.ANNOTATIONS);
      PdfVerificationReport report = PdfSealVerifier.builder(
          trust.policy())
          .modificationPolicy(ModificationPolicy.permitting(ResultPrinter.permitted(spec,
              permit, allowed))).build().verify(Files2.read(in, Limits.MAX_PDF_BYTES));
      return ResultPrinter.document(spec.commandLine().getOut(), common.json,
          report.toResult(), report.signatures(),
          (v, extra) -> extra.put("coversWholeDocument", v.coversWholeDocument()));
    }
  }
}
