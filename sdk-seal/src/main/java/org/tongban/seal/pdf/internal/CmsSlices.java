package org.tongban.seal.pdf.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Finds the parts of a DER-encoded, detached CMS {@code SignedData} (RFC 5652) with one
 * {@code SignerInfo} as slices of the input, without building an object tree: the digest and
 * signature algorithm identifiers, the signed attributes, the signature, and the certificates —
 * the signer's found by byte-equal issuer and serial number. Certificates come out as the exact
 * bytes that were embedded, so nothing is re-encoded.
 *
 * <p>A fast path only: anything else — indefinite lengths, a subject-key-identifier signer, an
 * issuer encoded differently in the certificate and the signer identifier, more than one
 * signer, encapsulated content — returns empty, and the caller reads the structure with
 * BouncyCastle, which decides (and reports) what is wrong. The input must already have passed
 * {@code Der.berLength}'s size and depth checks.
 */
public final class CmsSlices {
  /** DER of OID 1.2.840.113549.1.7.2, id-signedData. */
  private static final byte[] SIGNED_DATA =
      {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x07, 0x02};
  /** DER of OID 1.2.840.113549.1.7.1, id-data. */
  private static final byte[] DATA =
      {0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01, 0x07, 0x01};

  /**
   * The slices.
   *
   * @param digestAlgorithm the SignerInfo's digest AlgorithmIdentifier's OID, DER
   * @param signedAttributes the signed attributes with the SET OF tag, as signed
   * @param signatureAlgorithm the signature AlgorithmIdentifier's OID, DER
   * @param signature the signature value
   * @param signer the signer's certificate, DER
   * @param others the other embedded certificates, DER
   */
  public record Slices(byte[] digestAlgorithm, byte[] signedAttributes,
      byte[] signatureAlgorithm, byte[] signature, byte[] signer, List<byte[]> others) {}

  private CmsSlices() {}

  /** A TLV: tag, where its contents start, where it ends. */
  private record Tlv(int tag, int start, int end) {}

  /**
   * Reads the slices.
   *
   * @param der the ContentInfo
   * @return the slices, or empty to read the structure the general way
   */
  public static Optional<Slices> read(byte[] der) {
    try {
      return Optional.ofNullable(slices(der));
    } catch (IndexOutOfBoundsException e) {
      return Optional.empty();
    }
  }

  private static Slices slices(byte[] b) {
    Tlv ci = tlv(b, 0, b.length);
    if (ci == null || ci.tag != 0x30 || ci.end != b.length) {
      return null;
    }
    Tlv type = tlv(b, ci.start, ci.end);
    if (type == null || !equal(b, type, SIGNED_DATA)) {
      return null;
    }
    Tlv explicit = tlv(b, type.end, ci.end);
    if (explicit == null || explicit.tag != 0xa0 || explicit.end != ci.end) {
      return null;
    }
    Tlv sd = tlv(b, explicit.start, explicit.end);
    if (sd == null || sd.tag != 0x30 || sd.end != explicit.end) {
      return null;
    }
    Tlv version = tlv(b, sd.start, sd.end);
    Tlv digests = version == null ? null : tlv(b, version.end, sd.end);
    Tlv encap = digests == null ? null : tlv(b, digests.end, sd.end);
    if (encap == null || version.tag != 0x02 || digests.tag != 0x31 || encap.tag != 0x30) {
      return null;
    }
    Tlv encapType = tlv(b, encap.start, encap.end);
    if (encapType == null || !equal(b, encapType, DATA) || encapType.end != encap.end) {
      return null; // content present (not detached) or another type: the general reader says
    }
    Tlv next = tlv(b, encap.end, sd.end);
    Tlv certs = null;
    if (next != null && next.tag == 0xa0) {
      certs = next;
      next = tlv(b, next.end, sd.end);
    }
    if (next != null && next.tag == 0xa1) {
      next = tlv(b, next.end, sd.end); // CRLs: not used here
    }
    if (next == null || next.tag != 0x31 || next.end != sd.end || certs == null) {
      return null;
    }
    Tlv si = tlv(b, next.start, next.end);
    if (si == null || si.tag != 0x30 || si.end != next.end) {
      return null; // not exactly one SignerInfo
    }
    Tlv siVersion = tlv(b, si.start, si.end);
    Tlv sid = siVersion == null ? null : tlv(b, siVersion.end, si.end);
    Tlv digestAlg = sid == null ? null : tlv(b, sid.end, si.end);
    Tlv attrs = digestAlg == null ? null : tlv(b, digestAlg.end, si.end);
    Tlv sigAlg = attrs == null ? null : tlv(b, attrs.end, si.end);
    Tlv signature = sigAlg == null ? null : tlv(b, sigAlg.end, si.end);
    if (signature == null || siVersion.tag != 0x02 || sid.tag != 0x30 || digestAlg.tag != 0x30
        || attrs.tag != 0xa0 || sigAlg.tag != 0x30 || signature.tag != 0x04) {
      return null;
    }
    if (signature.end != si.end) {
      Tlv unsigned = tlv(b, signature.end, si.end);
      if (unsigned == null || unsigned.tag != 0xa1 || unsigned.end != si.end) {
        return null;
      }
    }
    Tlv issuer = tlv(b, sid.start, sid.end);
    Tlv serial = issuer == null ? null : tlv(b, issuer.end, sid.end);
    if (serial == null || issuer.tag != 0x30 || serial.tag != 0x02 || serial.end != sid.end) {
      return null;
    }
    byte[] signer = null;
    List<byte[]> others = new ArrayList<>();
    for (int pos = certs.start; pos < certs.end; ) {
      Tlv cert = tlv(b, pos, certs.end);
      if (cert == null || cert.tag != 0x30) {
        return null;
      }
      byte[] slice = Arrays.copyOfRange(b, pos, cert.end);
      if (signer == null && issuedAs(b, cert, issuer, serial)) {
        signer = slice;
      } else {
        others.add(slice);
      }
      pos = cert.end;
    }
    if (signer == null) {
      return null;
    }
    byte[] signedAttributes = Arrays.copyOfRange(b, headerStart(b, attrs), attrs.end);
    signedAttributes[0] = 0x31; // [0] IMPLICIT SET OF → SET OF, the form that is signed
    return new Slices(firstChild(b, digestAlg), signedAttributes, firstChild(b, sigAlg),
        Arrays.copyOfRange(b, signature.start, signature.end), signer, List.copyOf(others));
  }

