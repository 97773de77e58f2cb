package org.tongban.seal.internal;

import java.text.ParseException;
import java.time.Instant;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Boolean;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1IA5String;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1PrintableString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.DEROctetString;
import org.tongban.MalformedInputException;

/**
 * Typed reads from decoded ASN.1 for the SES parsers: each accepts exactly the universal type
 * the standard names and throws {@link MalformedInputException} otherwise, never a
 * ClassCastException.
 */
public final class Asn1Read {
  private Asn1Read() {}

  private static MalformedInputException wrong(String what, ASN1Encodable o) {
    return new MalformedInputException("expected " + what + ", found "
        + (o == null ? "nothing" : o.getClass().getSimpleName()));
  }

  /**
   * Reads a SEQUENCE.
   *
   * @param o the value
   * @return the sequence
   */
  public static ASN1Sequence seq(ASN1Encodable o) {
    if (o instanceof ASN1Sequence) {
      return (ASN1Sequence) o;
    }
    throw wrong("SEQUENCE", o);
  }

  /**
   * Reads a SEQUENCE with a size in a range.
   *
   * @param o the value
   * @param min the least size
   * @param max the largest size
   * @return the sequence
   */
  public static ASN1Sequence seq(ASN1Encodable o, int min, int max) {
    ASN1Sequence s = seq(o);
    if (s.size() < min || s.size() > max) {
      throw new MalformedInputException("SEQUENCE of " + s.size() + " fields, expected "
          + min + (min == max ? "" : "-" + max));
    }
    return s;
  }

  /**
   * Reads an OCTET STRING.
   *
   * @param o the value
   * @return its content
   */
  public static byte[] octets(ASN1Encodable o) {
    if (o instanceof ASN1OctetString) {
      return ((ASN1OctetString) o).getOctets();
    }
    throw wrong("OCTET STRING", o);
  }

  /**
   * Wraps bytes in an OCTET STRING.
   *
   * @param b the bytes
   * @return the OCTET STRING
   */
  public static ASN1OctetString octetString(byte[] b) {
    return new DEROctetString(b);
  }

  /**
   * Reads a BIT STRING whose length is a whole number of bytes.
   *
   * @param o the value
   * @return its bytes
   */
  public static byte[] bits(ASN1Encodable o) {
    if (o instanceof ASN1BitString) {
      ASN1BitString b = (ASN1BitString) o;
      if (b.getPadBits() != 0) {
        throw new MalformedInputException("BIT STRING with pad bits");
      }
      return b.getOctets();
    }
    throw wrong("BIT STRING", o);
  }

  /**
   * Reads an OBJECT IDENTIFIER.
   *
   * @param o the value
   * @return the dotted form
   */
  public static String oid(ASN1Encodable o) {
    if (o instanceof ASN1ObjectIdentifier) {
      return ((ASN1ObjectIdentifier) o).getId();
    }
    throw wrong("OBJECT IDENTIFIER", o);
  }

  /**
   * Reads an IA5String.
   *
   * @param o the value
   * @return the string
   */
  public static String ia5(ASN1Encodable o) {
    if (o instanceof ASN1IA5String) {
      return ((ASN1IA5String) o).getString();
    }
    throw wrong("IA5String", o);
  }

  /**
   * Reads a UTF8String.
   *
   * @param o the value
   * @return the string
   */
  public static String utf8(ASN1Encodable o) {
    if (o instanceof ASN1UTF8String) {
      return ((ASN1UTF8String) o).getString();
    }
    throw wrong("UTF8String", o);
  }

  /**
   * Reads a PrintableString.
   *
   * @param o the value
   * @return the string
   */
  public static String printable(ASN1Encodable o) {
    if (o instanceof ASN1PrintableString) {
      return ((ASN1PrintableString) o).getString();
    }
    throw wrong("PrintableString", o);
  }

  /**
   * Reads an INTEGER between 0 and {@code Integer.MAX_VALUE}.
   *
   * @param o the value
   * @return the int
   */
  public static int smallInt(ASN1Encodable o) {
    if (o instanceof ASN1Integer) {
      java.math.BigInteger v = ((ASN1Integer) o).getValue();
      if (v.signum() < 0 || v.bitLength() > 31) {
        throw new MalformedInputException("INTEGER out of range");
      }
      return v.intValueExact();
    }
    throw wrong("INTEGER", o);
  }

