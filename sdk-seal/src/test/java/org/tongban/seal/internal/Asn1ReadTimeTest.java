package org.tongban.seal.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.DERPrintableString;
import org.bouncycastle.asn1.cms.Time;
import org.junit.jupiter.api.Test;
import org.tongban.MalformedInputException;
import org.tongban.result.Reason;

/**
 * The seal parsers read DER times without BouncyCastle's date parser; every text must still
 * give what that parser gives (the same instant, or a refusal where it throws).
 */
class Asn1ReadTimeTest {
  /** What BouncyCastle reads, or empty where it throws. */
  private static Optional<Instant> bouncyCastle(Callable<java.util.Date> parse) {
    try {
      return Optional.of(parse.call().toInstant());
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  private static Optional<Instant> ours(Callable<Instant> read) throws Exception {
    try {
      return Optional.of(read.call());
    } catch (MalformedInputException e) {
      return Optional.empty();
    }
  }

  private static String two(SplittableRandom r, int bound) {
    return String.format("%02d", r.nextInt(bound));
  }

  /** Random texts of the DER shape, fields in and out of range, every year 0000 to 9999. */
  @Test
  void generalizedTimeAsBouncyCastleReadsIt() throws Exception {
    SplittableRandom r = new SplittableRandom(7);
    int readable = 0;
    for (int i = 0; i < 20_000; i++) {
      String text = String.format("%04d", i < 10_000 ? i : r.nextInt(10_000)) + two(r, 14)
          + two(r, 33) + two(r, 25) + two(r, 61) + two(r, 62) + "Z";
      ASN1GeneralizedTime t;
      try {
        t = new ASN1GeneralizedTime(text);
      } catch (IllegalArgumentException e) {
        continue;
      }
      Optional<Instant> expected = bouncyCastle(t::getDate);
      assertEquals(expected, ours(() -> Asn1Read.generalizedTime(t)), text);
      readable += expected.isPresent() ? 1 : 0;
    }
    assertTrue(readable > 10_000, "too few readable samples: " + readable);
  }

  @Test
  void utcTimeAsBouncyCastleReadsIt() throws Exception {
    SplittableRandom r = new SplittableRandom(8);
    for (int i = 0; i < 20_000; i++) {
      String text = two(r, 100) + two(r, 14) + two(r, 33) + two(r, 25) + two(r, 61)
          + two(r, 62) + "Z";
      ASN1UTCTime t = new ASN1UTCTime(text);
      assertEquals(bouncyCastle(t::getAdjustedDate), ours(() -> Asn1Read.utcTime(t)), text);
    }
  }

  /** Texts outside the DER shape go to BouncyCastle's parser, as before. */
  @Test
  void otherFormsAsBouncyCastleReadsThem() throws Exception {
    for (String text : new String[] {"20240229120000Z", "20240230120000Z", "20231231235960Z",
        "15821004120000Z", "15821015120000Z", "16000101000000Z", "99991231235959Z",
        "20240101120000.5Z", "20240101120000.125Z", "20240101120000+0800", "202401011200Z",
        "2024010112Z", "20240101120000"}) {
      ASN1GeneralizedTime t = new ASN1GeneralizedTime(text);
      assertEquals(bouncyCastle(t::getDate), ours(() -> Asn1Read.generalizedTime(t)), text);
    }
    for (String text : new String[] {"491231235959Z", "500101000000Z", "240101120000+0800",
        "2401011200Z"}) {
      ASN1UTCTime t = new ASN1UTCTime(text);
      assertEquals(bouncyCastle(t::getAdjustedDate), ours(() -> Asn1Read.utcTime(t)), text);
    }
  }

  /**
   * A CMS {@code Time} (the PDF signing-time attribute) reads as BouncyCastle's {@code Time}
   * reads it, in both choices, and any other type is a typed refusal.
   */
  @Test
  void cmsTimeAsBouncyCastleReadsIt() throws Exception {
    SplittableRandom r = new SplittableRandom(9);
    for (int i = 0; i < 4_000; i++) {
      String utc = two(r, 100) + two(r, 14) + two(r, 33) + two(r, 25) + two(r, 61) + two(r, 62)
          + "Z";
      String gen = String.format("%04d", 1900 + r.nextInt(300)) + utc.substring(2);
      for (org.bouncycastle.asn1.ASN1Primitive t : new org.bouncycastle.asn1.ASN1Primitive[] {
          new ASN1UTCTime(utc), new ASN1GeneralizedTime(gen)}) {
        assertEquals(bouncyCastle(() -> Time.getInstance(t).getDate()),
            ours(() -> Asn1Read.time(t)), t.toString());
      }
    }
    assertEquals(Instant.parse("2049-12-31T23:59:59Z"),
        Asn1Read.time(new ASN1UTCTime("491231235959Z")));
    assertEquals(Instant.parse("1950-01-01T00:00:00Z"),
        Asn1Read.time(new ASN1GeneralizedTime("19500101000000Z")));
    assertEquals(Reason.FORMAT_FAILURE, assertThrows(MalformedInputException.class,
        () -> Asn1Read.time(new ASN1Integer(1))).reason());
    assertEquals(Reason.FORMAT_FAILURE, assertThrows(MalformedInputException.class,
        () -> Asn1Read.time(new DERPrintableString("491231235959Z"))).reason());
  }
}
