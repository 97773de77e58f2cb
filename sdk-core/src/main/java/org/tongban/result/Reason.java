package org.tongban.result;

import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Stable machine-readable reason codes shared by identity, seals and licences.
 *
 * <p>The constant names are the codes: they are never renamed or removed, only added. Each
 * constant declares the {@link Indication} it leads to when it is decisive; the {@code WARNING}
 * kind never fails a result. {@link #message(Locale)} gives an English or Simplified Chinese
 * (zh-CN) text from {@code org/tongban/result/reasons*.properties}.
 *
 * @since 0.1
 */
public enum Reason {
  // --- FAILED -------------------------------------------------------------------------------
  /** The input is not well-formed (bad encoding, wrong structure, trailing bytes, non-DER). */
  FORMAT_FAILURE(Kind.FAILURE),
  /** The input (or something it expands to) is larger than the configured limit. */
  SIZE_LIMIT_EXCEEDED(Kind.FAILURE),
  /** The cryptographic signature does not verify. */
  SIG_CRYPTO_FAILURE(Kind.FAILURE),
  /** A digest in the signed data does not match the data. */
  HASH_FAILURE(Kind.FAILURE),
  /** The algorithm is not on the allow-list. */
  ALGORITHM_NOT_ALLOWED(Kind.FAILURE),
  /** The algorithm named by the input differs from the algorithm bound to the key. */
  ALGORITHM_MISMATCH(Kind.FAILURE),
  /** The token, seal or licence is past the end of its validity. */
  EXPIRED(Kind.FAILURE),
  /** The token, seal or licence is not yet valid. */
  NOT_YET_VALID(Kind.FAILURE),
  /** The issuer is not the expected one. */
  ISSUER_MISMATCH(Kind.FAILURE),
  /** The audience does not include this relying party. */
  AUDIENCE_MISMATCH(Kind.FAILURE),
  /** The token is unsecured ({@code alg: none}). */
  UNSECURED_TOKEN(Kind.FAILURE),
  /** A symmetric (HMAC) algorithm or key where only public keys may verify. */
  SYMMETRIC_ALGORITHM_REFUSED(Kind.FAILURE),
  /** The token's {@code crit} header names an extension this verifier does not understand. */
  CRITICAL_HEADER_UNSUPPORTED(Kind.FAILURE),
  /** The header carries or points to a key ({@code jwk}, {@code jku}, {@code x5u}, {@code x5c}). */
  HEADER_KEY_REFUSED(Kind.FAILURE),
  /** One kind of token is presented as another (RFC 8725 §3.11). */
  TOKEN_TYPE_MISMATCH(Kind.FAILURE),
  /** A claim the token kind requires is absent or not of its type. */
  REQUIRED_CLAIM_MISSING(Kind.FAILURE),
  /** The ID token's nonce is not the one this login sent. */
  NONCE_MISMATCH(Kind.FAILURE),
  /** A one-time token (its {@code jti}) was already used. */
  TOKEN_REPLAYED(Kind.FAILURE),
  /** The person's real-name assurance level is below what this department requires. */
  ASSURANCE_LEVEL_TOO_LOW(Kind.FAILURE),
  /** The login callback's {@code state} is not the one this login sent (CSRF). */
  STATE_MISMATCH(Kind.FAILURE),
  /** The platform refused the login or the code exchange ({@code error} response). */
  AUTHORIZATION_FAILED(Kind.FAILURE),
  /** A certificate was revoked at or before the validation time. */
  REVOKED(Kind.FAILURE),
  /** The certificate chain is structurally invalid (basic constraints, path length, names). */
  CERT_CHAIN_INVALID(Kind.FAILURE),
  /** A certificate's signature, made by its issuer, does not verify. */
  CERT_SIGNATURE_INVALID(Kind.FAILURE),
  /** A certificate was past its notAfter at the validation time. */
  CERT_EXPIRED(Kind.FAILURE),
  /** A certificate was before its notBefore at the validation time. */
  CERT_NOT_YET_VALID(Kind.FAILURE),
  /** The chain does not end at a configured trust anchor. */
  UNTRUSTED_ROOT(Kind.FAILURE),
  /** A certificate's key usage does not allow what it was used for. */
  KEY_USAGE_INVALID(Kind.FAILURE),
  /** A PDF was changed after the seal in a way that is not allowed. */
  DOCUMENT_MODIFIED_AFTER_SEAL(Kind.FAILURE),
  /** A later revision did what a certification (DocMDP) or field lock (FieldMDP) forbids. */
  MODIFICATION_NOT_PERMITTED(Kind.FAILURE),
  /** A signature's own dictionary was redefined by a later revision. */
  SIGNATURE_DICTIONARY_CHANGED(Kind.FAILURE),
  /** A PDF signature's byte range is malformed or does not cover what it must. */
  BYTE_RANGE_INVALID(Kind.FAILURE),
  /** The signer's certificate is not one the seal allows. */
  SEAL_CERT_MISMATCH(Kind.FAILURE),
  /** The licence has been revoked, withdrawn, suspended or cancelled. */
  LICENSE_REVOKED(Kind.FAILURE),
  /** The licence data does not match its signed form or its check characters. */
  LICENSE_DATA_MISMATCH(Kind.FAILURE),
  /** A configured policy rule is not met. */
  POLICY_FAILURE(Kind.FAILURE),
  /** The document carries no signature or seal at all. */
  NO_SIGNATURE(Kind.FAILURE),
  /** A part of the document the signature protects is missing. */
  REFERENCED_PART_MISSING(Kind.FAILURE),

  // --- INDETERMINATE ------------------------------------------------------------------------
  /** No key matching the input's key id was found. */
  KEY_NOT_FOUND(Kind.INDETERMINATE),
  /** The key source (JWKS endpoint, key server) could not be reached and no usable cache exists. */
  KEY_SOURCE_UNAVAILABLE(Kind.INDETERMINATE),
  /** Revocation status could not be determined (CRL unreachable, stale or not verifiable). */
  REVOCATION_UNKNOWN(Kind.INDETERMINATE),
  /** No certificate chain to a trust anchor could be built from the certificates available. */
  NO_CERTIFICATE_CHAIN_FOUND(Kind.INDETERMINATE),
  /**
   * No trust was configured (no trust anchors and no certificates trusted as given), so whether
   * the signer is who it claims to be was not decided.
   */
  TRUST_NOT_CONFIGURED(Kind.INDETERMINATE),
  /**
   * The input holds more than one candidate where one is expected (two QR codes in one image):
   * which one is meant is not decided, so none is accepted silently.
   */
  AMBIGUOUS_INPUT(Kind.INDETERMINATE),
  /** The time of signing is unknown, so validity at signing time cannot be decided. */
  SIGNING_TIME_UNKNOWN(Kind.INDETERMINATE),
  /** The document was changed after the signature and the changes were not classified. */
  MODIFICATIONS_UNVERIFIED(Kind.INDETERMINATE),
  /** Shared session or replay state could not be reached, so nothing was decided. */
  STATE_UNAVAILABLE(Kind.INDETERMINATE),

  // --- WARNING ------------------------------------------------------------------------------
  /** Cached keys were used because the key source was unreachable (within outage tolerance). */
  STALE_KEYS_USED(Kind.WARNING),
  /** A weak algorithm was accepted because policy relaxed it. */
  WEAK_ALGORITHM_ACCEPTED(Kind.WARNING);

  /** Whether a reason fails, leaves undecided, or only warns. */
  public enum Kind {
    /** Leads to {@link Indication#FAILED}. */
    FAILURE,
    /** Leads to {@link Indication#INDETERMINATE}. */
    INDETERMINATE,
    /** Never changes the indication; reported among the warnings. */
    WARNING
  }

  private static final String BUNDLE = "org.tongban.result.reasons";
  private static final ResourceBundle.Control NO_FALLBACK =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

  private final Kind kind;

  Reason(Kind kind) {
    this.kind = kind;
  }

  /**
   * Returns whether this reason fails, leaves undecided, or only warns.
   *
   * @return the kind
   */
  public Kind kind() {
    return kind;
  }

  /**
   * Returns the indication this reason leads to when it is decisive: {@code FAILED},
   * {@code INDETERMINATE}, or {@code PASSED} for a warning.
   *
   * @return the indication
   */
  public Indication indication() {
    switch (kind) {
      case FAILURE:
        return Indication.FAILED;
      case INDETERMINATE:
        return Indication.INDETERMINATE;
      default:
        return Indication.PASSED;
    }
  }

  /**
   * Returns the stable code, equal to {@link #name()}.
   *
   * @return the code
   */
  public String code() {
    return name();
  }

  /**
   * Returns a human-readable message for this reason, in Simplified Chinese for {@code zh}
   * locales and English otherwise.
   *
   * @param locale the locale
   * @return the message; the code itself if no bundle has it (a test makes sure every code has
   *     text in both bundles)
   */
  public String message(Locale locale) {
    // Only two bundles exist: zh-CN and the English root. Any Chinese locale gets zh-CN text,
    // and the JVM's default locale must never leak in through the fallback chain.
    Locale effective = "zh".equals(locale.getLanguage()) ? Locale.SIMPLIFIED_CHINESE : Locale.ROOT;
    try {
      return ResourceBundle.getBundle(BUNDLE, effective, NO_FALLBACK).getString(name());
    } catch (MissingResourceException e) {
      return name();
    }
  }
}
