package org.tongban.samples.seal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Reads and replaces one part of an OFD package, as someone changing a sealed file would. */
final class OfdParts {
  private OfdParts() {}

  static byte[] read(byte[] ofd, String name) {
    try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(ofd))) {
      for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
        if (e.getName().equals(name)) {
          return z.readAllBytes();
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    throw new IllegalArgumentException("no part " + name);
  }

  static byte[] replace(byte[] ofd, String name, byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(ofd));
        ZipOutputStream z = new ZipOutputStream(out)) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        z.putNextEntry(new ZipEntry(e.getName()));
        z.write(e.getName().equals(name) ? bytes : in.readAllBytes());
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }
}
