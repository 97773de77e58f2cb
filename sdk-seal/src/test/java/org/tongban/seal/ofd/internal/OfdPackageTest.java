package org.tongban.seal.ofd.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tongban.MalformedInputException;
import org.tongban.io.Limits;
import org.tongban.result.Reason;
import org.tongban.testing.Outside;

/**
 * The OFD package reader: what real producers write is read (the JDK's writer with data
 * descriptors, stored entries, ZIP64, zero local sizes), what could make two readers see two
 * documents or exhaust memory is refused with a reason.
 */
class OfdPackageTest {
  private static final Limits LIMITS = Limits.defaults();
  private static final String XML = "<ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\"/>";

  private static OfdPackage read(byte[] zip) {
    return OfdPackage.read(zip, LIMITS);
  }

  private static byte[] text(OfdPackage p, String name) {
    return p.read(name, 1 << 20).orElseThrow();
  }

  private static MalformedInputException refused(byte[] zip) {
    return assertThrows(MalformedInputException.class, () -> {
      OfdPackage p = read(zip);
      for (String n : p.names()) {
        p.read(n, Integer.MAX_VALUE - 8);
      }
    });
  }

  private static byte[] crafted(Consumer<ZipCrafter> c) {
    ZipCrafter z = new ZipCrafter();
    c.accept(z);
    return z.build();
  }

