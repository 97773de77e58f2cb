package org.tongban.cli;

import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.tongban.crypto.KeyType;
import org.tongban.crypto.SigningKey;
import org.tongban.keys.SigningKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "sign", mixinStandardHelpOptions = true,
    description = {"Sign a file; writes the binary signature value.",
        "SM2: SM2 over SM3(Z_A || file), DER, ID 1234567812345678 (openssl pkeyutl -digest sm3)."
        , "RSA: SHA256withRSA. P256: SHA256withECDSA, DER (openssl dgst -sha256)."})
final class SignCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--key", required = true, description = "private key (PEM, or PKCS#12 "
      + "with --password-file)")
  Path key;

  @Option(names = "--password-file", description = "PKCS#12 password (its first line)")
  Path passwordFile;

  @Option(names = "--in", required = true, description = "file to sign")
  Path in;

  @Option(names = "--out", required = true, description = "signature output (binary)")
  Path out;

  @Mixin SignatureOptions sig;

  @Mixin CommonOptions common;

  @Override
  public Integer call() throws Exception {
    PrivateKey pk = KeyFiles.read(key, Optional.ofNullable(passwordFile)).key();
    KeyType type = SigningKeys.keyTypeOf(pk);
    SigningKey sk = SigningKeys.builder(pk).algorithm(sig.algorithm(type))
        .parameters(sig.parameters(type)).certificateChain(List.of()).build();
    byte[] data = Files2.read(in, Files2.MAX_INPUT_BYTES);
    Files2.output(out);
    byte[] value = sk.sign(data);
    Files2.write(out, value);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("in", in.toString());
    json.put("bytes", data.length);
    json.put("algorithm", sk.algorithm().name());
    json.put("encoding", sk.parameters().encoding().name());
    json.put("signature", out.toString());
    json.put("signatureBytes", value.length);
    common.done(spec, String.format("signed %s (%d bytes) with %s, %s: %d-byte signature in %s",
        in, data.length, sk.algorithm(), sk.parameters().encoding(), value.length, out), json);
    return Main.EXIT_OK;
  }
}
