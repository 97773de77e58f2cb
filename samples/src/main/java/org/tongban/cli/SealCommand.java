package org.tongban.cli;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.tongban.crypto.SigningKey;
import org.tongban.keys.Pem;
import org.tongban.keys.SigningKeys;
import org.tongban.result.VerificationResult;
import org.tongban.seal.DataSealer;
import org.tongban.seal.SealMaker;
import org.tongban.seal.SealPictures;
import org.tongban.seal.SealSpec;
import org.tongban.seal.SealType;
import org.tongban.seal.SealVerifier;
import org.tongban.seal.VerifiedSeal;
import org.tongban.seal.ses.SealPicture;
import org.tongban.seal.ses.SesSeal;
import org.tongban.seal.ses.SesSignature;
import org.tongban.seal.ses.SesVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "seal", mixinStandardHelpOptions = true,
    description = "Electronic seals (GB/T 38540 v4, GM/T 0031 v1): make, sign, verify.",
    subcommands = {SealCommand.Make.class, SealCommand.Sign.class, SealCommand.Verify.class})
final class SealCommand {

  static List<X509Certificate> certs(Path p) throws Exception {
    List<X509Certificate> c = Pem.readCertificates(Files2.readText(p));
    if (c.isEmpty()) {
      throw new IllegalArgumentException("no certificate in " + p);
    }
    return c;
  }

  /** {@code --trust} files split into self-signed roots and intermediates. */
  record Trust(List<X509Certificate> roots, List<X509Certificate> intermediates) {
    static Trust read(List<Path> files) throws Exception {
      List<X509Certificate> roots = new ArrayList<>();
      List<X509Certificate> intermediates = new ArrayList<>();
      for (Path t : files) {
        for (X509Certificate c : certs(t)) {
          (c.getSubjectX500Principal().equals(c.getIssuerX500Principal()) ? roots
              : intermediates).add(c);
        }
      }
      if (!files.isEmpty() && roots.isEmpty()) {
        throw new IllegalArgumentException("--trust holds no self-signed root certificate");
      }
      return new Trust(roots, intermediates);
    }
  }

  /**
   * The picture from {@code --image} (PNG, JPG or GIF by its extension), or a round seal drawn
   * from {@code name}, at {@code sizeMm} square.
   */
  static SealPicture picture(Path image, String name, int sizeMm) throws Exception {
    if (image != null) {
      byte[] bytes = Files2.read(image, Files2.MAX_SMALL_BYTES * 4);
      String t = image.getFileName().toString().replaceAll(".*\\.", "")
          .toUpperCase(java.util.Locale.ROOT);
      return SealPicture.of(t.equals("JPEG") ? "JPG" : t, bytes, sizeMm, sizeMm);
    }
    return SealPicture.of("PNG", SealPictures.roundSeal(name.length() > 40
        ? name.substring(0, 40) : name, Math.max(20, Math.min(80, sizeMm)),
        300), sizeMm, sizeMm);
  }

  /** The signing key from {@code --key} (PEM or PKCS#12) with its chain. */
  static SigningKey key(Path key, Path cert, Path passwordFile) throws Exception {
    KeyFiles.Loaded loaded = KeyFiles.read(key, Optional.ofNullable(passwordFile));
    return SigningKeys.of(loaded.key(), KeyFiles.chain(loaded, Optional.ofNullable(cert)));
  }

  @Command(name = "make", mixinStandardHelpOptions = true,
      description = {"Make a seal (the seal maker 制章人 signs it).",
          "Without --image a round red seal picture is drawn from --name."})
  static final class Make implements Callable<Integer> {
    enum Type { org, personal }

    enum Version { v4, v1 }

    @Spec CommandSpec spec;

    @Option(names = "--issuer-key", required = true, description = "maker private key (PEM, "
        + "or PKCS#12 with --password-file)")
    Path issuerKey;

    @Option(names = "--issuer-cert", description = "maker certificate (PEM; default: the "
        + "PKCS#12 key's)")
    Path issuerCert;

    @Option(names = "--password-file", description = "PKCS#12 password (its first line)")
    Path passwordFile;

    @Option(names = "--holder-cert", required = true, split = ",",
        description = "certificate(s) allowed to sign with the seal (PEM)")
    List<Path> holderCerts;

    @Option(names = "--name", required = true, description = "seal name")
    String name;

    @Option(names = "--image", description = "seal picture (PNG, JPG or GIF)")
    Path image;

    @Option(names = "--size-mm", defaultValue = "42", description = "picture size in mm")
    int sizeMm;

    @Option(names = "--out", required = true, description = "seal output (DER, .esl)")
    Path out;

    @Option(names = "--type", defaultValue = "org", description = "org or personal")
    Type type;

    @Option(names = "--days", defaultValue = "365", description = "validity in days")
    int days;

