package org.tongban.cli;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tongban.MalformedInputException;
import org.tongban.crypto.KeyType;
import org.tongban.crypto.SignatureAlgorithm;
import org.tongban.crypto.SigningKey;
import org.tongban.keys.SigningKeys;
import org.tongban.license.IssuedLicense;
import org.tongban.license.License;
import org.tongban.license.LicenseIdentifier;
import org.tongban.license.LicenseIssuer;
import org.tongban.license.LicenseVerifier;
import org.tongban.license.ResidentIdNumber;
import org.tongban.license.UnifiedSocialCreditCode;
import org.tongban.license.VerifiedLicense;
import org.tongban.license.qr.QrImages;
import org.tongban.pki.TrustAnchors;
import org.tongban.pki.TrustPolicy;
import org.tongban.result.VerificationResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "license", mixinStandardHelpOptions = true,
    description = "Electronic licences: issue a signed QR, verify it, check identifiers.",
    subcommands = {LicenseCommand.Issue.class, LicenseCommand.Verify.class,
        LicenseCommand.CheckId.class, LicenseCommand.CheckCode.class})
final class LicenseCommand {
  static LocalDate today() {
    return LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
  }

  @Command(name = "issue", mixinStandardHelpOptions = true,
      description = {"Issue a licence from a JSON object keyed by GB/T 36903 field names and "
          + "write its QR code.", "SM2 keys sign with COSE alg -48, P-256 with ES256, RSA with "
          + "PS256."})
  static final class Issue implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--key", required = true, description = "issuer private key (PEM, or "
        + "PKCS#12 with --password-file)")
    Path key;

    @Option(names = "--cert", description = "issuer certificate (PEM; default: the PKCS#12 "
        + "key's)")
    Path cert;

    @Option(names = "--password-file", description = "PKCS#12 password (its first line)")
    Path passwordFile;

    @Option(names = "--data", required = true, description = "licence JSON: GB/T 36903 field "
        + "names (README, \"Licence data\"; samples/licence-example.json)")
    Path data;

    @Option(names = "--out-qr", required = true, description = "QR code PNG output")
    Path outQr;

    @Option(names = "--out-text", description = "write the exact QR text here (no newline)")
    Path outText;

    enum Mode { offline, online }

    @Option(names = "--mode", defaultValue = "offline",
        description = "offline (the whole signed licence in the QR) or online (a short signed "
            + "URL of --status-url)")
    Mode mode;

    @Option(names = "--status-url", description = "the issuer's licence service URL (online)")
    java.net.URI statusUrl;

    @Mixin CommonOptions common;

