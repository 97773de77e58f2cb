package org.tongban.license.internal;

import com.upokecenter.cbor.CBORObject;
import com.upokecenter.cbor.CBORType;
import java.util.Optional;
import org.tongban.MalformedInputException;
import org.tongban.crypto.SignatureAlgorithm;

/**
 * COSE_Sign1 (RFC 9052 §4.2) as HCERT uses it: {@code 18([protected bstr, unprotected map,
 * payload bstr, signature bstr])}, the protected header holding {@code alg} (1) and {@code kid}
 * (4). The signature covers the CBOR encoding of {@code Sig_structure = ["Signature1",
 * protected, h'', payload]} (RFC 9052 §4.4).
 *
 * <p>Algorithms: ES256 (−7, ECDSA P-256, r‖s), PS256 (−37, RSASSA-PSS SHA-256, salt 32) and
 * SM2 with SM3 (−48, r‖s, default distinguishing ID — the value used by existing COSE SM2 code).
 */
public final class CoseSign1 {
  /** COSE alg ES256. */
  public static final int ES256 = -7;
  /** COSE alg PS256. */
  public static final int PS256 = -37;
  /** COSE alg for SM2 with SM3. */
  public static final int SM2_SM3 = -48;
  private static final int TAG = 18;
  /** The CWT tag (RFC 8392 §6), allowed around the COSE tag. */
  private static final int CWT_TAG = 61;

  private CoseSign1() {}

  /** A parsed COSE_Sign1. */
  public record Parsed(byte[] protectedBytes, int alg, Optional<byte[]> kid, byte[] payload,
      byte[] signature) {}

  /**
   * Returns the COSE alg for a signature algorithm.
   *
   * @param alg the algorithm
   * @return the COSE value
   */
  public static Optional<Integer> coseAlg(SignatureAlgorithm alg) {
    if (alg == SignatureAlgorithm.ECDSA_P256_SHA256) {
      return Optional.of(ES256);
    }
    if (alg == SignatureAlgorithm.RSA_PSS_SHA256) {
      return Optional.of(PS256);
    }
    if (alg == SignatureAlgorithm.SM2_SM3) {
      return Optional.of(SM2_SM3);
    }
    return Optional.empty();
  }

  /**
   * Returns the signature algorithm for a COSE alg.
   *
   * @param cose the COSE value
   * @return the algorithm
   */
  public static Optional<SignatureAlgorithm> algorithm(int cose) {
    switch (cose) {
      case ES256:
        return Optional.of(SignatureAlgorithm.ECDSA_P256_SHA256);
      case PS256:
        return Optional.of(SignatureAlgorithm.RSA_PSS_SHA256);
      case SM2_SM3:
        return Optional.of(SignatureAlgorithm.SM2_SM3);
      default:
        return Optional.empty();
    }
  }

  /**
   * Encodes a protected header {@code {1: alg, 4: kid}}.
   *
   * @param alg the COSE alg
   * @param kid the key id
   * @return the encoded header
   */
  public static byte[] protectedHeader(int alg, byte[] kid) {
    CBORObject h = CBORObject.NewMap();
    h.Add(CBORObject.FromObject(1), CBORObject.FromObject(alg));
    h.Add(CBORObject.FromObject(4), CBORObject.FromObject(kid));
    return h.EncodeToBytes(Cbor.CANONICAL);
  }

  /**
   * Returns the bytes the signer signs: the encoded {@code Sig_structure}.
   *
   * @param protectedBytes the protected header bytes
   * @param payload the payload
   * @return the to-be-signed bytes
   */
  public static byte[] toBeSigned(byte[] protectedBytes, byte[] payload) {
    CBORObject s = CBORObject.NewArray();
    s.Add(CBORObject.FromObject("Signature1"));
    s.Add(CBORObject.FromObject(protectedBytes));
    s.Add(CBORObject.FromObject(new byte[0]));
    s.Add(CBORObject.FromObject(payload));
    // An array of definite-length strings: the default encoding is already the deterministic
    // one (shortest lengths), without the cost of the canonical encoder.
    return s.EncodeToBytes();
  }