    @Option(names = "--format", defaultValue = "v4", description = "v4 (GB/T 38540) or v1")
    Version version;

    @Option(names = "--digests", description = "list holders by certificate digest (v4)")
    boolean digests;

    @Mixin CommonOptions common;

    @Override
    public Integer call() throws Exception {
      List<X509Certificate> holders = new ArrayList<>();
      for (Path p : holderCerts) {
        holders.add(certs(p).get(0));
      }
      SealPicture picture = picture(image, name, sizeMm);
      Instant now = Instant.now();
      SealSpec.Builder b = SealSpec.builder().name(name)
          .type(type == Type.org ? SealType.ORGANIZATION : SealType.PERSONAL).picture(picture)
          .validity(now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofDays(days)))
          .holders(holders);
      if (digests) {
        b.listHolderDigests();
      }
      Files2.output(out);
      SesSeal seal = SealMaker.builder(key(issuerKey, issuerCert, passwordFile))
          .version(version == Version.v1 ? SesVersion.V1 : SesVersion.V4).build().make(b.build());
      Files2.write(out, seal.encoded());
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("version", seal.version().name());
      json.put("name", seal.name());
      json.put("esID", seal.esId());
      json.put("validEnd", seal.validEnd().toString());
      json.put("seal", out.toString());
      common.done(spec, String.format("made %s seal \"%s\" (esID %s), valid until %s: %s",
          seal.version(), seal.name(), seal.esId(), seal.validEnd(), out), json);
      return Main.EXIT_OK;
    }
  }

  @Command(name = "sign", mixinStandardHelpOptions = true,
      description = "Seal a file: write a detached SES_Signature (DER).")
  static final class Sign implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--seal", required = true, description = "the seal (.esl)")
    Path seal;

    @Option(names = "--key", required = true, description = "signer private key (PEM, or "
        + "PKCS#12 with --password-file)")
    Path key;

    @Option(names = "--cert", description = "signer certificate (PEM; default: the PKCS#12 "
        + "key's)")
    Path cert;

    @Option(names = "--password-file", description = "PKCS#12 password (its first line)")
    Path passwordFile;

    @Option(names = "--in", required = true, description = "file to seal")
    Path in;

    @Option(names = "--out", required = true, description = "SES_Signature output (DER)")
    Path out;

    @Option(names = "--property", description = "propertyInfo (default: the file name)")
    String property;

    @Mixin CommonOptions common;

    @Override
    public Integer call() throws Exception {
      SesSeal s = SesSeal.parse(Files2.read(seal, 16L << 20));
      SigningKey k = key(key, cert, passwordFile);
      Files2.output(out);
      String prop = property != null ? property
          : in.getFileName().toString().replaceAll("[^\\x20-\\x7e]", "_");
      SesSignature sig;
      try (InputStream data = Files.newInputStream(in)) {
        sig = DataSealer.builder().build().seal(s, k, data, prop);
      }
      Files2.write(out, sig.encoded());
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("in", in.toString());
      json.put("seal", s.name());
      json.put("version", sig.version().name());
      json.put("signature", out.toString());
      common.done(spec, String.format("sealed %s with \"%s\" (%s): %s", in, s.name(),
          sig.version(), out), json);
      return Main.EXIT_OK;
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = {"Verify a detached SES_Signature over a file.",
          "Without --trust or --trust-as-given nothing is trusted: at most INDETERMINATE.",
          "Exit 0 PASSED, 1 FAILED, 3 INDETERMINATE, 2 usage or input error."})
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--in", required = true, description = "the sealed file")
    Path in;

    @Option(names = "--sig", required = true, description = "the SES_Signature (DER)")
    Path sig;

    @Mixin TrustOptions trust;

    @Option(names = "--out-picture", description = "write the seal picture here")
    Path outPicture;

    @Mixin CommonOptions common;

    @Override
    public Integer call() throws Exception {
      SealVerifier.Builder b = SealVerifier.builder(trust.policy());
      VerificationResult<VerifiedSeal> r;
      try (InputStream data = Files.newInputStream(in)) {
        r = b.build().verify(Files2.read(sig, 16L << 20), data);
      }
      Map<String, Object> extra = new LinkedHashMap<>();
      r.evidence().facts().forEach(extra::put);
      r.evidence().claimedSigningTime().ifPresent(t -> extra.put("signingTime", t.toString()));
      if (!r.evidence().certificates().isEmpty()) {
        extra.put("signer", r.evidence().certificates().get(0).getSubjectX500Principal()
            .getName());
      }
      r.verified().ifPresent(v -> extra.put("picture", v.picture().toString()));
      if (outPicture != null && r.verified().isPresent()) {
        Files2.write(outPicture, r.verified().get().picture().data());
      }
      ResultPrinter.print(spec.commandLine().getOut(), r, common.json, extra);
      return ResultPrinter.exitCode(r);
    }
  }
}
