package org.tongban.seal.ofd;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.tongban.MalformedInputException;
import org.tongban.crypto.DigestAlgorithm;
import org.tongban.crypto.SignatureAlgorithm;
import org.tongban.crypto.SigningKey;
import org.tongban.internal.crypto.Digests;
import org.tongban.io.Limits;
import org.tongban.seal.DataSealer;
import org.tongban.seal.PreparedSealSignature;
import org.tongban.seal.internal.ProducerTimes;
import org.tongban.seal.internal.SealAlgorithms;
import org.tongban.seal.ofd.internal.OfdPackage;
import org.tongban.seal.ofd.internal.OfdPaths;
import org.tongban.seal.ofd.internal.OfdStructure;
import org.tongban.seal.ofd.internal.OfdXml;
import org.tongban.seal.ses.SesSeal;
import org.tongban.seal.ses.SesSignature;
import org.w3c.dom.Element;

/**
 * Seals an OFD document (the first document of the package, as ofdrw does) with a GB/T 38540
 * (v4) or GM/T 0031 (v1) seal — the seal's own generation decides — and an SM2 or RSA signer.
 *
 * <p>What it writes, under {@code Doc_N/Signs/} (created with {@code Signatures.xml} and an
 * {@code OFD.xml} entry on the first seal): {@code Sign_K/Seal.esl} (the seal),
 * {@code Sign_K/Signature.xml} ({@code SignedInfo}: provider, {@code SignatureMethod},
 * {@code SignatureDateTime} in Asia/Shanghai, {@code References} with {@code CheckMethod} the
 * SM3 or SHA-256 OID and one {@code Reference} per part of the package as stored — every part
 * but the signature list, which later seals extend, and this signature's own
 * {@code Signature.xml} and {@code SignedValue.dat} — then a {@code StampAnnot} per drawn
 * picture and the {@code Seal} location), and {@code Sign_K/SignedValue.dat}: the DER
 * {@code SES_Signature} whose {@code dataHash} is the digest of {@code Signature.xml} exactly as
 * written. The seal is drawn by {@code StampAnnot} only (page content is not touched), at the
 * size the seal declares; a cross-page seal is one {@code StampAnnot} per page with the full
 * picture's boundary at the right edge and a {@code Clip} showing that page's slice.
 *
 * <p>Three steps so the key can stay in an HSM: {@link #prepare} → sign
 * {@link PreparedOfdSeal#toBeSigned()} → {@link #complete}. The input is never modified; the
 * output is new bytes.
 *
 * <p>Refuses (IllegalArgumentException): a package that is not an OFD, a page that does not
 * exist, a cross-page seal on one page, and a document whose earlier signatures protect the
 * signature list (adding a seal would break them). Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class OfdSealer {
  /** The provider name written in {@code SignedInfo}. */
  public static final String PROVIDER = "Tongban";
  private static final String NS = OfdXml.NAMESPACE;
  private static final Pattern MAX_ID = Pattern.compile("(<(?:\\w+:)?MaxSignId>)([^<]*)(<)");

  private final Clock clock;
  private final Limits limits;

  private OfdSealer(Builder b) {
    this.clock = b.clock;
    this.limits = b.limits;
  }

  /**
   * Starts a builder. Not thread-safe.
   *
   * @return a builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * All three steps with the signer's key.
   *
   * @param ofd the package
   * @param seal the seal, which must list the key's certificate
   * @param placement where to draw it
   * @param key the signer's key, with its certificate
   * @return the sealed package
   */
  public byte[] seal(byte[] ofd, SesSeal seal, OfdSealPlacement placement, SigningKey key) {
    if (key.certificateChain().isEmpty()) {
      throw new IllegalArgumentException("the signing key needs its certificate");
    }
    X509Certificate signer = key.certificateChain().get(0);
    PreparedOfdSeal p = prepare(ofd, seal, signer, placement);
    return complete(p, key.sign(p.toBeSigned()));
  }

  /**
   * Step 1: builds the new parts and the bytes to sign.
   *
   * @param ofd the package
   * @param seal the seal
   * @param signer the signer's certificate, one the seal lists
   * @param placement where to draw it
   * @return the prepared seal
   */
  public PreparedOfdSeal prepare(byte[] ofd, SesSeal seal, X509Certificate signer,
      OfdSealPlacement placement) {
    Objects.requireNonNull(ofd, "ofd");
    Objects.requireNonNull(seal, "seal");
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(placement, "placement");
    byte[] original = ofd.clone();
    OfdPackage p;
    OfdStructure.Doc doc;
    try {
      p = OfdPackage.read(original, limits);
      doc = OfdStructure.docs(p).get(0);
    } catch (MalformedInputException e) {
      throw new IllegalArgumentException("not an OFD package: " + e.getMessage(), e);
    }
    Instant now = clock.instant();
    Map<String, byte[]> parts = new LinkedHashMap<>();
    String signs = OfdPaths.folder(doc.root()) + "Signs/";
    String list = doc.signatures().orElse(signs + "Signatures.xml");
    if (doc.signatures().isEmpty()) {
      parts.put("OFD.xml", addSignaturesEntry(text(p, "OFD.xml"), "/" + list));
    } else {
      for (OfdStructure.Listed l : OfdStructure.signatures(p, doc)) {
        if (OfdStructure.describe(p, l).references().stream()
            .anyMatch(r -> r.part().equals(list))) {
          throw new IllegalArgumentException("the signature " + l.entry() + " protects the "
              + "signature list: another seal would break it");
        }
      }
    }
    String folder = signs + "Sign_" + freeIndex(p, signs) + "/";
    String signatureFile = folder + "Signature.xml";
    String sealFile = folder + "Seal.esl";
    String valueFile = folder + "SignedValue.dat";
    String existingList = doc.signatures().isPresent() ? text(p, list) : null;
    long next = nextId(existingList);
    String signatureId = Long.toString(next++);
    List<String> stamps = new ArrayList<>();
    List<Page> pages = pages(p, doc);
    double w = seal.picture().widthMm();
    double h = seal.picture().heightMm();
    if (placement.hasMainSeal()) {
      int number = placement.page().orElse(pages.size());
      if (number > pages.size()) {
        throw new IllegalArgumentException("the document has " + pages.size() + " pages, not "
            + number);
      }
      Page page = pages.get(number - 1);
      double[] at = placement.position().orElse(new double[] {
          page.width() - w - OfdSealPlacement.DEFAULT_MARGIN_MM,
          page.height() - h - OfdSealPlacement.DEFAULT_MARGIN_MM});
      stamps.add(stamp(next++, page.id(), at[0], at[1], w, h, Optional.empty()));
    }
    if (placement.crossPage()) {
      if (pages.size() < 2) {
        throw new IllegalArgumentException("a cross-page seal needs at least two pages");
      }
      double slice = w / pages.size();
      for (int i = 0; i < pages.size(); i++) {
        Page page = pages.get(i);
        double x = page.width() - slice * (i + 1);
        double y = page.height() / 2 - h / 2;
        stamps.add(stamp(next++, page.id(), x, y, w, h, Optional.of(
            new double[] {slice * i, 0, slice, h})));
      }
    }
    String listXml = existingList == null ? newList(signatureId, signatureFile, next - 1)
        : appendToList(existingList, signatureId, signatureFile, next - 1);
    parts.put(list, listXml.getBytes(StandardCharsets.UTF_8));
    parts.put(sealFile, seal.encoded());

    SignatureAlgorithm alg = SealAlgorithms.forCertificate(signer);
    DigestAlgorithm digest = SealAlgorithms.digestFor(alg);
    StringBuilder refs = new StringBuilder();
    List<String> names = new ArrayList<>(p.names());
    for (String n : parts.keySet()) {
      if (!names.contains(n)) {
        names.add(n);
      }
    }
    for (String n : names) {
      if (n.equals(list)) {
        continue; // later seals extend the list
      }
      byte[] value = parts.containsKey(n) ? Digests.digest(digest, parts.get(n))
          : p.digest(n, digest).orElseThrow();
      refs.append("<ofd:Reference FileRef=\"/").append(escape(n)).append("\"><ofd:CheckValue>")
          .append(Base64.getEncoder().encodeToString(value))
          .append("</ofd:CheckValue></ofd:Reference>\n");
    }
    String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<ofd:Signature xmlns:ofd=\"" + NS + "\">\n<ofd:SignedInfo>\n"
        + "<ofd:Provider ProviderName=\"" + PROVIDER + "\" Version=\"0.1\" Company=\""
        + PROVIDER + "\"/>\n"
        + "<ofd:SignatureMethod>" + alg.oid() + "</ofd:SignatureMethod>\n"
        + "<ofd:SignatureDateTime>" + ProducerTimes.format(now) + "</ofd:SignatureDateTime>\n"
        + "<ofd:References CheckMethod=\"" + digest.oid() + "\">\n" + refs
        + "</ofd:References>\n" + String.join("", stamps)
        + "<ofd:Seal><ofd:BaseLoc>/" + escape(sealFile) + "</ofd:BaseLoc></ofd:Seal>\n"
        + "</ofd:SignedInfo>\n<ofd:SignedValue>/" + escape(valueFile) + "</ofd:SignedValue>\n"
        + "</ofd:Signature>\n";
    byte[] signatureXml = xml.getBytes(StandardCharsets.UTF_8);
    parts.put(signatureFile, signatureXml);
    PreparedSealSignature prepared = DataSealer.builder()
        .clock(Clock.fixed(now, ZoneOffset.UTC)).build()
        .prepare(seal, signer, signatureXml, "/" + signatureFile);
    return new PreparedOfdSeal(original, parts, valueFile, prepared);
  }

  /**
   * Step 3: assembles the sealed package after checking the signature value verifies.
   *
   * @param prepared step 1's output
   * @param signatureValue the signature over {@link PreparedOfdSeal#toBeSigned()}
   * @return the sealed package
   */
  public byte[] complete(PreparedOfdSeal prepared, byte[] signatureValue) {
    SesSignature ses = DataSealer.builder().build().complete(prepared.signature(),
        signatureValue);
    Map<String, byte[]> parts = new LinkedHashMap<>(prepared.parts());
    parts.put(prepared.signedValueEntry(), ses.encoded());
    OfdPackage p = OfdPackage.read(prepared.original(), limits);
    ByteArrayOutputStream out = new ByteArrayOutputStream(prepared.original().length + 65536);
    try (ZipOutputStream z = new ZipOutputStream(out)) {
      for (String n : p.names()) {
        write(z, n, parts.containsKey(n) ? parts.remove(n)
            : p.read(n, Integer.MAX_VALUE - 8).orElseThrow());
      }
      for (Map.Entry<String, byte[]> e : parts.entrySet()) {
        write(z, e.getKey(), e.getValue());
      }
    } catch (IOException e) {
      throw new IllegalStateException("in-memory stream", e);
    }
    return out.toByteArray();
  }

  private static void write(ZipOutputStream z, String name, byte[] data) throws IOException {
    ZipEntry e = new ZipEntry(name);
    e.setTime(0);
    z.putNextEntry(e);
    z.write(data);
    z.closeEntry();
  }

  private static String text(OfdPackage p, String name) {
    return new String(p.read(name, Limits.MAX_XML_BYTES).orElseThrow(
        () -> new IllegalArgumentException("the part " + name + " is missing")),
        StandardCharsets.UTF_8);
  }

  /** Adds {@code <Signatures>} to the first {@code DocBody} of {@code OFD.xml}. */
  private static byte[] addSignaturesEntry(String ofdXml, String loc) {
    Matcher m = Pattern.compile("</(\\w+:)?DocBody>").matcher(ofdXml);
    if (!m.find()) {
      throw new IllegalArgumentException("OFD.xml has no DocBody to add the signatures to");
    }
    String prefix = m.group(1) == null ? "" : m.group(1);
    return (ofdXml.substring(0, m.start()) + "<" + prefix + "Signatures>" + escape(loc) + "</"
        + prefix + "Signatures>" + ofdXml.substring(m.start())).getBytes(StandardCharsets.UTF_8);
  }

  private static String newList(String id, String signatureFile, long maxId) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ofd:Signatures xmlns:ofd=\"" + NS
        + "\">\n<ofd:MaxSignId>" + maxId + "</ofd:MaxSignId>\n" + entry("ofd:", id,
            signatureFile) + "</ofd:Signatures>\n";
  }

  private static String entry(String prefix, String id, String signatureFile) {
    return "<" + prefix + "Signature ID=\"" + id + "\" Type=\"Seal\" BaseLoc=\"/"
        + escape(signatureFile) + "\"/>\n";
  }

  /** Adds an entry before the list's closing tag and raises {@code MaxSignId}, in place. */
  private static String appendToList(String xml, String id, String signatureFile, long maxId) {
    Element root = OfdXml.parse(xml, "Signatures.xml");
    String prefix = root.getPrefix() == null ? "" : root.getPrefix() + ":";
    int close = xml.lastIndexOf("</" + prefix + "Signatures>");
    if (close < 0) {
      throw new IllegalArgumentException("Signatures.xml has no closing tag to add to");
    }
    String out = xml.substring(0, close) + entry(prefix, id, signatureFile)
        + xml.substring(close);
    Matcher m = MAX_ID.matcher(out);
    if (m.find()) {
      return out.substring(0, m.start(2)) + maxId + out.substring(m.end(2));
    }
    // No MaxSignId yet: it is the list's first child, right after the root's start tag.
    int start = out.indexOf(">", out.indexOf("<" + prefix + "Signatures")) + 1;
    return out.substring(0, start) + "\n<" + prefix + "MaxSignId>" + maxId + "</" + prefix
        + "MaxSignId>" + out.substring(start);
  }

  /** The next free numeric ID: above {@code MaxSignId} and every ID the list uses. */
  private static long nextId(String list) {
    long max = 0;
    if (list != null) {
      Element root = OfdXml.parse(list, "Signatures.xml");
      List<String> ids = new ArrayList<>();
      OfdXml.text(root, "MaxSignId").ifPresent(ids::add);
      OfdXml.children(root, "Signature").forEach(s -> OfdXml.attribute(s, "ID")
          .ifPresent(ids::add));
      for (String id : ids) {
        String digits = id.replaceAll("\\D", "");
        if (!digits.isEmpty() && digits.length() < 18) {
          max = Math.max(max, Long.parseLong(digits));
        }
      }
    }
    return max + 1;
  }

  private static int freeIndex(OfdPackage p, String signs) {
    for (int i = 0; ; i++) {
      String prefix = signs + "Sign_" + i + "/";
      if (p.names().stream().noneMatch(n -> n.startsWith(prefix))) {
        return i;
      }
    }
  }

  private static String stamp(long id, String pageId, double x, double y, double w, double h,
      Optional<double[]> clip) {
    return "<ofd:StampAnnot ID=\"" + id + "\" PageRef=\"" + escape(pageId) + "\" Boundary=\""
        + box(x, y, w, h) + "\"" + clip.map(c -> " Clip=\"" + box(c[0], c[1], c[2], c[3])
            + "\"").orElse("") + "/>\n";
  }

  private static String box(double x, double y, double w, double h) {
    return num(x) + " " + num(y) + " " + num(w) + " " + num(h);
  }

  private static String num(double v) {
    String s = String.format(Locale.ROOT, "%.3f", v);
    return s.replaceAll("\\.?0+$", "");
  }

  /** A page: its object ID and its size in mm. */
  private record Page(String id, double width, double height) {}

  private static List<Page> pages(OfdPackage p, OfdStructure.Doc doc) {
    Element d = OfdXml.parse(p.read(doc.root(), Limits.MAX_XML_BYTES).orElseThrow(),
        doc.root());
    double[] common = OfdXml.child(d, "CommonData").flatMap(c -> OfdXml.child(c, "PageArea"))
        .flatMap(a -> OfdXml.text(a, "PhysicalBox")).map(OfdSealer::parseBox)
        .orElse(new double[] {0, 0, 210, 297});
    List<Page> pages = new ArrayList<>();
    Optional<Element> list = OfdXml.child(d, "Pages");
    for (Element page : list.map(l -> OfdXml.children(l, "Page")).orElse(List.of())) {
      String id = OfdXml.attribute(page, "ID").orElse("");
      double[] box = common;
      Optional<String> loc = OfdXml.attribute(page, "BaseLoc");
      if (loc.isPresent()) {
        String entry = OfdPaths.resolve(doc.root(), loc.get());
        Optional<byte[]> content = p.read(entry, Limits.MAX_XML_BYTES);
        if (content.isPresent()) {
          Element pe = OfdXml.parse(content.get(), entry);
          box = OfdXml.child(pe, "Area").flatMap(a -> OfdXml.text(a, "PhysicalBox"))
              .map(OfdSealer::parseBox).orElse(common);
        }
      }
      pages.add(new Page(id, box[2], box[3]));
    }
    if (pages.isEmpty()) {
      throw new IllegalArgumentException("the document has no pages");
    }
    return pages;
  }

  private static double[] parseBox(String text) {
    String[] v = text.trim().split("\\s+");
    if (v.length != 4) {
      throw new IllegalArgumentException("a PhysicalBox is not x y w h: " + text);
    }
    double[] out = new double[4];
    for (int i = 0; i < 4; i++) {
      out[i] = Double.parseDouble(v[i]);
    }
    return out;
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  /** Builds an {@link OfdSealer}. Not thread-safe. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private Limits limits = Limits.defaults();

    private Builder() {}

    /**
     * Sets the clock of the signing time.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Sets the size limits for reading the input package.
     *
     * @param limits the limits
     * @return this builder
     */
    public Builder limits(Limits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * Builds the sealer.
     *
     * @return the sealer
     */
    public OfdSealer build() {
      return new OfdSealer(this);
    }
  }
}
