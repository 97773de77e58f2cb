package org.tongban.seal.ofdrw;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import org.ofdrw.reader.OFDReader;
import org.ofdrw.sign.OFDSigner;
import org.ofdrw.sign.SignMode;
import org.ofdrw.sign.signContainer.SESV1Container;
import org.ofdrw.sign.signContainer.SESV4Container;
import org.ofdrw.sign.stamppos.NormalStampPos;
import org.ofdrw.sign.stamppos.RidingStampPos;
import org.ofdrw.sign.stamppos.Side;
import org.ofdrw.sign.verify.OFDValidator;
import org.ofdrw.sign.verify.container.SESV1ValidateContainer;
import org.ofdrw.sign.verify.container.SESV4ValidateContainer;

/**
 * The ofdrw-sign side of the OFD interop tests, loaded by {@link OfdrwClassLoader} with
 * ofdrw-sign 2.3.3 and BouncyCastle 1.68, isolated from Tongban; it exchanges only byte arrays,
 * strings and numbers. It seals as ofdrw's own API does ({@code OFDSigner} with
 * {@code SESV4Container} or {@code SESV1Container}, in {@code ContinueSign} mode so that later
 * seals are possible) and validates with {@code OFDValidator}.
 */
public final class OfdrwSignHarness {
  private static final Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();

  private OfdrwSignHarness() {}

  /**
   * Seals an OFD with ofdrw.
   *
   * @param ofd the package
   * @param sealDer the seal (v4 or v1, as {@code version} says)
   * @param certDer the signer's certificate
   * @param keyPkcs8 the signer's SM2 key
   * @param version "v4" or "v1"
   * @param page the page of the normal seal, from 1; 0 for none
   * @param crossPage whether to add a cross-page seal at the right edge
   * @return the sealed package
   * @throws Exception on any error
   */
  public static byte[] seal(byte[] ofd, byte[] sealDer, byte[] certDer, byte[] keyPkcs8,
      String version, Integer page, Boolean crossPage) throws Exception {
    return sign(ofd, certDer, keyPkcs8, (signer, key, cert) -> {
      if (version.equals("v4")) {
        signer.setSignContainer(new SESV4Container(key,
            org.ofdrw.gm.ses.v4.SESeal.getInstance(sealDer), cert));
      } else {
        signer.setSignContainer(new SESV1Container(key,
            org.ofdrw.gm.ses.v1.SESeal.getInstance(sealDer), cert));
      }
      if (page > 0) {
        signer.addApPos(new NormalStampPos(page, 50, 50, 40, 40));
      }
      if (crossPage) {
        signer.addApPos(new RidingStampPos(Side.Right, 40, 40));
      }
    });
  }

  /**
   * Signs an OFD with ofdrw's GB/T 35275 digital signature ({@code Type="Sign"}).
   *
   * @param ofd the package
   * @param certDer the signer's certificate
   * @param keyPkcs8 the signer's SM2 key
   * @return the signed package
   * @throws Exception on any error
   */
  public static byte[] signGbt35275(byte[] ofd, byte[] certDer, byte[] keyPkcs8)
      throws Exception {
    return sign(ofd, certDer, keyPkcs8, (signer, key, cert) -> signer.setSignContainer(
        new org.ofdrw.sign.signContainer.GBT35275DSContainer(cert, key)));
  }

  /** What a kind of signature sets on ofdrw's signer before it signs. */
  private interface Setup {
    void apply(OFDSigner signer, PrivateKey key, Certificate cert) throws Exception;
  }

  /** Runs ofdrw's signer in {@code ContinueSign} mode over a temporary copy of the package. */
  private static byte[] sign(byte[] ofd, byte[] certDer, byte[] keyPkcs8, Setup setup)
      throws Exception {
    PrivateKey key = KeyFactory.getInstance("EC", BC).generatePrivate(
        new PKCS8EncodedKeySpec(keyPkcs8));
    Certificate cert = CertificateFactory.getInstance("X.509", BC)
        .generateCertificate(new ByteArrayInputStream(certDer));
    Path dir = Files.createTempDirectory("ofdrw-sign");
    try {
      Path in = dir.resolve("in.ofd");
      Path out = dir.resolve("out.ofd");
      Files.write(in, ofd);
      try (OFDReader reader = new OFDReader(in);
          OFDSigner signer = new OFDSigner(reader, out)) {
        signer.setSignMode(SignMode.ContinueSign);
        setup.apply(signer, key, cert);
        signer.exeSign();
      }
      return Files.readAllBytes(out);
    } finally {
      deleteTree(dir);
    }
  }

  /**
   * Validates an OFD with ofdrw's {@code OFDValidator}.
   *
   * @param ofd the package
   * @param version "v4" or "v1": which validation container
   * @return "OK", or the exception ofdrw threw
   * @throws Exception on errors outside validation
   */
  public static String validate(byte[] ofd, String version) throws Exception {
    Path dir = Files.createTempDirectory("ofdrw-validate");
    try {
      Path in = dir.resolve("in.ofd");
      Files.write(in, ofd);
      try (OFDReader reader = new OFDReader(in);
          OFDValidator validator = new OFDValidator(reader)) {
        validator.setValidator(version.equals("v4") ? new SESV4ValidateContainer()
            : new SESV1ValidateContainer());
        validator.exeValidate();
        return "OK";
      } catch (Exception e) {
        return e.getClass().getSimpleName() + ": " + e.getMessage();
      }
    } finally {
      deleteTree(dir);
    }
  }

  private static void deleteTree(Path dir) throws Exception {
    try (var s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
