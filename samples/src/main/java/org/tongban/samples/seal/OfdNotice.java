package org.tongban.samples.seal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a small unsigned OFD document (GB/T 33190): A4 pages with lines of text in 宋体, the
 * kind of notice a department seals. For the samples and the demo; not an OFD authoring API.
 */
public final class OfdNotice {
  private static final String NS = "xmlns:ofd=\"http://www.ofdspec.org/2016\"";

  private OfdNotice() {}

  /**
   * Writes the document.
   *
   * @param title the document title
   * @param pages each page's lines of text
   * @return the OFD package
   */
  public static byte[] create(String title, List<List<String>> pages) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      put(z, "OFD.xml", "<ofd:OFD " + NS + " Version=\"1.0\" DocType=\"OFD\"><ofd:DocBody>"
          + "<ofd:DocInfo><ofd:DocID>6f66642d6e6f746963652d3030303031</ofd:DocID><ofd:Title>"
          + escape(title) + "</ofd:Title><ofd:Creator>Tongban samples</ofd:Creator>"
          + "</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody>"
          + "</ofd:OFD>");
      StringBuilder list = new StringBuilder();
      for (int i = 0; i < pages.size(); i++) {
        list.append("<ofd:Page ID=\"").append(3 + i).append("\" BaseLoc=\"Pages/Page_")
            .append(i).append("/Content.xml\"/>");
      }
      put(z, "Doc_0/Document.xml", "<ofd:Document " + NS + "><ofd:CommonData><ofd:MaxUnitID>"
          + (1000 + pages.size()) + "</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297"
          + "</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>"
          + "</ofd:CommonData><ofd:Pages>" + list + "</ofd:Pages></ofd:Document>");
      put(z, "Doc_0/PublicRes.xml", "<ofd:Res " + NS + " BaseLoc=\"Res\"><ofd:Fonts>"
          + "<ofd:Font ID=\"2\" FontName=\"宋体\" FamilyName=\"宋体\"/></ofd:Fonts></ofd:Res>");
      int id = 100;
      for (int i = 0; i < pages.size(); i++) {
        StringBuilder text = new StringBuilder();
        double y = 30;
        for (String line : pages.get(i)) {
          text.append("<ofd:TextObject ID=\"").append(id++).append("\" Boundary=\"25 ")
              .append(y).append(" 160 8\" Font=\"2\" Size=\"4.5\"><ofd:TextCode X=\"0\" "
              + "Y=\"5\">").append(escape(line)).append("</ofd:TextCode></ofd:TextObject>");
          y += 10;
        }
        put(z, "Doc_0/Pages/Page_" + i + "/Content.xml", "<ofd:Page " + NS + "><ofd:Content>"
            + "<ofd:Layer ID=\"" + (id++) + "\">" + text + "</ofd:Layer></ofd:Content>"
            + "</ofd:Page>");
      }
    } catch (IOException e) {
      throw new IllegalStateException("in-memory stream", e);
    }
    return out.toByteArray();
  }

  private static void put(ZipOutputStream z, String name, String xml) throws IOException {
    ZipEntry e = new ZipEntry(name);
    e.setTime(0); // the same document every time
    z.putNextEntry(e);
    z.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + xml + "\n")
        .getBytes(StandardCharsets.UTF_8));
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /**
   * Writes the two-page example notice to a file:
   * {@code java -cp samples/target/tongban.jar org.tongban.samples.seal.OfdNotice notice.ofd}.
   *
   * @param args the output file
   * @throws IOException if it cannot be written
   */
  public static void main(String[] args) throws IOException {
    java.nio.file.Files.write(java.nio.file.Path.of(args[0]), example());
  }

  /**
   * Returns the two-page example notice (the one in {@code samples/examples/notice.ofd}).
   *
   * @return the OFD package
   */
  public static byte[] example() {
    return create("关于开展年度检查的通知", List.of(
        List.of("关于开展年度检查的通知", "各有关单位：", "根据工作安排，现就开展年度检查有关事项通知如下。",
            "一、检查时间：2027年3月1日至3月31日。", "二、检查内容：经营情况、年度报告、信息公示。"),
        List.of("三、工作要求：请各单位按时提交材料。", "特此通知。", "某某市市场监督管理局",
            "2026年12月1日")));
  }
}
