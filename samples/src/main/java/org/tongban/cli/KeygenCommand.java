package org.tongban.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.tongban.crypto.KeyType;
import org.tongban.crypto.SigningKey;
import org.tongban.keys.KeyPairs;
import org.tongban.keys.Pem;
import org.tongban.keys.SigningKeys;
import org.tongban.pki.CertificateBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "keygen", mixinStandardHelpOptions = true,
    description = {"Generate a key pair (PKCS#8 PEM, or PKCS#12) and a certificate (X.509 PEM).",
        "Without --ca-key the certificate is self-signed; with --ca it is a CA certificate.",
        "--out-cert gets the new certificate alone; --out-chain the issuer's certificates above "
            + "it (from --ca-cert), for verifiers that need the intermediates."})
final class KeygenCommand implements Callable<Integer> {
  enum Alg { SM2, RSA, P256, P384 }

  @Spec CommandSpec spec;

  @Option(names = "--alg", required = true, description = "SM2, RSA, P256 or P384")
  Alg alg;

  @Option(names = "--out-key", description = "private key output (PKCS#8 PEM)")
  Path outKey;

  @Option(names = "--out-p12", description = "key and chain as PKCS#12 (password: the first "
      + "line of --password-file)")
  Path outP12;

  @Option(names = "--out-cert", required = true, description = "the new certificate (PEM)")
  Path outCert;

  @Option(names = "--out-chain", description = "the issuer's chain above the new certificate "
      + "(PEM; with --ca-key)")
  Path outChain;

  @Option(names = "--password-file", description = "PKCS#12 password file (for --out-p12, "
      + "or a PKCS#12 --ca-key)")
  Path passwordFile;

  @Option(names = "--subject", description = "subject DN (default: CN=Tongban <alg>,C=CN)")
  String subject;

  @Option(names = "--ca-key", description = "issuer private key (PEM or PKCS#12)")
  Path caKey;

  @Option(names = "--ca-cert", description = "issuer certificate (PEM)")
  Path caCert;

  @Option(names = "--ca", description = "make a CA certificate (keyCertSign, cRLSign)")
  boolean ca;

  @Option(names = "--days", defaultValue = "365", description = "validity in days (default 365)")
  int days;

  @Mixin CommonOptions common;

  private static void ownerOnly(Path file) throws java.io.IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system; the caller protects the file
    }
  }

  @Override
  public Integer call() throws Exception {
    if ((caKey == null) != (caCert == null)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--ca-key and --ca-cert go together");
    }
    if ((outKey == null) == (outP12 == null)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "give --out-key or --out-p12");
    }
    if (outChain != null && caKey == null) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--out-chain needs --ca-key (a self-signed certificate has no chain)");
    }
    if (days < 1 || days > 36500) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--days must be between 1 and 36500");
    }
    KeyType type = switch (alg) {
      case SM2 -> KeyType.SM2;
      case RSA -> KeyType.RSA;
      case P256 -> KeyType.EC_P256;
      case P384 -> KeyType.EC_P384;
    };
    KeyPair kp = KeyPairs.generate(type);
    String dn = subject != null ? subject : "CN=Tongban " + alg + ",C=CN";
    Instant now = Instant.now();
    CertificateBuilder b = CertificateBuilder.forSubject(kp.getPublic(), dn)
        .validity(now.minus(Duration.ofMinutes(5)), now.plus(Duration.ofDays(days)));
    if (ca) {
      b.ca(-1);
    }
    List<X509Certificate> chain = new ArrayList<>();
    if (caKey != null) {
      List<X509Certificate> issuerChain = SealCommand.certs(caCert);
      Optional<Path> caPassword = outP12 == null ? Optional.ofNullable(passwordFile)
          : Optional.empty();
      SigningKey issuer = SigningKeys.of(KeyFiles.read(caKey, caPassword).key(), issuerChain);
      b.issuer(issuerChain.get(0), issuer);
      chain.add(b.build());
      chain.addAll(issuerChain);
    } else {
      b.selfSigned(SigningKeys.of(kp.getPrivate(), List.of()));
      chain.add(b.build());
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("algorithm", alg.name());
    json.put("subject", chain.get(0).getSubjectX500Principal().getName());
    // Check every output folder before writing any file: no half-made key set.
    for (Path p : new Path[] {outKey, outP12, outCert, outChain}) {
      if (p != null) {
        Files2.output(p);
      }
    }
    if (outKey != null) {
      Files2.write(outKey, Pem.writePrivateKey(kp.getPrivate()));
      ownerOnly(outKey);
      json.put("key", outKey.toString());
    } else {
      if (passwordFile == null) {
        throw new IllegalArgumentException("--out-p12 needs --password-file FILE");
      }
      char[] password = KeyFiles.password(passwordFile);
      java.io.ByteArrayOutputStream p12 = new java.io.ByteArrayOutputStream();
      SigningKeys.writePkcs12(p12, kp.getPrivate(), chain, "key", password);
      java.util.Arrays.fill(password, '\0');
      Files2.write(outP12, p12.toByteArray());
      ownerOnly(outP12);
      json.put("pkcs12", outP12.toString());
    }
    Files2.write(outCert, Pem.writeCertificate(chain.get(0)));
    json.put("certificate", outCert.toString());
    if (outChain != null) {
      Files2.write(outChain, Pem.writeCertificates(chain.subList(1, chain.size())));
      json.put("chain", outChain.toString());
    }
    common.done(spec, "wrote " + alg + " key to " + (outKey != null ? outKey : outP12)
        + " and certificate " + json.get("subject") + " to " + outCert
        + (outChain != null ? " (issuer chain in " + outChain + ")" : ""), json);
    return Main.EXIT_OK;
  }
}