  /**
   * Reads a GeneralizedTime.
   *
   * @param o the value
   * @return the instant
   */
  public static Instant generalizedTime(ASN1Encodable o) {
    if (o instanceof ASN1GeneralizedTime) {
      Instant quick = zulu(((ASN1GeneralizedTime) o).getTimeString(), false);
      if (quick != null) {
        return quick;
      }
      try {
        return ((ASN1GeneralizedTime) o).getDate().toInstant();
      } catch (ParseException | RuntimeException e) {
        throw new MalformedInputException("bad GeneralizedTime", e);
      }
    }
    throw wrong("GeneralizedTime", o);
  }

  /**
   * Reads a UTCTime.
   *
   * @param o the value
   * @return the instant
   */
  public static Instant utcTime(ASN1Encodable o) {
    if (o instanceof ASN1UTCTime) {
      Instant quick = zulu(o.toString(), true); // the encoded text, as written
      if (quick != null) {
        return quick;
      }
      try {
        return ((ASN1UTCTime) o).getAdjustedDate().toInstant();
      } catch (ParseException | RuntimeException e) {
        throw new MalformedInputException("bad UTCTime", e);
      }
    }
    throw wrong("UTCTime", o);
  }

  /**
   * Reads an X.509/CMS {@code Time ::= CHOICE { utcTime UTCTime, generalTime GeneralizedTime }}
   * (a CMS signing-time attribute, for one), as {@link #utcTime} or {@link #generalizedTime}.
   *
   * @param o the value
   * @return the instant
   * @throws MalformedInputException for any other type or a time that cannot be read
   */
  public static Instant time(ASN1Encodable o) {
    return o instanceof ASN1UTCTime ? utcTime(o) : generalizedTime(o);
  }

  /**
   * The DER forms of the two ASN.1 times, {@code YYYYMMDDHHMMSSZ} and {@code YYMMDDHHMMSSZ}
   * (years 50–99 are 19xx, as X.509 reads them), read directly; null for any other text, which
   * the caller then gives to BouncyCastle's parser exactly as before. Every seal and signature
   * carries three or four such times, and BouncyCastle builds a {@code SimpleDateFormat} (with
   * its locale look-ups and number formats) for each: this form is the same instant without
   * that. Only values BouncyCastle would read the same way are taken: fields in range (no leap
   * second, no day 31 of a 30-day month — the lenient parser rolls those over) and Gregorian
   * years from 1600 (before 1583 {@code SimpleDateFormat} counts Julian days).
   */
  private static Instant zulu(String s, boolean twoDigitYear) {
    int yearDigits = twoDigitYear ? 2 : 4;
    if (s.length() != yearDigits + 11 || s.charAt(s.length() - 1) != 'Z') {
      return null;
    }
    for (int i = 0; i < s.length() - 1; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return null;
      }
    }
    int year = digits(s, 0, yearDigits);
    if (twoDigitYear) {
      year += year < 50 ? 2000 : 1900;
    } else if (year < 1600) {
      return null;
    }
    int at = yearDigits;
    try {
      // LocalDateTime.of refuses every field out of range, day 31 of a 30-day month included.
      return java.time.LocalDateTime.of(year, digits(s, at, 2), digits(s, at + 2, 2),
          digits(s, at + 4, 2), digits(s, at + 6, 2), digits(s, at + 8, 2))
          .toInstant(java.time.ZoneOffset.UTC);
    } catch (java.time.DateTimeException e) {
      return null;
    }
  }

  private static int digits(String s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      v = v * 10 + (s.charAt(i) - '0');
    }
    return v;
  }

  /**
   * Checks an {@code ExtensionDatas ::= SEQUENCE OF ExtData} value, {@code ExtData ::= SEQUENCE
   * { extnID OID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }}. A critical
   * extension is refused: Tongban understands none.
   *
   * @param o the value
   */
  public static void extensionDatas(ASN1Encodable o) {
    for (ASN1Encodable e : seq(o)) {
      ASN1Sequence ext = seq(e, 2, 3);
      oid(ext.getObjectAt(0));
      if (ext.size() == 3) {
        if (!(ext.getObjectAt(1) instanceof ASN1Boolean)) {
          throw wrong("BOOLEAN", ext.getObjectAt(1));
        }
        if (((ASN1Boolean) ext.getObjectAt(1)).isTrue()) {
          throw new MalformedInputException("unsupported critical extension "
              + oid(ext.getObjectAt(0)));
        }
      }
      octets(ext.getObjectAt(ext.size() - 1));
    }
  }
}
