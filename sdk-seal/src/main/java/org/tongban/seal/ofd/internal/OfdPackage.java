package org.tongban.seal.ofd.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.tongban.MalformedInputException;
import org.tongban.crypto.DigestAlgorithm;
import org.tongban.internal.crypto.Digests;
import org.tongban.io.Limits;
import org.tongban.result.Reason;

/**
 * An OFD package (a ZIP file) read defensively from memory.
 *
 * <p>The central directory is the listing, as {@code unzip} reads it; each entry's local header
 * must name the same file, and the entries with their data (and data descriptors) must tile the
 * file from its first byte to the central directory, so that no reader that walks local headers
 * sees a file this one does not. ZIP64 sizes and offsets, data descriptors, and local headers
 * whose size fields are zero or wrong (the central directory's are used) are read.
 *
 * <p>Refused with {@link MalformedInputException}: no end of central directory, a split
 * archive, more than {@link Limits#maxOfdEntries()} entries, an encrypted entry, a method other
 * than stored or deflated, a name that is absolute, has a backslash, a drive letter, an empty,
 * {@code .} or {@code ..} segment or a control character, two names equal or equal but for case,
 * overlapping or untiled entries, a part that inflates to another size or CRC than declared,
 * and ({@link Reason#SIZE_LIMIT_EXCEEDED}) a package, a part or a compression ratio over the
 * limits.
 *
 * <p>Parts are inflated when asked for, into a digest or a bounded array, never all at once;
 * the total inflated over the package's life is bounded. Not thread-safe (the inflation budget
 * is per verification).
 */
public final class OfdPackage {
  private static final int EOCD = 0x06054b50;
  private static final int ZIP64_LOCATOR = 0x07064b50;
  private static final int ZIP64_EOCD = 0x06064b50;
  private static final int CENTRAL = 0x02014b50;
  private static final int LOCAL = 0x04034b50;
  private static final int DESCRIPTOR = 0x08074b50;
  private static final long RATIO_FREE_BYTES = 1024 * 1024;
  private static final Charset GB18030 = Charset.forName("GB18030");

  /** One file in the package, as the central directory describes it. */
  private record Entry(String name, int method, long crc, long compressedSize, long size,
      long localOffset, long dataOffset) {}

  private final byte[] zip;
  private final Map<String, Entry> entries;
  private final Limits limits;
  private long inflated;

  private OfdPackage(byte[] zip, Map<String, Entry> entries, Limits limits) {
    this.zip = zip;
    this.entries = entries;
    this.limits = limits;
  }

