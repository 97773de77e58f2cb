package org.tongban.seal.ofd;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.tongban.seal.Modification;
import org.tongban.seal.ModificationLevel;
import org.tongban.seal.VerifiedSeal;

/**
 * One verified OFD signature: its listing, the signer, the seal (for {@code Type="Seal"}) with
 * its picture and properties for display, where it is drawn, what it protects, and what was
 * added after it.
 *
 * <p>Immutable and thread-safe.
 *
 * @param id the signature's ID in {@code Signatures.xml}
 * @param type {@code Seal} or {@code Sign}
 * @param signatureFile the entry of its {@code Signature.xml}
 * @param signer the signer's certificate
 * @param signingTime the time the signature claims
 * @param seal the verified seal, for {@code Type="Seal"}
 * @param stamps where it is drawn
 * @param protectedParts the entries its references protect, in order
 * @param modifications what the package holds beyond them, each with its level
 * @since 0.1
 */
public record VerifiedOfdSignature(String id, String type, String signatureFile,
    X509Certificate signer, Optional<Instant> signingTime, Optional<VerifiedSeal> seal,
    List<OfdStamp> stamps, List<String> protectedParts, List<Modification> modifications) {
  /**
   * Copies the lists.
   *
   * @param id the ID
   * @param type the type
   * @param signatureFile the file
   * @param signer the signer
   * @param signingTime the time
   * @param seal the seal
   * @param stamps the stamps
   * @param protectedParts the parts
   * @param modifications the changes
   */
  public VerifiedOfdSignature {
    stamps = List.copyOf(stamps);
    protectedParts = List.copyOf(protectedParts);
    modifications = List.copyOf(modifications);
  }

  /**
   * Returns the highest level among {@link #modifications()}.
   *
   * @return the level, {@link ModificationLevel#NONE} when the signature protects everything
   */
  public ModificationLevel modificationLevel() {
    return ModificationLevel.highest(modifications);
  }
}
