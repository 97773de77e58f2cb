package org.tongban.seal.ofd;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Small OFD documents written part by part, and a way to change a package's parts. */
public final class OfdFixtures {
  private static final String NS = "xmlns:ofd=\"http://www.ofdspec.org/2016\"";

  private OfdFixtures() {}

  /**
   * An unsigned A4 document with one line of text per page.
   *
   * @param pages how many pages
   * @return the package
   */
  public static byte[] unsigned(int pages) {
    Map<String, byte[]> parts = new LinkedHashMap<>();
    put(parts, "OFD.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ofd:OFD " + NS
        + " Version=\"1.0\" DocType=\"OFD\"><ofd:DocBody><ofd:DocInfo><ofd:DocID>"
        + "0f1e2d3c4b5a69788796a5b4c3d2e1f0</ofd:DocID><ofd:Title>通知</ofd:Title>"
        + "</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody>"
        + "</ofd:OFD>\n");
    StringBuilder list = new StringBuilder();
    for (int i = 0; i < pages; i++) {
      list.append("<ofd:Page ID=\"").append(10 + i).append("\" BaseLoc=\"Pages/Page_").append(i)
          .append("/Content.xml\"/>");
    }
    put(parts, "Doc_0/Document.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<ofd:Document " + NS + "><ofd:CommonData><ofd:MaxUnitID>" + (100 + pages)
        + "</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox>"
        + "</ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>"
        + "<ofd:Pages>" + list + "</ofd:Pages></ofd:Document>\n");
    put(parts, "Doc_0/PublicRes.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<ofd:Res " + NS + " BaseLoc=\"Res\"><ofd:Fonts><ofd:Font ID=\"2\" FontName=\"宋体\" "
        + "FamilyName=\"宋体\"/></ofd:Fonts></ofd:Res>\n");
    for (int i = 0; i < pages; i++) {
      put(parts, "Doc_0/Pages/Page_" + i + "/Content.xml", page("关于开展年度检查的通知 第 "
          + (i + 1) + " 页", 50 + i));
    }
    return zip(parts);
  }

  /**
   * A page with one line of text.
   *
   * @param text the text
   * @param id the text object's ID
   * @return the page XML
   */
  public static String page(String text, int id) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ofd:Page " + NS + "><ofd:Content>"
        + "<ofd:Layer ID=\"" + (id + 100) + "\"><ofd:TextObject ID=\"" + id
        + "\" Boundary=\"20 30 170 10\" Font=\"2\" Size=\"5\"><ofd:TextCode X=\"0\" Y=\"5\">"
        + text + "</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>\n";
  }

  private static void put(Map<String, byte[]> parts, String name, String xml) {
    parts.put(name, xml.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Writes parts as a package.
   *
   * @param parts entry names to bytes, in order
   * @return the package
   */
  public static byte[] zip(Map<String, byte[]> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (Map.Entry<String, byte[]> e : parts.entrySet()) {
        z.putNextEntry(new ZipEntry(e.getKey()));
        z.write(e.getValue());
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out.toByteArray();
  }

  /**
   * Reads a package's parts.
   *
   * @param ofd the package
   * @return entry names to bytes, in order
   */
  public static Map<String, byte[]> parts(byte[] ofd) {
    Map<String, byte[]> parts = new LinkedHashMap<>();
    try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(ofd))) {
      for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
        parts.put(e.getName(), z.readAllBytes());
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return parts;
  }

  /**
   * Rewrites a package with some parts changed, added or removed.
   *
   * @param ofd the package
   * @param change changes the map of parts
   * @return the new package
   */
  public static byte[] change(byte[] ofd, Consumer<Map<String, byte[]>> change) {
    Map<String, byte[]> parts = parts(ofd);
    change.accept(parts);
    return zip(parts);
  }
}
