/**
 * Tongban electronic licences: the GB/T 36903 licence model, signed QR codes (issue and
 * verify, offline and online) and status lists.
 */
module org.tongban.license {
  requires transitive org.tongban.core;
  // QrImages renders to and decodes from java.awt.image.BufferedImage.
  requires transitive java.desktop;
  requires com.google.zxing;
  // PeterO CBOR and its numbers library have no module names of their own: "cbor" and
  // "numbers" are derived from their jars' file names.
  requires cbor;
  requires numbers;
  requires com.nimbusds.jose.jwt;
  requires org.bouncycastle.provider;

  exports org.tongban.license;
  exports org.tongban.license.qr;
}
