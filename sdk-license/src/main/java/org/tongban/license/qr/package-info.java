/**
 * QR containers and images for licences: {@link org.tongban.license.qr.Base45} (RFC 9285),
 * {@link org.tongban.license.qr.QrCodec} (prefix, zlib, COSE) and
 * {@link org.tongban.license.qr.QrImages} (render and decode). Nothing here accepts or returns
 * null.
 */
package org.tongban.license.qr;