    @Override
    public Integer call() throws Exception {
      Map<String, Object> json = JSONObjectUtils.parse(Files2.readText(data));
      Map<String, Object> wire = new LinkedHashMap<>(json);
      if (wire.get("ZZBS") == null) {
        String serial = String.valueOf(wire.getOrDefault("ZZBH", ""))
            .toUpperCase(Locale.ROOT).replaceAll("[^0-9A-Z]", "");
        if (serial.isEmpty()) {
          throw new IllegalArgumentException("ZZBS is absent and ZZBH gives no serial");
        }
        wire.put("ZZBS", LicenseIdentifier.create(String.valueOf(wire.get("ZZLXDM")),
            String.valueOf(wire.get("ZZBFJGDM")), serial.length() > 32
                ? serial.substring(serial.length() - 32) : serial, "001").toString());
      }
      License license = License.fromWire(wire, today());
      KeyFiles.Loaded loaded = KeyFiles.read(key, java.util.Optional.ofNullable(passwordFile));
      List<X509Certificate> chain = KeyFiles.chain(loaded, java.util.Optional.ofNullable(cert));
      PrivateKey pk = loaded.key();
      KeyType type = SigningKeys.keyTypeOf(pk);
      SignatureAlgorithm alg = type == KeyType.RSA ? SignatureAlgorithm.RSA_PSS_SHA256
          : type == KeyType.SM2 ? SignatureAlgorithm.SM2_SM3 : SignatureAlgorithm.ECDSA_P256_SHA256;
      SigningKey sk = SigningKeys.builder(pk).algorithm(alg).certificateChain(chain).build();
      LicenseIssuer issuer = LicenseIssuer.builder(sk).build();
      IssuedLicense issued;
      if (mode == Mode.online) {
        if (statusUrl == null) {
          throw new IllegalArgumentException("--mode online needs --status-url");
        }
        issued = issuer.issueOnline(license, statusUrl);
      } else {
        issued = issuer.issue(license);
      }
      Files2.output(outQr);
      if (outText != null) {
        Files2.output(outText);
      }
      Files2.write(outQr, QrImages.renderPng(issued.text(), QrImages.Options.defaults()));
      if (outText != null) {
        Files2.write(outText, issued.text());
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("ZZMC", license.name());
      out.put("ZZBS", license.identifier().toString());
      out.put("qrCharacters", issued.text().length());
      out.put("qr", outQr.toString());
      if (outText != null) {
        out.put("text", outText.toString());
      }
      common.done(spec, String.format("issued %s %s (%d QR characters): %s", license.name(),
          license.identifier(), issued.text().length(), outQr), out);
      return Main.EXIT_OK;
    }
  }

  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = {"Verify a licence QR code offline.",
          "Exit 0 valid, 1 tampered or invalid, 3 undecided, 2 not a licence QR at all."})
  static final class Verify implements Callable<Integer> {
    static final class Input {
      @Option(names = "--qr", required = true, description = "QR image (PNG, JPG, ...)")
      Path qr;

      @Option(names = "--text", required = true, description = "the QR text")
      String text;
    }

    @Spec CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    @Option(names = "--trust", description = "CA certificates (PEM): self-signed ones are "
        + "roots, the others intermediates; the issuer's chain must end at a root. Without "
        + "--issuer-cert every certificate here is also a candidate issuer")
    List<Path> trust = new ArrayList<>();

    @Option(names = "--issuer-cert", description = "the licence issuers' certificates (PEM); "
        + "alone: trusted as given; with --trust: their chains are checked")
    List<Path> issuerCerts = new ArrayList<>();

    @Option(names = "--status-url", description = "online reference QR: the issuer's licence "
        + "service URL; offline QR: check the status list the licence names, which must be "
        + "under this URL")
    java.net.URI statusUrl;

    @Option(names = "--purpose", defaultValue = "核验",
        description = "declared purpose of use (申请事由) sent to the licence service")
    String purpose;

    @Mixin CommonOptions common;

    @Override
    public Integer call() throws Exception {
      if (trust.isEmpty() && issuerCerts.isEmpty()) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
            "give --trust CA.pem, --issuer-cert ISSUER.pem, or both");
      }
      String text;
      if (input.qr != null) {
        try {
          text = QrImages.decode(input.qr);
        } catch (MalformedInputException e) {
          if (e.reason() != org.tongban.result.Reason.AMBIGUOUS_INPUT) {
            throw new IllegalArgumentException(e.getMessage(), e);
          }
          // Two different codes in one image: undecided, and neither is verified.
          VerificationResult<String> r = VerificationResult.<String>builder(
              java.time.Instant.now()).fail(LicenseVerifier.CONTAINER, e.reason(),
              e.getMessage()).buildFailed();
          ResultPrinter.print(spec.commandLine().getOut(), r, common.json, Map.of());
          return ResultPrinter.exitCode(r);
        }
      } else {
        text = input.text;
      }
      List<X509Certificate> issuers = new ArrayList<>();
      for (Path p : issuerCerts) {
        issuers.addAll(SealCommand.certs(p));
      }
      TrustPolicy policy = null;
      if (!trust.isEmpty()) {
        SealCommand.Trust t = SealCommand.Trust.read(trust);
        List<X509Certificate> all = new ArrayList<>(t.roots());
        all.addAll(t.intermediates());
        if (issuers.isEmpty()) {
          issuers.addAll(all);
        }
        policy = TrustPolicy.builder(TrustAnchors.of(t.roots())).intermediates(all).build();
      }
      // Without --trust the issuer certificates named by --issuer-cert are trusted as given.
      LicenseVerifier.Builder b = LicenseVerifier.builder(issuers);
      if (policy != null) {
        b.trust(policy);
      }
      List<X509Certificate> tokenSigners = issuers;
      VerificationResult<VerifiedLicense> r;
      if (text.startsWith("http://") || text.startsWith("https://")) {
        if (statusUrl == null) {
          throw new IllegalArgumentException("an online reference QR needs --status-url");
        }
        org.tongban.license.OnlineLicenseVerifier.Builder online =
            org.tongban.license.OnlineLicenseVerifier.builder(b.build()).service(statusUrl)
                .issuerCertificates(tokenSigners);
        if (policy != null) {
          online.trust(policy); // the token signer chains as the licence issuer does
        }
        r = online.build().verify(text, purpose);
      } else {
        if (statusUrl != null) {
          List<X509Certificate> listSigners = issuers;
          String allowed = statusUrl.toString();
          org.tongban.http.HttpTransport okHttp = org.tongban.http.HttpTransports.okHttp();
          // Only status lists under --status-url are fetched.
          org.tongban.http.HttpTransport guarded = (req, limits) -> {
            if (!req.uri().toString().startsWith(allowed)) {
              throw new org.tongban.http.HttpTransportException(
                  org.tongban.result.Reason.KEY_SOURCE_UNAVAILABLE,
                  "status list outside --status-url", null);
            }
            return okHttp.send(req, limits);
          };
          b.statusSource(org.tongban.license.StatusListSource.builder(listSigners)
              .transport(guarded).build());
        }
        r = b.build().verify(text);
      }
      boolean notALicence = r.checks().size() == 1
          && r.reason().map(x -> x == org.tongban.result.Reason.FORMAT_FAILURE).orElse(false);
      if (notALicence) {
        throw new IllegalArgumentException("not a licence QR: " + r.checks().get(0).detail());
      }
      Map<String, Object> extra = new LinkedHashMap<>();
      r.verified().ifPresent(v -> {
        extra.put("prefix", v.prefix());
        v.license().ifPresent(l -> {
          extra.put("ZZMC", l.name());
          extra.put("ZZBS", l.identifier().toString());
          extra.put("CZZT", l.holder());
          extra.put("CZZTDM", l.holderCodeForDisplay());
          extra.put("ZZYXQJZRQ", l.validUntil().map(Object::toString).orElse("-"));
        });
      });
      ResultPrinter.print(spec.commandLine().getOut(), r, common.json, extra);
      return ResultPrinter.exitCode(r);
    }
  }

  @Command(name = "check-id", mixinStandardHelpOptions = true,
      description = "Validate a licence identifier (证照标识): exit 0 valid, 1 invalid.")
  static final class CheckId implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", description = "the identifier")
    String id;

    @Mixin CommonOptions common;

    @Override
    public Integer call() {
      Map<String, Object> json = new LinkedHashMap<>();
      try {
        LicenseIdentifier l = LicenseIdentifier.parse(id);
        json.put("valid", true);
        json.put("typeCode", l.typeCode());
        json.put("issuerCode", l.issuerCode());
        json.put("serial", l.serial());
        json.put("version", l.version());
        json.put("check", String.valueOf(l.check()));
        common.done(spec, String.format("valid: type %s, issuer %s, serial %s, version %s, "
            + "check %s", l.typeCode(), l.issuerCode(), l.serial(), l.version(), l.check()),
            json);
        return Main.EXIT_OK;
      } catch (MalformedInputException e) {
        json.put("valid", false);
        json.put("message", e.getMessage());
        common.done(spec, "invalid: " + e.getMessage(), json);
        return Main.EXIT_FAILED;
      }
    }
  }

  @Command(name = "check-code", mixinStandardHelpOptions = true,
      description = "Validate a unified social credit code or a resident ID number: exit 0 "
          + "valid, 1 invalid.")
  static final class CheckCode implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", description = "the code")
    String code;

    @Mixin CommonOptions common;

    @Override
    public Integer call() {
      Map<String, Object> json = new LinkedHashMap<>();
      if (UnifiedSocialCreditCode.isValid(code)) {
        json.put("valid", true);
        json.put("kind", "unified social credit code");
        common.done(spec, "valid unified social credit code", json);
        return Main.EXIT_OK;
      }
      if (ResidentIdNumber.isValid(code, today())) {
        json.put("valid", true);
        json.put("kind", "resident ID number");
        json.put("masked", ResidentIdNumber.mask(code));
        common.done(spec, "valid resident ID number " + ResidentIdNumber.mask(code), json);
        return Main.EXIT_OK;
      }
      json.put("valid", false);
      common.done(spec, "invalid: neither a valid unified social credit code nor a valid "
          + "resident ID number", json);
      return Main.EXIT_FAILED;
    }
  }
}
