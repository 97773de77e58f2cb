package org.tongban.seal.pdf.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.tongban.result.Reason;

/**
 * Finds objects of a signed revision that a later update deletes (marks free in its
 * cross-reference section). PDFBox keeps the older entry of a freed object, so the object
 * would still look present to the verifier while a reader that honours the free entry shows
 * the page without it — hidden content. Reads classic {@code xref} tables found anywhere
 * after the signed revision, and the cross-reference streams PDFBox indexed there; a last
 * section that is neither is reported as unreadable rather than guessed at.
 */
public final class XrefFrees {
  /** Decoded cross-reference stream data read at most (the file limit bounds it anyway). */
  private static final int MAX_XREF_STREAM = 64 * 1024 * 1024;

  private XrefFrees() {}

  static Optional<PdfRevisions.Change> firstFreed(byte[] pdf, int signedEnd,
      Map<COSObjectKey, Long> oldXref, PDDocument after) throws IOException {
    // Object number → (section position, free?) of the latest section that mentions it.
    Map<Long, long[]> last = new TreeMap<>();
    boolean lastSectionRead = false;
    long finalSection = finalStartxref(pdf);
    for (int i = indexOf(pdf, "xref", signedEnd); i >= 0; i = indexOf(pdf, "xref", i + 4)) {
      boolean lineStart = i > 0 && (pdf[i - 1] == '\n' || pdf[i - 1] == '\r');
      if (lineStart && table(pdf, i + 4, i, last)) {
        lastSectionRead |= i == finalSection;
      }
    }
    for (Map.Entry<COSObjectKey, Long> e : after.getDocument().getXrefTable().entrySet()) {
      if (e.getValue() < signedEnd) {
        continue;
      }
      COSBase o = after.getDocument().getObjectFromPool(e.getKey()).getObject();
      if (o instanceof COSStream s && COSName.XREF.equals(s.getCOSName(COSName.TYPE))) {
        stream(s, e.getValue(), last);
        lastSectionRead |= e.getValue() == finalSection;
      }
    }
    if (finalSection >= signedEnd && !lastSectionRead) {
      return Optional.of(PdfRevisions.Change.veto(Reason.MODIFICATIONS_UNVERIFIED,
          "the last cross-reference section could not be read"));
    }
    for (Map.Entry<Long, long[]> e : last.entrySet()) {
      if (e.getValue()[1] == 1 && e.getKey() != 0
          && oldXref.containsKey(new COSObjectKey(e.getKey(), 0))) {
        return Optional.of(PdfRevisions.Change.of(org.tongban.seal.ModificationLevel.OTHER,
            "object " + e.getKey() + " of the sealed revision was deleted"));
      }
    }
    return Optional.empty();
  }

  private static void mark(Map<Long, long[]> last, long number, long position, boolean free) {
    long[] seen = last.get(number);
    if (seen == null || seen[0] <= position) {
      last.put(number, new long[] {position, free ? 1 : 0});
    }
  }

  /** Parses a classic table's subsections; false if it is not one. */
  private static boolean table(byte[] pdf, int from, long position, Map<Long, long[]> last) {
    int[] pos = {from};
    boolean any = false;
    while (true) {
      String first = token(pdf, pos);
      if (first == null || first.equals("trailer")) {
        return any;
      }
      String second = token(pdf, pos);
      long start;
      long count;
      try {
        start = Long.parseLong(first);
        count = Long.parseLong(second == null ? "" : second);
      } catch (NumberFormatException e) {
        return any;
      }
      if (start < 0 || count < 0 || count > (pdf.length - pos[0]) / 18 + 1) {
        return any;
      }
      for (long k = 0; k < count; k++) {
        token(pdf, pos);
        token(pdf, pos);
        String type = token(pdf, pos);
        if (!"n".equals(type) && !"f".equals(type)) {
          return any;
        }
        mark(last, start + k, position, type.equals("f"));
      }
      any = true;
    }
  }

  private static void stream(COSStream s, long position, Map<Long, long[]> last)
      throws IOException {
    COSArray w = s.getCOSArray(COSName.W);
    if (w == null || w.size() != 3) {
      throw new IOException("cross-reference stream without /W");
    }
    int[] width = new int[3];
    for (int i = 0; i < 3; i++) {
      width[i] = w.getInt(i);
      if (width[i] < 0 || width[i] > 8) {
        throw new IOException("cross-reference stream /W out of range");
      }
    }
    COSArray index = s.getCOSArray(COSName.INDEX);
    long[] ranges = index == null ? new long[] {0, s.getInt(COSName.SIZE)} : new long[index.size()];
    for (int i = 0; index != null && i < index.size(); i++) {
      ranges[i] = index.getInt(i);
    }
    byte[] data;
    try (InputStream in = s.createInputStream()) {
      data = in.readNBytes(MAX_XREF_STREAM);
    }
    int row = width[0] + width[1] + width[2];
    int at = 0;
    for (int r = 0; r + 1 < ranges.length; r += 2) {
      for (long k = 0; k < ranges[r + 1] && at + row <= data.length && row > 0; k++) {
        long type = width[0] == 0 ? 1 : field(data, at, width[0]);
        mark(last, ranges[r] + k, position, type == 0);
        at += row;
      }
    }
  }

  private static long field(byte[] d, int at, int width) {
    long v = 0;
    for (int i = 0; i < width; i++) {
      v = (v << 8) | (d[at + i] & 0xff);
    }
    return v;
  }

  private static String token(byte[] pdf, int[] pos) {
    int i = pos[0];
    while (i < pdf.length && (pdf[i] == ' ' || pdf[i] == '\n' || pdf[i] == '\r'
        || pdf[i] == '\t' || pdf[i] == '\f' || pdf[i] == 0)) {
      i++;
    }
    int start = i;
    while (i < pdf.length && i - start < 32 && pdf[i] > ' ' && pdf[i] != '<' && pdf[i] != '/') {
      i++;
    }
    pos[0] = i;
    return i == start ? null : new String(pdf, start, i - start, StandardCharsets.US_ASCII);
  }

  /** The offset the last {@code startxref} names, or −1. */
  private static long finalStartxref(byte[] pdf) {
    byte[] key = "startxref".getBytes(StandardCharsets.US_ASCII);
    for (int i = pdf.length - key.length; i >= Math.max(0, pdf.length - 4096); i--) {
      if (matches(pdf, i, key)) {
        int[] pos = {i + key.length};
        try {
          return Long.parseLong(String.valueOf(token(pdf, pos)));
        } catch (NumberFormatException e) {
          return -1;
        }
      }
    }
    return -1;
  }

  /**
   * Finds ASCII text in the bytes.
   *
   * @param pdf the bytes
   * @param what the text
   * @param from where to start
   * @return the first position at or after {@code from}, or -1
   */
  public static int indexOf(byte[] pdf, String what, int from) {
    byte[] key = what.getBytes(StandardCharsets.US_ASCII);
    for (int i = Math.max(0, from); i + key.length <= pdf.length; i++) {
      if (matches(pdf, i, key)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean matches(byte[] pdf, int at, byte[] key) {
    for (int j = 0; j < key.length; j++) {
      if (pdf[at + j] != key[j]) {
        return false;
      }
    }
    return true;
  }
}
