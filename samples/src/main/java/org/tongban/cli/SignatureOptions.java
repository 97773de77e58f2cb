package org.tongban.cli;

import java.nio.charset.StandardCharsets;
import org.tongban.crypto.KeyType;
import org.tongban.crypto.SignatureAlgorithm;
import org.tongban.crypto.SignatureEncoding;
import org.tongban.crypto.SignatureParameters;
import org.tongban.crypto.VerificationKey;
import picocli.CommandLine.Option;

/** Options shared by sign and verify: how the signature is made. */
final class SignatureOptions {
  enum Encoding { der, raw }

  enum RsaScheme { pkcs1, pss }

  @Option(names = "--id", description = "SM2 distinguishing ID (default 1234567812345678)")
  String id;

  @Option(names = "--encoding", defaultValue = "der",
      description = "SM2/ECDSA signature encoding: der (default) or raw (r||s)")
  Encoding encoding;

  @Option(names = "--rsa", defaultValue = "pkcs1",
      description = "RSA scheme: pkcs1 (SHA256withRSA, default) or pss (salt 32)")
  RsaScheme rsa;

  SignatureAlgorithm algorithm(KeyType type) {
    if (type == KeyType.RSA && rsa == RsaScheme.pss) {
      return SignatureAlgorithm.RSA_PSS_SHA256;
    }
    return VerificationKey.defaultAlgorithm(type);
  }

  SignatureParameters parameters(KeyType type) {
    if (type == KeyType.RSA) {
      if (id != null) {
        throw new IllegalArgumentException("--id applies to SM2 keys only");
      }
      return SignatureParameters.defaults(algorithm(type));
    }
    SignatureEncoding enc = encoding == Encoding.raw ? SignatureEncoding.RAW_R_S
        : SignatureEncoding.DER;
    if (type == KeyType.SM2) {
      return SignatureParameters.sm2(
          (id != null ? id : SignatureParameters.DEFAULT_DISTINGUISHING_ID)
              .getBytes(StandardCharsets.UTF_8), enc);
    }
    if (id != null) {
      throw new IllegalArgumentException("--id applies to SM2 keys only");
    }
    return SignatureParameters.ec(enc);
  }
}