  /** Whether a certificate's issuer and serial number are byte-equal to the signer id's. */
  private static boolean issuedAs(byte[] b, Tlv cert, Tlv issuer, Tlv serial) {
    Tlv tbs = tlv(b, cert.start, cert.end);
    if (tbs == null || tbs.tag != 0x30) {
      return false;
    }
    Tlv f = tlv(b, tbs.start, tbs.end);
    if (f != null && f.tag == 0xa0) {
      f = tlv(b, f.end, tbs.end); // explicit version
    }
    Tlv certSerial = f;
    Tlv sigAlg = certSerial == null ? null : tlv(b, certSerial.end, tbs.end);
    Tlv certIssuer = sigAlg == null ? null : tlv(b, sigAlg.end, tbs.end);
    return certIssuer != null && certSerial.tag == 0x02
        && same(b, certSerial, serial) && same(b, certIssuer, issuer);
  }

  private static byte[] firstChild(byte[] b, Tlv parent) {
    Tlv oid = tlv(b, parent.start, parent.end);
    if (oid == null || oid.tag != 0x06) {
      throw new IndexOutOfBoundsException("no OID"); // read the general way
    }
    return Arrays.copyOfRange(b, headerStart(b, oid), oid.end);
  }

  /** Recomputes where a TLV's header starts from where its contents start. */
  private static int headerStart(byte[] b, Tlv t) {
    int len = t.end - t.start;
    int lengthBytes = len < 0x80 ? 1 : len < 0x100 ? 2 : len < 0x10000 ? 3 : len < 0x1000000 ? 4
        : 5;
    return t.start - lengthBytes - 1;
  }

  private static boolean same(byte[] b, Tlv x, Tlv y) {
    return Arrays.equals(b, headerStart(b, x), x.end, b, headerStart(b, y), y.end);
  }

  private static boolean equal(byte[] b, Tlv t, byte[] expected) {
    return Arrays.equals(b, headerStart(b, t), t.end, expected, 0, expected.length);
  }

  /**
   * The TLV at {@code pos}, which must end by {@code limit}: low tag numbers, definite lengths
   * in their shortest form (DER); null otherwise.
   */
  private static Tlv tlv(byte[] b, int pos, int limit) {
    if (pos + 2 > limit) {
      return null;
    }
    int tag = b[pos] & 0xff;
    if ((tag & 0x1f) == 0x1f) {
      return null;
    }
    int first = b[pos + 1] & 0xff;
    int start = pos + 2;
    long len;
    if (first < 0x80) {
      len = first;
    } else {
      int n = first & 0x7f;
      if (n == 0 || n > 4 || start + n > limit || b[start] == 0) {
        return null; // indefinite, too long, or not the shortest form
      }
      len = 0;
      for (int i = 0; i < n; i++) {
        len = len << 8 | (b[start + i] & 0xff);
      }
      if (len < 0x80 || (n > 1 && len < (1L << (8 * (n - 1))))) {
        return null;
      }
      start += n;
    }
    if (start + len > limit) {
      return null;
    }
    return new Tlv(tag, start, (int) (start + len));
  }
}
