/**
 * Tongban electronic seals: GB/T 38540 and GM/T 0031 seals (make, seal, verify), seal pictures,
 * and seals on PDF documents.
 */
module org.tongban.seal {
  requires transitive org.tongban.core;
  requires org.apache.pdfbox;
  requires org.apache.pdfbox.io;
  requires org.bouncycastle.provider;
  requires org.bouncycastle.pkix;
  requires org.bouncycastle.util;
  // SealPictures draws with Java 2D; no AWT type appears in the API, so not transitive.
  requires java.desktop;
  // OFD parts are XML, read with the JDK's parser, hardened.
  requires java.xml;

  exports org.tongban.seal;
  exports org.tongban.seal.ofd;
  exports org.tongban.seal.pdf;
  exports org.tongban.seal.ses;
}