  /**
   * Reads the listing of a package and checks its structure; no part is inflated yet.
   *
   * @param zip the package bytes (not copied; the caller must not change them)
   * @param limits the limits
   * @return the package
   * @throws MalformedInputException FORMAT_FAILURE or SIZE_LIMIT_EXCEEDED
   */
  public static OfdPackage read(byte[] zip, Limits limits) {
    if (zip.length > limits.maxOfdBytes()) {
      throw new MalformedInputException(Reason.SIZE_LIMIT_EXCEEDED, "package larger than "
          + limits.maxOfdBytes() + " bytes", null);
    }
    int eocd = findEocd(zip);
    long count = u16(zip, eocd + 10);
    long cdSize = u32(zip, eocd + 12);
    long cdOffset = u32(zip, eocd + 16);
    if (u16(zip, eocd + 4) != 0 || u16(zip, eocd + 6) != 0 || u16(zip, eocd + 8) != count) {
      throw new MalformedInputException("a split (multi-disk) archive");
    }
    long cdEnd = eocd;
    if (eocd >= 20 && u32(zip, eocd - 20) == ZIP64_LOCATOR) {
      long z = u64(zip, eocd - 20 + 8);
      if (z < 0 || z > eocd - 20 - 56 || u32(zip, (int) z) != ZIP64_EOCD) {
        throw new MalformedInputException("a ZIP64 locator pointing nowhere");
      }
      int at = (int) z;
      count = u64(zip, at + 32);
      cdSize = u64(zip, at + 40);
      cdOffset = u64(zip, at + 48);
      cdEnd = z;
    }
    if (count > limits.maxOfdEntries()) {
      throw new MalformedInputException(Reason.SIZE_LIMIT_EXCEEDED, "more than "
          + limits.maxOfdEntries() + " entries", null);
    }
    if (cdOffset < 0 || cdSize < 0 || cdOffset + cdSize != cdEnd) {
      throw new MalformedInputException("the central directory is not where the end record "
          + "says");
    }
    Map<String, Entry> byName = new LinkedHashMap<>();
    Map<String, String> folded = new HashMap<>();
    List<Entry> all = new ArrayList<>();
    int p = (int) cdOffset;
    for (long i = 0; i < count; i++) {
      need(zip, p, 46, cdEnd);
      if (u32(zip, p) != CENTRAL) {
        throw new MalformedInputException("central directory entry " + i + " is damaged");
      }
      int flags = u16(zip, p + 8);
      int method = u16(zip, p + 10);
      long crc = u32(zip, p + 16);
      long csize = u32(zip, p + 20);
      long size = u32(zip, p + 24);
      int nameLen = u16(zip, p + 28);
      int extraLen = u16(zip, p + 30);
      int commentLen = u16(zip, p + 32);
      long local = u32(zip, p + 42);
      need(zip, p + 46, nameLen + extraLen + commentLen, cdEnd);
      String name = name(zip, p + 46, nameLen, (flags & 0x800) != 0);
      // ZIP64: the fields that are all ones in the header follow in the extra field, in order.
      int x = p + 46 + nameLen;
      for (int e = x; e + 4 <= x + extraLen; ) {
        int id = u16(zip, e);
        int len = u16(zip, e + 2);
        if (e + 4 + len > x + extraLen) {
          throw new MalformedInputException("a malformed extra field in " + name);
        }
        if (id == 0x0001) {
          int q = e + 4;
          if (size == 0xFFFFFFFFL) {
            size = u64bounded(zip, q, e + 4 + len);
            q += 8;
          }
          if (csize == 0xFFFFFFFFL) {
            csize = u64bounded(zip, q, e + 4 + len);
            q += 8;
          }
          if (local == 0xFFFFFFFFL) {
            local = u64bounded(zip, q, e + 4 + len);
          }
        }
        e += 4 + len;
      }
      p += 46 + nameLen + extraLen + commentLen;
      if ((flags & 0x1) != 0 || (flags & 0x40) != 0) {
        throw new MalformedInputException("the entry " + name + " is encrypted");
      }
      if (name.endsWith("/")) {
        checkName(name.substring(0, name.length() - 1));
        all.add(new Entry(name, -1, 0, csize, 0, local, -1));
        continue; // a directory
      }
      if (method != 0 && method != 8) {
        throw new MalformedInputException("the entry " + name + " uses compression method "
            + method);
      }
      checkName(name);
      String key = name.toLowerCase(Locale.ROOT);
      if (folded.putIfAbsent(key, name) != null) {
        throw new MalformedInputException("the names " + folded.get(key) + " and " + name
            + " name one file (duplicate or case collision)");
      }
      if (method == 8 && size > RATIO_FREE_BYTES
          && size / Math.max(1, csize) > Limits.MAX_COMPRESSION_RATIO) {
        throw new MalformedInputException(Reason.SIZE_LIMIT_EXCEEDED, "the entry " + name
            + " inflates " + size / Math.max(1, csize) + " times", null);
      }
      if (method == 0 && size != csize) {
        throw new MalformedInputException("the stored entry " + name + " declares two sizes");
      }
      long data = localData(zip, local, name, cdOffset);
      if (data + csize > cdOffset) {
        throw new MalformedInputException("the data of " + name + " runs into the central "
            + "directory");
      }
      Entry entry = new Entry(name, method, crc, csize, size, local, data);
      byName.put(name, entry);
      all.add(entry);
    }
    if (p != cdEnd) {
      throw new MalformedInputException("bytes after the central directory's entries");
    }
    checkTiling(zip, all, cdOffset);
    return new OfdPackage(zip, Collections.unmodifiableMap(byName), limits);
  }

  /**
   * Returns the names of the files (not directories), as stored, in directory order.
   *
   * @return the names, without a leading {@code /}
   */
  public Set<String> names() {
    return entries.keySet();
  }

  /**
   * Returns whether a file is in the package.
   *
   * @param name the name, without a leading {@code /}
   * @return true if present
   */
  public boolean contains(String name) {
    return entries.containsKey(name);
  }

