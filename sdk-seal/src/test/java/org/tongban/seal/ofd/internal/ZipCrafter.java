package org.tongban.seal.ofd.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes ZIP files byte by byte for tests, with the quirks and the lies real and hostile
 * producers write: data descriptors with or without signature, ZIP64 records, zero sizes in
 * local headers, encryption flags, names that differ between local and central headers, and
 * central directories that leave entries out.
 */
final class ZipCrafter {
  /** One entry and how to write it. */
  static final class Entry {
    String name;
    String localName;
    byte[] data;
    boolean deflate = true;
    boolean descriptor;
    boolean descriptorSignature = true;
    boolean zip64;
    boolean zeroLocalSizes;
    int extraFlags;
    long crcOverride = -1;
    long sizeOverride = -1;
    boolean inDirectory = true;

    Entry(String name, byte[] data) {
      this.name = name;
      this.localName = name;
      this.data = data;
    }
  }

  private final List<Entry> entries = new ArrayList<>();
  private byte[] prefix = new byte[0];
  private boolean zip64End;

  Entry add(String name, String text) {
    return add(name, text.getBytes(StandardCharsets.UTF_8));
  }

  Entry add(String name, byte[] data) {
    Entry e = new Entry(name, data);
    entries.add(e);
    return e;
  }

  ZipCrafter prefix(byte[] junk) {
    this.prefix = junk;
    return this;
  }

  ZipCrafter zip64End() {
    this.zip64End = true;
    return this;
  }

  private static byte[] deflate(byte[] data) {
    Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    d.setInput(data);
    d.finish();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    while (!d.finished()) {
      out.write(buf, 0, d.deflate(buf));
    }
    d.end();
    return out.toByteArray();
  }

  byte[] build() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(prefix);
    ByteArrayOutputStream cd = new ByteArrayOutputStream();
    int count = 0;
    for (Entry e : entries) {
      CRC32 crc = new CRC32();
      crc.update(e.data);
      long crcValue = e.crcOverride >= 0 ? e.crcOverride : crc.getValue();
      byte[] stored = e.deflate ? deflate(e.data) : e.data;
      long size = e.sizeOverride >= 0 ? e.sizeOverride : e.data.length;
      int flags = (e.descriptor ? 0x8 : 0) | 0x800 | e.extraFlags;
      int method = e.deflate ? 8 : 0;
      long offset = out.size();
      byte[] localName = e.localName.getBytes(StandardCharsets.UTF_8);
      boolean zeros = e.zeroLocalSizes || e.descriptor;
      byte[] localExtra = e.zip64 ? zip64Extra(zeros ? 0 : size, zeros ? 0 : stored.length,
          -1) : new byte[0];
      u32(out, 0x04034b50);
      u16(out, e.zip64 ? 45 : 20);
      u16(out, flags);
      u16(out, method);
      u16(out, 0);
      u16(out, 0x21);
      u32(out, zeros ? 0 : crcValue);
      u32(out, e.zip64 ? 0xFFFFFFFFL : zeros ? 0 : stored.length);
      u32(out, e.zip64 ? 0xFFFFFFFFL : zeros ? 0 : size);
      u16(out, localName.length);
      u16(out, localExtra.length);
      out.writeBytes(localName);
      out.writeBytes(localExtra);
      out.writeBytes(stored);
      if (e.descriptor) {
        if (e.descriptorSignature) {
          u32(out, 0x08074b50);
        }
        u32(out, crcValue);
        if (e.zip64) {
          u64(out, stored.length);
          u64(out, size);
        } else {
          u32(out, stored.length);
          u32(out, size);
        }
      }
      if (!e.inDirectory) {
        continue;
      }
      count++;
      byte[] name = e.name.getBytes(StandardCharsets.UTF_8);
      byte[] extra = e.zip64 ? zip64Extra(size, stored.length, offset) : new byte[0];
      u32(cd, 0x02014b50);
      u16(cd, e.zip64 ? 45 : 20);
      u16(cd, e.zip64 ? 45 : 20);
      u16(cd, flags);
      u16(cd, method);
      u16(cd, 0);
      u16(cd, 0x21);
      u32(cd, crcValue);
      u32(cd, e.zip64 ? 0xFFFFFFFFL : stored.length);
      u32(cd, e.zip64 ? 0xFFFFFFFFL : size);
      u16(cd, name.length);
      u16(cd, extra.length);
      u16(cd, 0);
      u16(cd, 0);
      u16(cd, 0);
      u32(cd, 0);
      u32(cd, e.zip64 ? 0xFFFFFFFFL : offset);
      cd.writeBytes(name);
      cd.writeBytes(extra);
    }
    long cdOffset = out.size();
    out.writeBytes(cd.toByteArray());
    if (zip64End) {
      long z = out.size();
      u32(out, 0x06064b50);
      u64(out, 44);
      u16(out, 45);
      u16(out, 45);
      u32(out, 0);
      u32(out, 0);
      u64(out, count);
      u64(out, count);
      u64(out, cd.size());
      u64(out, cdOffset);
      u32(out, 0x07064b50);
      u32(out, 0);
      u64(out, z);
      u32(out, 1);
    }
    u32(out, 0x06054b50);
    u16(out, 0);
    u16(out, 0);
    u16(out, zip64End ? 0xFFFF : count);
    u16(out, zip64End ? 0xFFFF : count);
    u32(out, zip64End ? 0xFFFFFFFFL : cd.size());
    u32(out, zip64End ? 0xFFFFFFFFL : cdOffset);
    u16(out, 0);
    return out.toByteArray();
  }

  private static byte[] zip64Extra(long size, long csize, long offset) {
    ByteArrayOutputStream x = new ByteArrayOutputStream();
    u16(x, 0x0001);
    u16(x, offset >= 0 ? 24 : 16);
    u64(x, size);
    u64(x, csize);
    if (offset >= 0) {
      u64(x, offset);
    }
    return x.toByteArray();
  }

  private static void u16(ByteArrayOutputStream o, int v) {
    o.write(v & 0xff);
    o.write(v >>> 8 & 0xff);
  }

  private static void u32(ByteArrayOutputStream o, long v) {
    u16(o, (int) (v & 0xffff));
    u16(o, (int) (v >>> 16 & 0xffff));
  }

  private static void u64(ByteArrayOutputStream o, long v) {
    u32(o, v & 0xFFFFFFFFL);
    u32(o, v >>> 32);
  }
}
