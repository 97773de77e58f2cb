package org.tongban.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tongban.crypto.KeyType;
import org.tongban.crypto.SigningKey;
import org.tongban.keys.KeyPairs;
import org.tongban.keys.Pem;
import org.tongban.keys.SigningKeys;
import org.tongban.pki.CertificateBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "keygen", mixinStandardHelpOptions = true,
    description = {"Generate a key pair (PKCS#8 PEM) and a certificate (X.509 PEM).",
        "Without --ca-key the certificate is self-signed; with --ca it is a CA certificate."})
final class KeygenCommand implements Callable<Integer> {
  enum Alg { SM2, RSA, P256, P384 }

  @Spec CommandSpec spec;

  @Option(names = "--alg", required = true, description = "SM2, RSA, P256 or P384")
  Alg alg;

  @Option(names = "--out-key", required = true, description = "private key output (PKCS#8 PEM)")
  Path outKey;

  @Option(names = "--out-cert", required = true, description = "certificate output (PEM)")
  Path outCert;

  @Option(names = "--subject", description = "subject DN (default: CN=Tongban <alg>,C=CN)")
  String subject;

  @Option(names = "--ca-key", description = "issuer private key (PEM)")
  Path caKey;

  @Option(names = "--ca-cert", description = "issuer certificate (PEM)")
  Path caCert;

  @Option(names = "--ca", description = "make a CA certificate (keyCertSign, cRLSign)")
  boolean ca;

  @Option(names = "--days", defaultValue = "365", description = "validity in days (default 365)")
  int days;

  @Option(names = "--debug", hidden = true)
  boolean debug;

  @Override
  public Integer call() throws Exception {
    if ((caKey == null) != (caCert == null)) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--ca-key and --ca-cert go together");
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
      List<X509Certificate> issuerChain = Pem.readCertificates(Files2.readText(caCert));
      if (issuerChain.isEmpty()) {
        throw new IllegalArgumentException("no certificate in " + caCert);
      }
      SigningKey issuer = SigningKeys.of(Pem.readPrivateKey(Files2.readText(caKey)), issuerChain);
      b.issuer(issuerChain.get(0), issuer);
      chain.add(b.build());
      chain.addAll(issuerChain);
    } else {
      b.selfSigned(SigningKeys.of(kp.getPrivate(), List.of()));
      chain.add(b.build());
    }
    Files2.write(outKey, Pem.writePrivateKey(kp.getPrivate()));
    try {
      Files.setPosixFilePermissions(outKey, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system; the caller protects the file
    }
    Files2.write(outCert, Pem.writeCertificates(chain));
    spec.commandLine().getOut().printf("wrote %s key to %s and certificate %s to %s%n", alg,
        outKey, chain.get(0).getSubjectX500Principal().getName(), outCert);
    return Main.EXIT_OK;
  }
}
