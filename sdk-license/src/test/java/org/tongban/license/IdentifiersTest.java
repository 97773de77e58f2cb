package org.tongban.license;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.tongban.MalformedInputException;
import org.tongban.result.Reason;

class IdentifiersTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 26);

  @Test
  void uscc_validAndInvalid() {
    assertTrue(UnifiedSocialCreditCode.isValid("91350100M000100Y43"));
    assertTrue(UnifiedSocialCreditCode.isValid("91110108551385082Q"));
    assertTrue(UnifiedSocialCreditCode.isValid("91440300708461136T"));
    assertFalse(UnifiedSocialCreditCode.isValid("91350100M000100Y44"), "wrong check");
    assertFalse(UnifiedSocialCreditCode.isValid("91350100M000100Y4"), "short");
    assertFalse(UnifiedSocialCreditCode.isValid("9135010OM000100Y43"), "O not allowed");
    assertFalse(UnifiedSocialCreditCode.isValid("91350A00M000100Y43"), "division code digits");
    assertEquals(Reason.LICENSE_DATA_MISMATCH, assertThrows(MalformedInputException.class,
        () -> UnifiedSocialCreditCode.parse("911100001000000000")).reason());
  }

  @Test
  void residentId_validInvalidAndMasked() {
    assertTrue(ResidentIdNumber.isValid("11010519491231002X", TODAY));
    assertFalse(ResidentIdNumber.isValid("110105194912310021", TODAY), "wrong check");
    assertFalse(ResidentIdNumber.isValid("110105194902300022", TODAY), "30 February");
    assertFalse(ResidentIdNumber.isValid("11010530000101002X", TODAY), "future birth");
    assertFalse(ResidentIdNumber.isValid("11010519491231002x", TODAY), "lower-case x");
    ResidentIdNumber id = ResidentIdNumber.parse("11010519491231002X", TODAY);
    assertEquals("110***********002X", id.toString());
    assertEquals("110***********002X", id.masked());
    MalformedInputException e = assertThrows(MalformedInputException.class,
        () -> ResidentIdNumber.parse("110105194912310021", TODAY));
    assertFalse(e.getMessage().contains("110105194912310021"), "no ID number in messages");
  }

  @Test
  void mod3736_isoExample_andIdentifierRoundTrip() {
    // ISO/IEC 7064 example for MOD 37,36: A12425GABC1234002 -> M.
    assertEquals('M', LicenseIdentifier.checkCharacter("A12425GABC1234002"));
    LicenseIdentifier id = LicenseIdentifier.create("91110108551385082Q001",
        "91350100M000100Y43", "2026A0001", "001");
    String text = id.toString();
    assertTrue(text.startsWith("1.2.156.3005.2.91110108551385082Q001.91350100M000100Y43."));
    assertEquals(id, LicenseIdentifier.parse(text));
    char wrong = text.charAt(text.length() - 1) == 'A' ? 'B' : 'A';
    MalformedInputException e = assertThrows(MalformedInputException.class,
        () -> LicenseIdentifier.parse(text.substring(0, text.length() - 1) + wrong));
    assertEquals(Reason.LICENSE_DATA_MISMATCH, e.reason());
    assertEquals(Reason.FORMAT_FAILURE, assertThrows(MalformedInputException.class,
        () -> LicenseIdentifier.parse("1.2.156.3005.3.x")).reason());
    assertThrows(MalformedInputException.class, () -> LicenseIdentifier.create(
        "91110108551385082Q001", "911100001000000000", "1", "001"), "invalid issuer code");
    assertFalse(LicenseIdentifier.isValid(text.replace("2026A0001", "2026A0002")),
        "changing the serial breaks the check character");
  }
}
