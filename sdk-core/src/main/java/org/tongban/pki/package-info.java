/**
 * Trust: {@link org.tongban.pki.TrustAnchors}, certificate path validation for SM2, RSA and
 * ECDSA chains ({@link org.tongban.pki.CertificateVerifier}), revocation by CRL
 * ({@link org.tongban.pki.CrlRevocationSource}), and certificate/CRL issuance for demos and
 * tests ({@link org.tongban.pki.CertificateBuilder}, {@link org.tongban.pki.CrlBuilder},
 * {@link org.tongban.pki.DemoPki}). Nothing here accepts or returns null.
 */
package org.tongban.pki;
