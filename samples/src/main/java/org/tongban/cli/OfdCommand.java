package org.tongban.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tongban.crypto.SigningKey;
import org.tongban.io.Limits;
import org.tongban.seal.ModificationLevel;
import org.tongban.seal.ModificationPolicy;
import org.tongban.seal.ofd.OfdSealPlacement;
import org.tongban.seal.ofd.OfdSealVerifier;
import org.tongban.seal.ofd.OfdSealer;
import org.tongban.seal.ofd.OfdStamp;
import org.tongban.seal.ofd.OfdVerificationReport;
import org.tongban.seal.ses.SesSeal;
import org.tongban.seal.ses.SesVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "ofd", mixinStandardHelpOptions = true,
    description = "OFD seals (GB/T 33190 documents, GB/T 38540 / GM/T 0031 seals): seal, "
        + "verify.",
    subcommands = {OfdCommand.Seal.class, OfdCommand.Verify.class})
final class OfdCommand {

  @Command(name = "seal", mixinStandardHelpOptions = true,
      description = {"Seal an OFD with a seal (SEAL.esl) the signer may use; earlier seals stay "
          + "valid.",
          "Without --page/--x/--y the seal goes to the bottom right of the last page; "
              + "positions are mm from the page's top-left corner, as OFD measures."})
  static final class Seal implements Callable<Integer> {
    enum Format { v4, v1 }

    @Spec CommandSpec spec;

    @Option(names = "--in", required = true, description = "the OFD")
    Path in;

    @Option(names = "--out", required = true, description = "the sealed OFD")
    Path out;

    @Option(names = "--seal", required = true, description = "the seal (SEAL.esl), which must "
        + "list --cert")
    Path seal;

    @Option(names = "--key", required = true, description = "signer private key (PEM, or "
        + "PKCS#12 with --password-file)")
    Path key;

    @Option(names = "--cert", description = "signer certificate (PEM; default: the PKCS#12 "
        + "key's)")
    Path cert;

    @Option(names = "--password-file", description = "PKCS#12 password (its first line)")
    Path passwordFile;

    @Option(names = "--page", description = "1-based page")
    Integer page;

    @Option(names = "--x", description = "mm from the left edge")
    Double x;

    @Option(names = "--y", description = "mm from the top edge")
    Double y;

    @Option(names = "--cross-page", description = "also a cross-page seal (骑缝章): one slice "
        + "per page at the right edge, under the same signature")
    boolean crossPage;

    @Option(names = "--format", description = "v4 (GB/T 38540) or v1 (GM/T 0031); must be the "
        + "seal's own generation (default: the seal's)")
    Format format;

    @Mixin CommonOptions common;

    @Override
    public Integer call() throws Exception {
      if (x == null ? y != null || page != null : y == null) {
        throw new IllegalArgumentException("give --page, --x and --y together (or none)");
      }
      SesSeal s = SesSeal.parse(Files2.read(seal, Files2.MAX_SMALL_BYTES * 8));
      if (format != null && (format == Format.v4) != (s.version() == SesVersion.V4)) {
        throw new IllegalArgumentException("--format " + format + " but " + seal + " is a "
            + s.version().name().toLowerCase(Locale.ROOT) + " seal: make a " + format
            + " seal (seal make --format " + format + ")");
      }
      OfdSealPlacement placement = x == null ? OfdSealPlacement.lastPageBottomRight()
          : OfdSealPlacement.at(page, x, y);
      if (crossPage) {
        placement = placement.withCrossPage();
      }
      SigningKey k = SealCommand.key(key, cert, passwordFile);
      byte[] sealed = OfdSealer.builder().build().seal(Files2.read(in, Limits.MAX_OFD_BYTES),
          s, placement, k);
      Files2.writeAtomically(out, sealed);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("in", in.toString());
      json.put("out", out.toString());
      json.put("bytes", sealed.length);
      json.put("format", s.version().name().toLowerCase(Locale.ROOT));
      common.done(spec, "sealed " + in + " -> " + out + " (" + sealed.length + " bytes, "
          + s.version().name().toLowerCase(Locale.ROOT) + ")", json);
      return Main.EXIT_OK;
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = {"Verify every signature of an OFD.",
          "Without --trust or --trust-as-given nothing is trusted: at most INDETERMINATE.",
          "Exit 0 if the document verdict is PASSED, 1 FAILED, 3 INDETERMINATE."})
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--in", required = true, description = "the OFD")
    Path in;

    @Mixin TrustOptions trust;

    @Option(names = "--permit", paramLabel = "LEVEL", description = "changes a seal survives "
        + "besides later seals: annotations (repeatable)")
    List<String> permit = new ArrayList<>();

    @Mixin CommonOptions common;

    @Override
    public Integer call() throws Exception {
      OfdVerificationReport report = OfdSealVerifier.builder(
          trust.policy())
          .modificationPolicy(ModificationPolicy.permitting(ResultPrinter.permitted(spec, permit,
              Map.of("annotations", ModificationLevel.ANNOTATIONS)))).build()
          .verify(Files2.read(in, Limits.MAX_OFD_BYTES));
      return ResultPrinter.document(spec.commandLine().getOut(), common.json,
          report.toResult(), report.signatures(), (v, extra) -> {
            List<String> stamps = new ArrayList<>();
            for (OfdStamp s : v.stamps()) {
              stamps.add("page " + (s.pageNumber().isPresent() ? s.pageNumber().getAsInt()
                  : "id " + s.pageId()) + " at " + s.x() + "," + s.y() + " mm, " + s.width()
                  + "x" + s.height() + " mm");
            }
            extra.put("stamps", stamps);
            v.seal().ifPresent(seal -> extra.put("seal", seal.sealName()));
          });
    }
  }
}