  /**
   * Inflates a part into an array.
   *
   * @param name the name
   * @param maxBytes the largest size accepted
   * @return the bytes, or empty if there is no such part
   * @throws MalformedInputException FORMAT_FAILURE or SIZE_LIMIT_EXCEEDED
   */
  public Optional<byte[]> read(String name, int maxBytes) {
    Entry e = entries.get(name);
    if (e == null) {
      return Optional.empty();
    }
    if (e.size() > maxBytes) {
      throw new MalformedInputException(Reason.SIZE_LIMIT_EXCEEDED, name + " is larger than "
          + maxBytes + " bytes", null);
    }
    byte[] out = new byte[(int) e.size()];
    int[] at = {0};
    inflate(e, (b, off, len) -> {
      System.arraycopy(b, off, out, at[0], len);
      at[0] += len;
    });
    return Optional.of(out);
  }

  /**
   * Digests a part as stored (its inflated bytes) without holding it.
   *
   * @param name the name
   * @param algorithm the digest algorithm
   * @return the digest value, or empty if there is no such part
   * @throws MalformedInputException FORMAT_FAILURE or SIZE_LIMIT_EXCEEDED
   */
  public Optional<byte[]> digest(String name, DigestAlgorithm algorithm) {
    Entry e = entries.get(name);
    if (e == null) {
      return Optional.empty();
    }
    MessageDigest digest = Digests.messageDigest(algorithm);
    inflate(e, digest::update);
    return Optional.of(digest.digest());
  }

  /**
   * Returns the package's bytes of an entry exactly as stored (compressed), with its local
   * header, so that a writer can copy it unchanged.
   *
   * @param name the name
   * @return the local header offset and the end of its data, or empty
   */
  public Optional<long[]> storedRange(String name) {
    Entry e = entries.get(name);
    return e == null ? Optional.empty()
        : Optional.of(new long[] {e.localOffset(), e.dataOffset() + e.compressedSize()});
  }

  private interface Sink {
    void accept(byte[] b, int off, int len);
  }