  @Test
  void theJdksWriter_withDataDescriptorsAndStoredEntries_isRead() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] page = "<Page/>".repeat(1000).getBytes(StandardCharsets.UTF_8);
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      z.putNextEntry(new ZipEntry("OFD.xml"));
      z.write(XML.getBytes(StandardCharsets.UTF_8));
      z.putNextEntry(new ZipEntry("Doc_0/"));
      ZipEntry stored = new ZipEntry("Doc_0/Pages/Page_0/Content.xml");
      stored.setMethod(ZipEntry.STORED);
      stored.setSize(page.length);
      java.util.zip.CRC32 crc = new java.util.zip.CRC32();
      crc.update(page);
      stored.setCrc(crc.getValue());
      z.putNextEntry(stored);
      z.write(page);
    }
    OfdPackage p = read(out.toByteArray());
    assertEquals(List.of("OFD.xml", "Doc_0/Pages/Page_0/Content.xml"), List.copyOf(p.names()));
    assertEquals(XML, new String(text(p, "OFD.xml"), StandardCharsets.UTF_8));
    assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(page),
        p.digest("Doc_0/Pages/Page_0/Content.xml", org.tongban.crypto.DigestAlgorithm.SHA256)
            .orElseThrow());
    assertTrue(p.read("absent.xml", 10).isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"descriptor", "descriptorWithoutSignature", "zip64", "zip64End",
      "zeroLocalSizes", "zip64Descriptor"})
  void producerQuirks_areRead(String quirk) {
    byte[] zip = crafted(z -> {
      ZipCrafter.Entry e = z.add("OFD.xml", XML);
      z.add("Doc_0/Document.xml", "<Document/>".repeat(50));
      switch (quirk) {
        case "descriptor" -> e.descriptor = true;
        case "descriptorWithoutSignature" -> {
          e.descriptor = true;
          e.descriptorSignature = false;
        }
        case "zip64" -> e.zip64 = true;
        case "zip64End" -> z.zip64End();
        case "zeroLocalSizes" -> e.zeroLocalSizes = true;
        case "zip64Descriptor" -> {
          e.zip64 = true;
          e.descriptor = true;
        }
        default -> throw new IllegalArgumentException(quirk);
      }
    });
    OfdPackage p = read(zip);
    assertEquals(XML, new String(text(p, "OFD.xml"), StandardCharsets.UTF_8));
    assertEquals("<Document/>".repeat(50), new String(text(p, "Doc_0/Document.xml"),
        StandardCharsets.UTF_8));
  }

  /** Where {@code unzip} is installed, it reads the quirky files too (the tolerance's bound). */
  @Test
  void unzipReadsTheQuirkyFiles(@TempDir Path dir) throws Exception {
    Path unzip = Outside.program("unzip", "unzip");
    byte[] zip = crafted(z -> {
      ZipCrafter.Entry e = z.add("OFD.xml", XML);
      e.zip64 = true;
      e.descriptor = true;
      z.zip64End();
    });
    Path f = dir.resolve("q.ofd");
    Files.write(f, zip);
    Process p = new ProcessBuilder(unzip.toString(), "-t", f.toString()).redirectErrorStream(true)
        .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
    assertEquals(XML, new String(text(read(zip), "OFD.xml"), StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @ValueSource(strings = {"../OFD.xml", "/OFD.xml", "Doc_0\\Document.xml", "C:OFD.xml",
      "Doc_0//Document.xml", "Doc_0/./Document.xml", "a\u0001b"})
  void namesThatLeaveTheRootOrMeanTwoFiles_areRefused(String name) {
    MalformedInputException e = refused(crafted(z -> z.add(name, XML)));
    assertEquals(Reason.FORMAT_FAILURE, e.reason());
    assertTrue(e.getMessage().contains("entry name"), e.getMessage());
  }

  @Test
  void duplicateAndCaseCollidingNames_areRefused() {
    assertTrue(refused(crafted(z -> {
      z.add("OFD.xml", XML);
      z.add("OFD.xml", "<other/>");
    })).getMessage().contains("duplicate or case collision"));
    assertTrue(refused(crafted(z -> {
      z.add("Doc_0/Document.xml", XML);
      z.add("Doc_0/document.xml", "<other/>");
    })).getMessage().contains("duplicate or case collision"));
  }

  @Test
  void twoReadersMustSeeOneDocument() {
    // A local header naming another file than the directory.
    assertTrue(refused(crafted(z -> z.add("OFD.xml", XML).localName = "OFD.xmk"))
        .getMessage().contains("local header names"));
    // An entry the central directory leaves out: a reader walking local headers would see it.
    assertTrue(refused(crafted(z -> {
      z.add("OFD.xml", XML);
      z.add("Doc_0/Pages/Page_1/Content.xml", "<hidden/>").inDirectory = false;
    })).getMessage().contains("belong to no entry"));
    // Bytes before the first entry.
    assertEquals(Reason.FORMAT_FAILURE, refused(crafted(z -> {
      z.prefix(new byte[16]);
      z.add("OFD.xml", XML);
    })).reason());
  }

  @Test
  void encryptedEntries_andLyingSizesOrCrc_areRefused() {
    assertTrue(refused(crafted(z -> z.add("OFD.xml", XML).extraFlags = 0x1)).getMessage()
        .contains("encrypted"));
    assertTrue(refused(crafted(z -> z.add("OFD.xml", XML).crcOverride = 12345)).getMessage()
        .contains("CRC"));
    assertTrue(refused(crafted(z -> z.add("OFD.xml", XML).sizeOverride = XML.length() + 10))
        .getMessage().contains("less than it declares"));
    assertTrue(refused(crafted(z -> z.add("OFD.xml", XML).sizeOverride = 10)).getMessage()
        .contains("more than it declares"));
  }

  @Test
  void bombsAndLimits_areSizeLimitExceeded() {
    byte[] zeros = new byte[8 * 1024 * 1024];
    assertEquals(Reason.SIZE_LIMIT_EXCEEDED, refused(crafted(z -> z.add("bomb.bin", zeros)))
        .reason());
    byte[] three = crafted(z -> {
      z.add("a.xml", XML);
      z.add("b.xml", XML);
      z.add("c.xml", XML);
    });
    assertEquals(Reason.SIZE_LIMIT_EXCEEDED, assertThrows(MalformedInputException.class,
        () -> OfdPackage.read(three, Limits.builder().maxOfdEntries(2).build())).reason());
    assertEquals(Reason.SIZE_LIMIT_EXCEEDED, assertThrows(MalformedInputException.class,
        () -> OfdPackage.read(three, Limits.builder().maxOfdBytes(three.length - 1).build()))
        .reason());
    OfdPackage budget = OfdPackage.read(three, Limits.builder()
        .maxOfdInflatedBytes(2L * XML.length()).build());
    budget.read("a.xml", 1000);
    budget.read("b.xml", 1000);
    assertEquals(Reason.SIZE_LIMIT_EXCEEDED, assertThrows(MalformedInputException.class,
        () -> budget.read("c.xml", 1000)).reason());
    assertEquals(Reason.SIZE_LIMIT_EXCEEDED, assertThrows(MalformedInputException.class,
        () -> read(three).read("a.xml", 10)).reason());
  }

  @Test
  void truncatedOrGarbage_isAFormatFailure() {
    byte[] zip = crafted(z -> z.add("OFD.xml", XML));
    for (int cut = 0; cut < zip.length; cut += 7) {
      byte[] part = java.util.Arrays.copyOf(zip, cut);
      assertEquals(Reason.FORMAT_FAILURE, refused(part).reason(), "cut at " + cut);
    }
    assertEquals(Reason.FORMAT_FAILURE, refused("not a zip".getBytes(StandardCharsets.UTF_8))
        .reason());
  }
}
