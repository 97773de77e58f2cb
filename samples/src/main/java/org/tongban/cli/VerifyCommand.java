package org.tongban.cli;

import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.tongban.KeyAccessException;
import org.tongban.crypto.KeyType;
import org.tongban.crypto.VerificationKey;
import org.tongban.keys.Pem;
import org.tongban.pki.CertificatePath;
import org.tongban.pki.CertificateVerifier;
import org.tongban.pki.TrustAnchors;
import org.tongban.result.CheckId;
import org.tongban.result.Reason;
import org.tongban.result.VerificationResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "verify", mixinStandardHelpOptions = true,
    description = {"Verify a detached signature over a file.",
        "Exit 0 PASSED, 1 FAILED, 3 INDETERMINATE, 2 usage or input error."})
final class VerifyCommand implements Callable<Integer> {
  static final class KeyChoice {
    @Option(names = "--cert", required = true,
        description = "signer certificate PEM (may hold the chain, leaf first)")
    Path cert;

    @Option(names = "--pub", required = true, description = "public key PEM")
    Path pub;
  }

  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  KeyChoice key;

  @Option(names = "--in", required = true, description = "the signed file")
  Path in;

  @Option(names = "--sig", required = true, description = "the signature (binary)")
  Path sig;

  @Option(names = "--trust", description = "trusted root certificate PEM; validates the chain")
  List<Path> trust = new ArrayList<>();

  @Mixin SignatureOptions options;

  @Mixin CommonOptions common;

  @Override
  public Integer call() throws Exception {
    List<X509Certificate> chain = List.of();
    PublicKey pk;
    if (key.cert != null) {
      chain = Pem.readCertificates(Files2.readText(key.cert));
      if (chain.isEmpty()) {
        throw new IllegalArgumentException("no certificate in " + key.cert);
      }
      pk = chain.get(0).getPublicKey();
    } else {
      if (!trust.isEmpty()) {
        throw new IllegalArgumentException("--trust needs --cert");
      }
      pk = Pem.readPublicKey(Files2.readText(key.pub));
    }
    KeyType type = VerificationKey.keyTypeOf(pk);
    VerificationKey vk;
    try {
      vk = VerificationKey.builder(pk).algorithm(options.algorithm(type))
          .parameters(options.parameters(type)).build();
    } catch (KeyAccessException e) {
      throw new IllegalArgumentException("unusable public key: " + e.getMessage(), e);
    }
    byte[] data = Files2.read(in, Files2.MAX_INPUT_BYTES);
    byte[] value = Files2.read(sig, Files2.MAX_SMALL_BYTES);

    Instant now = Instant.now();
    VerificationResult.Builder<String> r = VerificationResult.builder(now);
    r.ok(CheckId.ALGORITHM, vk.algorithm() + " " + vk.parameters().encoding());
    if (vk.verifier().isValid(value, data)) {
      r.ok(CheckId.SIGNATURE, "");
    } else {
      r.fail(CheckId.SIGNATURE, Reason.SIG_CRYPTO_FAILURE, "");
    }
    if (!trust.isEmpty()) {
      List<X509Certificate> roots = new ArrayList<>();
      for (Path t : trust) {
        roots.addAll(Pem.readCertificates(Files2.readText(t)));
      }
      if (roots.isEmpty()) {
        throw new IllegalArgumentException("no certificate in --trust files");
      }
      VerificationResult<CertificatePath> chainResult =
          CertificateVerifier.builder(TrustAnchors.of(roots)).build().verify(chain, now);
      r.addAll(chainResult);
    } else {
      r.skip(CheckId.CERT_CHAIN, "no --trust given: the key is trusted as given");
    }
    VerificationResult<String> result = r.build("signature");
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("algorithm", vk.algorithm().name());
    extra.put("encoding", vk.parameters().encoding().name());
    ResultPrinter.print(spec.commandLine().getOut(), result, common.json, extra);
    return ResultPrinter.exitCode(result);
  }
}
