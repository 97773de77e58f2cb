package org.tongban.seal.pdf;

import java.nio.file.Path;
import org.tongban.crypto.KeyType;
import org.tongban.pki.DemoPki;
import org.tongban.seal.SealPictures;
import org.tongban.seal.ses.SealPicture;

/**
 * Seals a file with the streaming methods, run by {@link PdfSealerStreamingTest} in a JVM
 * whose heap is smaller than the document.
 */
public final class LargePdfSealMain {
  private LargePdfSealMain() {}

  /**
   * Seals {@code args[0]} into {@code args[1]} and writes the signer certificate to
   * {@code args[2]}.
   *
   * @param args input, output, certificate file
   * @throws Exception on failure (the exit code says so)
   */
  public static void main(String[] args) throws Exception {
    DemoPki pki = DemoPki.create(KeyType.SM2, "Large");
    DemoPki.Issued signer = pki.issueLeaf("CN=Large,C=CN");
    SealPicture picture = SealPicture.of("PNG",
        SealPictures.emblem(42, 100), 42, 42);
    PdfSealer.builder().build().seal(Path.of(args[0]), Path.of(args[1]), picture,
        PdfSealPlacement.lastPageBottomRight().withCrossPage(), signer.signingKey());
    java.nio.file.Files.write(Path.of(args[2]), pki.trustAnchors().certificates().get(0)
        .getEncoded());
  }
}
