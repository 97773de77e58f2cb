/**
 * Signature algorithms (SM2/SM3, RSA PKCS#1 and PSS, ECDSA P-256/P-384), digests (SM3,
 * SHA-256, SHA-384), {@link org.tongban.crypto.SigningKey} and
 * {@link org.tongban.crypto.VerificationKey}. The algorithm is bound to the key; encodings are
 * explicit and strict. Nothing here accepts or returns null.
 */
package org.tongban.crypto;
