package org.tongban.io;

/**
 * Named limits on everything Tongban parses from outside. Exceeding one gives
 * {@link org.tongban.result.Reason#SIZE_LIMIT_EXCEEDED}, never an {@code OutOfMemoryError}.
 * Builders that parse input let a caller lower (or, within reason, raise) them.
 *
 * @since 0.1
 */
public final class Limits {
  /** Largest compact token (JWT/JWS): 16 KiB. */
  public static final int MAX_TOKEN_BYTES = 16 * 1024;
  /** Largest JWKS document: 50 KiB. */
  public static final int MAX_JWKS_BYTES = 50 * 1024;
  /** Largest QR text: 4 KiB. */
  public static final int MAX_QR_TEXT_BYTES = 4 * 1024;
  /** Largest decompressed licence payload: 64 KiB. */
  public static final int MAX_DECOMPRESSED_BYTES = 64 * 1024;
  /** Deepest ASN.1 nesting accepted in seals and CMS structures. */
  public static final int MAX_ASN1_DEPTH = 32;
  /** Largest ASN.1 structure (a seal with its picture): 8 MiB. */
  public static final int MAX_ASN1_BYTES = 8 * 1024 * 1024;
  /** Largest CRL fetched or read: 10 MiB. */
  public static final int MAX_CRL_BYTES = 10 * 1024 * 1024;
  /** Longest certificate path, anchor included. */
  public static final int MAX_CERT_PATH_LENGTH = 8;
  /** Largest PDF verified: 256 MiB. */
  public static final long MAX_PDF_BYTES = 256L * 1024 * 1024;
  /** Most incremental revisions in a PDF. */
  public static final int MAX_PDF_REVISIONS = 1000;

  private Limits() {}
}