  /**
   * Assembles a tagged COSE_Sign1 with an empty unprotected header.
   *
   * @param protectedBytes the protected header
   * @param payload the payload
   * @param signature the signature
   * @return the encoding
   */
  public static byte[] assemble(byte[] protectedBytes, byte[] payload, byte[] signature) {
    CBORObject a = CBORObject.NewArray();
    a.Add(CBORObject.FromObject(protectedBytes));
    a.Add(CBORObject.NewMap());
    a.Add(CBORObject.FromObject(payload));
    a.Add(CBORObject.FromObject(signature));
    return CBORObject.FromObjectAndTag(a, TAG).EncodeToBytes(Cbor.CANONICAL);
  }

  /**
   * Parses a COSE_Sign1: untagged, tagged 18 once, or 18 inside the CWT tag 61 (RFC 8392 §6);
   * any other tag, or 18 twice, is refused. {@code kid} is read from the protected header,
   * else from the unprotected one (HCERT allows both); {@code alg} must be protected.
   *
   * @param bytes the encoding
   * @return the parts
   * @throws MalformedInputException if it is not a COSE_Sign1
   */
  public static Parsed parse(byte[] bytes) {
    CBORObject o = Cbor.decode(bytes);
    if (o.isTagged()) {
      com.upokecenter.numbers.EInteger[] tags = o.GetAllTags();
      boolean cose = tags.length == 1 && tags[0].equals(com.upokecenter.numbers.EInteger
          .FromInt32(TAG));
      boolean cwt = tags.length == 2 && tags[0].equals(com.upokecenter.numbers.EInteger
          .FromInt32(CWT_TAG)) && tags[1].equals(com.upokecenter.numbers.EInteger.FromInt32(TAG));
      if (!cose && !cwt) {
        throw new MalformedInputException("tags " + java.util.Arrays.toString(tags)
            + ": a COSE_Sign1 is untagged, 18, or 61(18)");
      }
      o = o.Untag();
    }
    if (o.getType() != CBORType.Array || o.size() != 4) {
      throw new MalformedInputException("COSE_Sign1 must be an array of 4");
    }
    byte[] prot = Cbor.bytes(o.get(0), "protected header");
    CBORObject unprot = o.get(1);
    if (unprot.getType() != CBORType.Map) {
      throw new MalformedInputException("unprotected header must be a map");
    }
    byte[] payload = Cbor.bytes(o.get(2), "payload");
    byte[] sig = Cbor.bytes(o.get(3), "signature");
    if (prot.length == 0) {
      throw new MalformedInputException("alg must be in the protected header");
    }
    CBORObject ph = Cbor.decode(prot);
    if (ph.getType() != CBORType.Map) {
      throw new MalformedInputException("protected header must be a map");
    }
    CBORObject algObj = ph.get(CBORObject.FromObject(1));
    if (algObj == null) {
      throw new MalformedInputException("no alg in the protected header");
    }
    if (unprot.get(CBORObject.FromObject(1)) != null) {
      throw new MalformedInputException("alg in the unprotected header");
    }
    long alg = Cbor.integer(algObj, "alg");
    CBORObject kidObj = ph.get(CBORObject.FromObject(4));
    if (kidObj == null) {
      kidObj = unprot.get(CBORObject.FromObject(4));
    }
    Optional<byte[]> kid = kidObj == null ? Optional.empty()
        : Optional.of(Cbor.bytes(kidObj, "kid"));
    if (alg < Integer.MIN_VALUE || alg > Integer.MAX_VALUE) {
      throw new MalformedInputException("alg out of range");
    }
    return new Parsed(prot, (int) alg, kid, payload, sig);
  }
}
