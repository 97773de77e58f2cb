package org.tongban.seal.pdf;

/**
 * The {@code /SubFilter} of a {@code cms} PDF seal: which profile the CMS signature follows.
 *
 * @since 0.1
 */
public enum PdfSubFilter {
  /**
   * {@code adbe.pkcs7.detached} (ISO 32000): signed attributes content type, signing time,
   * message digest and signing-certificate-v2. What most readers (poppler, Adobe) expect.
   */
  ADBE_PKCS7_DETACHED("adbe.pkcs7.detached"),
  /**
   * {@code ETSI.CAdES.detached} (PAdES, ETSI EN 319 142-1 baseline B-B): as above but without
   * the signing-time attribute, which PAdES forbids — the claimed time is the signature
   * dictionary's {@code /M}.
   */
  ETSI_CADES_DETACHED("ETSI.CAdES.detached");

  private final String pdfName;

  PdfSubFilter(String pdfName) {
    this.pdfName = pdfName;
  }

  /**
   * Returns the name as written in the PDF.
   *
   * @return the name, without the slash
   */
  public String pdfName() {
    return pdfName;
  }
}
