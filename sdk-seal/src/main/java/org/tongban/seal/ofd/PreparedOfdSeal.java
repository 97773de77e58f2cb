package org.tongban.seal.ofd;

import java.util.LinkedHashMap;
import java.util.Map;
import org.tongban.crypto.SignatureAlgorithm;
import org.tongban.seal.PreparedSealSignature;

/**
 * Step 1's output of {@link OfdSealer}: the parts the seal adds or changes, and the bytes to
 * sign ({@code TBS_Sign}, whose {@code dataHash} is the digest of the new
 * {@code Signature.xml}). Give {@link #toBeSigned()} to any signer — an HSM, a USB key — and the
 * value to {@link OfdSealer#complete}.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class PreparedOfdSeal {
  private final byte[] original;
  private final Map<String, byte[]> parts;
  private final String signedValueEntry;
  private final PreparedSealSignature signature;

  PreparedOfdSeal(byte[] original, Map<String, byte[]> parts, String signedValueEntry,
      PreparedSealSignature signature) {
    this.original = original;
    this.parts = new LinkedHashMap<>(parts);
    this.signedValueEntry = signedValueEntry;
    this.signature = signature;
  }

  /**
   * Returns the bytes to sign: the DER {@code TBS_Sign}.
   *
   * @return a copy
   */
  public byte[] toBeSigned() {
    return signature.toBeSigned();
  }

  /**
   * Returns the algorithm the signer must use.
   *
   * @return SM2 with SM3, or RSA with SHA-256
   */
  public SignatureAlgorithm algorithm() {
    return signature.algorithm();
  }

  /**
   * Returns the entry name of the new {@code Signature.xml}.
   *
   * @return the name, e.g. {@code Doc_0/Signs/Sign_1/Signature.xml}
   */
  public String signatureFile() {
    return signedValueEntry.substring(0, signedValueEntry.lastIndexOf('/') + 1)
        + "Signature.xml";
  }

  byte[] original() {
    return original;
  }

  Map<String, byte[]> parts() {
    return parts;
  }

  String signedValueEntry() {
    return signedValueEntry;
  }

  PreparedSealSignature signature() {
    return signature;
  }
}
