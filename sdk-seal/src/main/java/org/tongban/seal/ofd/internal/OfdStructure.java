package org.tongban.seal.ofd.internal;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.tongban.MalformedInputException;
import org.tongban.io.Limits;
import org.w3c.dom.Element;

/**
 * Reads the signature structure of an OFD package (GB/T 33190 §18): {@code OFD.xml} →
 * {@code DocBody} → {@code DocRoot} and {@code Signatures}; {@code Signatures.xml} → each
 * {@code Signature}'s {@code BaseLoc}; {@code Signature.xml} → {@code SignedInfo} and
 * {@code SignedValue}. Every location is resolved to a package entry name; a part the structure
 * names but the package lacks, or that is not the XML it should be, is a
 * {@link MalformedInputException}.
 */
public final class OfdStructure {
  /** Largest signed value read (a seal with its picture). */
  private static final int MAX_SIGNED_VALUE = Limits.MAX_ASN1_BYTES;

  private OfdStructure() {}

  /**
   * One document of the package.
   *
   * @param root the entry of its {@code Document.xml}
   * @param signatures the entry of its {@code Signatures.xml}, if it has one
   * @param pages page object IDs to 1-based page numbers
   */
  public record Doc(String root, Optional<String> signatures, Map<String, Integer> pages) {}

  /**
   * A signature as {@code Signatures.xml} lists it.
   *
   * @param id its ID
   * @param type {@code Seal} (the default) or {@code Sign}
   * @param entry the entry of its {@code Signature.xml}
   * @param doc the document it belongs to
   */
  public record Listed(String id, String type, String entry, Doc doc) {}

  /**
   * One protected part.
   *
   * @param part the entry name
   * @param checkValue the digest the signature recorded
   */
  public record Reference(String part, byte[] checkValue) {}

  /**
   * Where a seal is drawn.
   *
   * @param id the annotation ID
   * @param pageRef the page object ID it names
   * @param boundary x, y, width, height in millimetres
   */
  public record Stamp(String id, String pageRef, double[] boundary) {}

  /**
   * A signature as its {@code Signature.xml} describes it.
   *
   * @param listed the listing
   * @param xml the {@code Signature.xml} bytes as stored (what the signature signs)
   * @param provider the provider's name
   * @param signatureMethod the {@code SignatureMethod} text
   * @param dateTime the {@code SignatureDateTime} text, if any
   * @param checkMethod the {@code CheckMethod} attribute
   * @param references the protected parts, in order
   * @param stamps where the seal is drawn
   * @param seal the entry of {@code Seal.esl}, if listed
   * @param signedValue the entry of the signed value
   */
  public record Described(Listed listed, byte[] xml, String provider, String signatureMethod,
      Optional<String> dateTime, String checkMethod, List<Reference> references,
      List<Stamp> stamps, Optional<String> seal, String signedValue) {}

  /**
   * Reads the documents {@code OFD.xml} lists.
   *
   * @param p the package
   * @return the documents, at least one
   */
  public static List<Doc> docs(OfdPackage p) {
    Element ofd = xml(p, "OFD.xml");
    if (!OfdXml.is(ofd, "OFD")) {
      throw new MalformedInputException("OFD.xml is not an OFD element");
    }
    List<Doc> docs = new ArrayList<>();
    for (Element body : OfdXml.children(ofd, "DocBody")) {
      String root = OfdPaths.resolve("OFD.xml", OfdXml.text(body, "DocRoot").orElseThrow(
          () -> new MalformedInputException("a DocBody without DocRoot")));
      Optional<String> sigs = OfdXml.text(body, "Signatures")
          .map(s -> OfdPaths.resolve("OFD.xml", s));
      docs.add(new Doc(root, sigs, pages(p, root)));
    }
    if (docs.isEmpty()) {
      throw new MalformedInputException("OFD.xml has no DocBody");
    }
    return docs;
  }

  private static Map<String, Integer> pages(OfdPackage p, String root) {
    Element doc = xml(p, root);
    Map<String, Integer> pages = new LinkedHashMap<>();
    Optional<Element> list = OfdXml.child(doc, "Pages");
    if (list.isPresent()) {
      for (Element page : OfdXml.children(list.get(), "Page")) {
        pages.put(OfdXml.attribute(page, "ID").orElse(""), pages.size() + 1);
      }
    }
    return pages;
  }

