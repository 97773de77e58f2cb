package org.tongban.seal.pdf;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.tongban.crypto.DigestAlgorithm;
import org.tongban.crypto.SignatureAlgorithm;

/**
 * The first step's output of {@link PdfSealer}: the document with the signature's space
 * reserved (in memory, or in the output file of the streaming methods), the byte range the
 * signature covers, and the exact bytes to sign — the DER signed attributes of the CMS
 * signature, or DER {@code TBS_Sign} for the {@code ses} format, both carrying the digest of
 * the byte range.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class PreparedPdfSeal {
  private final Optional<byte[]> pdf;
  private final Optional<Path> file;
  private final int[] byteRange;
  private final byte[] toBeSigned;
  private final SignatureAlgorithm algorithm;
  private final DigestAlgorithm digest;
  private final List<X509Certificate> chain;
  /** Present for the {@code ses} format: the SES_Signature being built. */
  private final Optional<org.tongban.seal.PreparedSealSignature> ses;

  PreparedPdfSeal(Optional<byte[]> pdf, Optional<Path> file, int[] byteRange, byte[] toBeSigned, SignatureAlgorithm algorithm,
      DigestAlgorithm digest, List<X509Certificate> chain,
      Optional<org.tongban.seal.PreparedSealSignature> ses) {
    this.ses = ses;
    this.pdf = pdf;
    this.file = file;
    this.byteRange = byteRange;
    this.toBeSigned = toBeSigned;
    this.algorithm = algorithm;
    this.digest = digest;
    this.chain = List.copyOf(chain);
  }

  /**
   * Returns the bytes to sign (as a message): the DER {@code SET OF Attribute} of the CMS
   * signed attributes.
   *
   * @return a copy
   */
  public byte[] toBeSigned() {
    return toBeSigned.clone();
  }

  /**
   * Returns the signed byte range {@code [0, a, b, c]}: bytes 0..a−1 and b..b+c−1.
   *
   * @return a copy
   */
  public int[] byteRange() {
    return byteRange.clone();
  }

  /**
   * Returns the signature algorithm the value must be made with.
   *
   * @return SM2_SM3 (DER) or RSA_PKCS1_SHA256
   */
  public SignatureAlgorithm algorithm() {
    return algorithm;
  }

  Optional<byte[]> pdf() {
    return pdf;
  }

  /**
   * Returns the file the prepared document was written to, for the streaming methods.
   *
   * @return the output file, or empty when prepared in memory
   */
  public Optional<Path> file() {
    return file;
  }

  DigestAlgorithm digest() {
    return digest;
  }

  List<X509Certificate> chain() {
    return chain;
  }

  Optional<org.tongban.seal.PreparedSealSignature> ses() {
    return ses;
  }

  byte[] tbs() {
    return toBeSigned;
  }
}
