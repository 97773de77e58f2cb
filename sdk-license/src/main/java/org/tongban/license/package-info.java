/**
 * Electronic licences (统一电子证照): the GB/T 36903 model ({@link org.tongban.license.License}),
 * identifiers and holder codes, issuing signed QR licences
 * ({@link org.tongban.license.LicenseIssuer}) and verifying them
 * ({@link org.tongban.license.LicenseVerifier}). Nothing here accepts or returns null.
 */
package org.tongban.license;