  /**
   * Reads the signatures a document's {@code Signatures.xml} lists.
   *
   * @param p the package
   * @param doc the document
   * @return the signatures in listed order, empty if it has none
   */
  public static List<Listed> signatures(OfdPackage p, Doc doc) {
    if (doc.signatures().isEmpty()) {
      return List.of();
    }
    String file = doc.signatures().get();
    Element root = xml(p, file);
    if (!OfdXml.is(root, "Signatures")) {
      throw new MalformedInputException(file + " is not a Signatures element");
    }
    List<Listed> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Element s : OfdXml.children(root, "Signature")) {
      String entry = OfdPaths.resolve(file, OfdXml.attribute(s, "BaseLoc").orElseThrow(
          () -> new MalformedInputException("a Signature without BaseLoc in " + file)));
      if (!seen.add(entry)) {
        throw new MalformedInputException(file + " lists " + entry + " twice");
      }
      out.add(new Listed(OfdXml.attribute(s, "ID").orElse(""),
          OfdXml.attribute(s, "Type").orElse("Seal"), entry, doc));
    }
    return out;
  }

  /**
   * Reads a signature's description.
   *
   * @param p the package
   * @param listed the listing
   * @return the description
   */
  public static Described describe(OfdPackage p, Listed listed) {
    String file = listed.entry();
    byte[] bytes = p.read(file, Limits.MAX_XML_BYTES).orElseThrow(
        () -> new MalformedInputException("the signature file " + file + " is missing"));
    Element sig = OfdXml.parse(bytes, file);
    if (!OfdXml.is(sig, "Signature")) {
      throw new MalformedInputException(file + " is not a Signature element");
    }
    Element info = OfdXml.child(sig, "SignedInfo").orElseThrow(
        () -> new MalformedInputException(file + " has no SignedInfo"));
    String provider = OfdXml.child(info, "Provider")
        .flatMap(e -> OfdXml.attribute(e, "ProviderName")).orElse("");
    String method = OfdXml.text(info, "SignatureMethod").orElse("");
    Element refs = OfdXml.child(info, "References").orElseThrow(
        () -> new MalformedInputException(file + " has no References"));
    String checkMethod = OfdXml.attribute(refs, "CheckMethod").orElse("");
    List<Reference> references = new ArrayList<>();
    Set<String> parts = new HashSet<>();
    for (Element r : OfdXml.children(refs, "Reference")) {
      String part = OfdPaths.resolve(file, OfdXml.attribute(r, "FileRef").orElseThrow(
          () -> new MalformedInputException("a Reference without FileRef in " + file)));
      if (!parts.add(part)) {
        throw new MalformedInputException(file + " references " + part + " twice");
      }
      byte[] value;
      try {
        value = Base64.getMimeDecoder().decode(OfdXml.text(r, "CheckValue").orElseThrow(
            () -> new MalformedInputException("a Reference without CheckValue in " + file)));
      } catch (IllegalArgumentException e) {
        throw new MalformedInputException("a CheckValue in " + file + " is not base64", e);
      }
      references.add(new Reference(part, value));
    }
    List<Stamp> stamps = new ArrayList<>();
    for (Element a : OfdXml.children(info, "StampAnnot")) {
      stamps.add(new Stamp(OfdXml.attribute(a, "ID").orElse(""),
          OfdXml.attribute(a, "PageRef").orElse(""),
          box(OfdXml.attribute(a, "Boundary").orElse(""), file)));
    }
    Optional<String> seal = OfdXml.child(info, "Seal").flatMap(s -> OfdXml.text(s, "BaseLoc"))
        .map(l -> OfdPaths.resolve(file, l));
    String value = OfdPaths.resolve(file, OfdXml.text(sig, "SignedValue").orElseThrow(
        () -> new MalformedInputException(file + " has no SignedValue")));
    return new Described(listed, bytes, provider, method, OfdXml.text(info,
        "SignatureDateTime"), checkMethod, references, stamps, seal, value);
  }

  /**
   * Reads a signature's signed value.
   *
   * @param p the package
   * @param d the description
   * @param limits the limits ({@link Limits#maxAsn1Bytes()} bounds it)
   * @return the bytes
   */
  public static byte[] signedValue(OfdPackage p, Described d, Limits limits) {
    return p.read(d.signedValue(), Math.min(MAX_SIGNED_VALUE, limits.maxAsn1Bytes()))
        .orElseThrow(() -> new MalformedInputException("the signed value " + d.signedValue()
            + " is missing"));
  }

  private static double[] box(String text, String file) {
    String[] v = text.trim().split("\\s+");
    if (v.length != 4) {
      throw new MalformedInputException("a StampAnnot Boundary in " + file + " is not x y w h");
    }
    double[] out = new double[4];
    for (int i = 0; i < 4; i++) {
      try {
        out[i] = Double.parseDouble(v[i]);
      } catch (NumberFormatException e) {
        throw new MalformedInputException("a StampAnnot Boundary in " + file
            + " is not numbers", e);
      }
      if (!Double.isFinite(out[i])) {
        throw new MalformedInputException("a StampAnnot Boundary in " + file
            + " is not finite");
      }
    }
    return out;
  }

  private static Element xml(OfdPackage p, String entry) {
    byte[] bytes = p.read(entry, Limits.MAX_XML_BYTES).orElseThrow(
        () -> new MalformedInputException("the part " + entry + " is missing"));
    return OfdXml.parse(bytes, entry);
  }
}