  private void inflate(Entry e, Sink sink) {
    if (inflated + e.size() > limits.maxOfdInflatedBytes()) {
      throw new MalformedInputException(Reason.SIZE_LIMIT_EXCEEDED, "more than "
          + limits.maxOfdInflatedBytes() + " bytes inflated from one package", null);
    }
    inflated += e.size();
    CRC32 crc = new CRC32();
    int start = (int) e.dataOffset();
    if (e.method() == 0) {
      crc.update(zip, start, (int) e.size());
      sink.accept(zip, start, (int) e.size());
    } else {
      Inflater inf = new Inflater(true);
      try {
        inf.setInput(zip, start, (int) e.compressedSize());
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        while (!inf.finished()) {
          int n = inf.inflate(buf);
          if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
            throw new MalformedInputException("the data of " + e.name() + " ends early");
          }
          total += n;
          if (total > e.size()) {
            throw new MalformedInputException("the entry " + e.name()
                + " inflates to more than it declares");
          }
          crc.update(buf, 0, n);
          sink.accept(buf, 0, n);
        }
        if (total != e.size()) {
          throw new MalformedInputException("the entry " + e.name()
              + " inflates to less than it declares");
        }
      } catch (DataFormatException ex) {
        throw new MalformedInputException("the data of " + e.name() + " is not deflate", ex);
      } finally {
        inf.end();
      }
    }
    if (crc.getValue() != e.crc()) {
      throw new MalformedInputException("the entry " + e.name() + " fails its CRC-32");
    }
  }

  /** The offset of the end-of-central-directory record, searched from the end. */
  private static int findEocd(byte[] zip) {
    for (int i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65535); i--) {
      if (u32(zip, i) == EOCD && i + 22 + u16(zip, i + 20) == zip.length) {
        return i;
      }
    }
    throw new MalformedInputException("not a ZIP package (no end of central directory)");
  }

  /** Checks a local header and returns where its data starts. */
  private static long localData(byte[] zip, long local, String name, long cdOffset) {
    if (local < 0 || local + 30 > cdOffset || u32(zip, (int) local) != LOCAL) {
      throw new MalformedInputException("no local header for " + name);
    }
    int at = (int) local;
    int nameLen = u16(zip, at + 26);
    int extraLen = u16(zip, at + 28);
    if (at + 30L + nameLen + extraLen > cdOffset) {
      throw new MalformedInputException("the local header of " + name + " is cut");
    }
    int flags = u16(zip, at + 6);
    String localName = name(zip, at + 30, nameLen, (flags & 0x800) != 0);
    if (!localName.equals(name)) {
      throw new MalformedInputException("the local header names " + localName
          + " where the directory names " + name);
    }
    return at + 30L + nameLen + extraLen;
  }

  /**
   * The entries, by offset, must follow one another from byte 0 to the central directory, each
   * followed only by its data descriptor when it has one.
   */
  private static void checkTiling(byte[] zip, List<Entry> all, long cdOffset) {
    List<Entry> sorted = new ArrayList<>(all);
    sorted.sort((a, b) -> Long.compare(a.localOffset(), b.localOffset()));
    long expected = 0;
    for (Entry e : sorted) {
      if (e.localOffset() != expected) {
        throw new MalformedInputException(e.localOffset() < expected ? "entries overlap at "
            + e.name() : "bytes that belong to no entry before " + e.name());
      }
      long data = e.dataOffset() < 0 ? localData(zip, e.localOffset(), e.name(), cdOffset)
          : e.dataOffset();
      long end = data + e.compressedSize();
      expected = end + descriptorLength(zip, e, end, cdOffset);
    }
    if (expected != cdOffset) {
      throw new MalformedInputException("bytes that belong to no entry before the central "
          + "directory");
    }
  }

  /** The length of a data descriptor at {@code at} when the entry's flags announce one. */
  private static long descriptorLength(byte[] zip, Entry e, long at, long cdOffset) {
    int flags = u16(zip, (int) e.localOffset() + 6);
    if ((flags & 0x8) == 0) {
      return 0;
    }
    // crc, sizes of 4 or 8 bytes, with or without the optional signature: take the form whose
    // values match the central directory.
    for (int sig = 0; sig <= 4; sig += 4) {
      if (sig == 4 && (at + 4 > cdOffset || u32(zip, (int) at) != DESCRIPTOR)) {
        continue;
      }
      int p = (int) at + sig;
      if (p + 12 <= cdOffset && u32(zip, p) == e.crc() && u32(zip, p + 4) == e.compressedSize()
          && u32(zip, p + 8) == e.size()) {
        return sig + 12;
      }
      if (p + 20 <= cdOffset && u32(zip, p) == e.crc() && u64(zip, p + 4) == e.compressedSize()
          && u64(zip, p + 12) == e.size()) {
        return sig + 20;
      }
    }
    throw new MalformedInputException("the data descriptor of " + e.name()
        + " does not match the directory");
  }

  /** Refuses names that could leave the package's root or mean two files. */
  private static void checkName(String name) {
    if (name.isEmpty() || name.startsWith("/") || name.indexOf('\\') >= 0
        || (name.length() > 1 && name.charAt(1) == ':')) {
      throw new MalformedInputException("the entry name " + name + " is not a relative path");
    }
    for (String segment : name.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        throw new MalformedInputException("the entry name " + name + " has an empty, . or .. "
            + "segment");
      }
    }
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) < 0x20 || name.charAt(i) == 0x7f) {
        throw new MalformedInputException("the entry name has a control character");
      }
    }
  }

  /** UTF-8 when flagged or valid; otherwise GB18030, which Chinese producers write unflagged. */
  private static String name(byte[] zip, int at, int len, boolean utf8) {
    ByteBuffer bytes = ByteBuffer.wrap(zip, at, len);
    try {
      CharBuffer c = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes);
      return c.toString();
    } catch (CharacterCodingException e) {
      if (utf8) {
        throw new MalformedInputException("an entry name flagged UTF-8 is not UTF-8");
      }
      return new String(zip, at, len, GB18030);
    }
  }

  private static void need(byte[] zip, long at, long len, long end) {
    if (at < 0 || at + len > end || at + len > zip.length) {
      throw new MalformedInputException("the central directory is cut");
    }
  }

  private static int u16(byte[] b, int at) {
    if (at < 0 || at + 2 > b.length) {
      throw new MalformedInputException("a ZIP structure is cut");
    }
    return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
  }

  private static long u32(byte[] b, int at) {
    return u16(b, at) | (long) u16(b, at + 2) << 16;
  }

  private static long u64(byte[] b, int at) {
    return u32(b, at) | u32(b, at + 4) << 32;
  }

  private static long u64bounded(byte[] b, int at, int end) {
    if (at + 8 > end) {
      throw new MalformedInputException("a ZIP64 extra field is cut");
    }
    long v = u64(b, at);
    if (v < 0) {
      throw new MalformedInputException("a ZIP64 size beyond any file");
    }
    return v;
  }
}
