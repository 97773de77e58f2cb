package org.tongban.seal.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.tongban.result.Reason;

/**
 * Classifies what the incremental updates after a signed revision changed, object by object.
 *
 * <p>An object counts as changed when the later cross-reference data gives its number an entry
 * the signed revision did not have, or a different one — wherever that entry points, so an
 * update cannot re-point an object at an older, unused body (incremental saving and shadow
 * attacks). Allowed changes are those a later signature brings: new objects (they are only
 * seen through changed ones), the catalog gaining or changing {@code /AcroForm} or
 * {@code /DSS}, the AcroForm gaining fields and {@code /SigFlags}, a page gaining annotations,
 * every new field or annotation being a signature field or its widget, text values of the
 * document information dictionary, and cross-reference and object streams themselves.
 * Anything else is a modification — XMP metadata and {@code /Perms} included, since a crafted
 * file can give any object a second role.
 */
public final class PdfRevisions {
  private static final int MAX_DEPTH = 64;
  private static final int MAX_FIELDS = 10_000;
  /** Larger rewritten streams count as changed rather than being read twice. */
  private static final int MAX_COMPARED_STREAM = 16 * 1024 * 1024;
  private static final Set<COSName> CATALOG_ALLOWED =
      Set.of(COSName.ACRO_FORM, COSName.getPDFName("DSS"));
  private static final Set<COSName> ACROFORM_ALLOWED = Set.of(COSName.FIELDS, COSName.SIG_FLAGS);

  /**
   * What a signature's dictionary allows later revisions to do.
   *
   * @param docMdp the DocMDP {@code /P} if the signature certifies the document
   * @param lock the fields the signature locks (FieldMDP)
   */
  public record Permissions(OptionalInt docMdp, Optional<PdfPermissions.FieldLock> lock) {
    /** No DocMDP, no FieldMDP. */
    public static final Permissions NONE = new Permissions(OptionalInt.empty(), Optional.empty());

    /**
     * Reads them from a signature dictionary.
     *
     * @param sig the signature dictionary
     * @return the permissions
     */
    public static Permissions of(COSDictionary sig) {
      return new Permissions(PdfPermissions.docMdp(sig), PdfPermissions.fieldMdp(sig));
    }

    private boolean locked(String field) {
      return lock.isPresent() && lock.get().locks(field);
    }

    private boolean noChanges() {
      return docMdp.isPresent() && docMdp.getAsInt() == 1;
    }
  }

  /**
   * A change no later signature explains.
   *
   * @param reason {@link Reason#DOCUMENT_MODIFIED_AFTER_SEAL},
   *     {@link Reason#SIGNATURE_DICTIONARY_CHANGED} or {@link Reason#MODIFICATION_NOT_PERMITTED}
   * @param message what changed
   */
  public record Finding(Reason reason, String message) {}

  /**
   * Returns the first change after the signed revision that a later signature does not explain,
   * or that the signature's permissions forbid.
   *
   * @param pdf the whole file
   * @param signedEnd the end of the signed revision ({@code b + c} of its byte range)
   * @param permissions what the signature allows
   * @return the first disallowed change, or empty if every change is allowed
   * @throws IOException if either revision cannot be read (a parser's stack overflow on a
   *     deeply nested graph included)
   */
  public static Optional<Finding> disallowedChange(byte[] pdf, int signedEnd,
      Permissions permissions) throws IOException {
    try {
      return new PdfRevisions(permissions).classify(pdf, signedEnd);
    } catch (StackOverflowError e) {
      throw new IOException("object graph too deep", e);
    }
  }

  private static int rank(Reason r) {
    return r == Reason.SIGNATURE_DICTIONARY_CHANGED ? 2
        : r == Reason.MODIFICATION_NOT_PERMITTED ? 1 : 0;
  }

  private static Finding modified(String message) {
    return new Finding(Reason.DOCUMENT_MODIFIED_AFTER_SEAL, message);
  }

  // One instance per classification: the permissions, and what it has seen.
  private final Permissions permissions;
  /** Widgets that are kids of a signature field, possibly without {@code /Parent}. */
  private final Set<COSDictionary> signatureWidgets =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  /** Whether a later revision added a signature (a new field, or an existing one signed). */
  private boolean signaturesAdded;
  /** Whether a later revision changed text in the document information. */
  private boolean infoChanged;

  private PdfRevisions(Permissions permissions) {
    this.permissions = permissions;
  }

  private Optional<Finding> classify(byte[] pdf, int signedEnd) throws IOException {
    // A view of the signed revision, not a copy: large files are held in memory once.
    try (PDDocument before = Loader.loadPDF(new RandomAccessReadBuffer(
        java.nio.ByteBuffer.wrap(pdf, 0, signedEnd).slice()));
        PDDocument after = Loader.loadPDF(pdf)) {
      Map<COSObjectKey, Long> oldXref = before.getDocument().getXrefTable();
      Map<COSObjectKey, Long> newXref = after.getDocument().getXrefTable();
      Optional<Finding> freed = XrefFrees.firstFreed(pdf, signedEnd, oldXref, after);
      if (freed.isPresent()) {
        return freed;
      }
      Set<COSObjectKey> changed = new HashSet<>();
      for (Map.Entry<COSObjectKey, Long> e : newXref.entrySet()) {
        Long old = oldXref.get(e.getKey());
        if (old != null && !old.equals(e.getValue())) {
          changed.add(e.getKey());
        }
      }
      // Objects inside a redefined object stream changed too.
      for (Map.Entry<COSObjectKey, Long> e : newXref.entrySet()) {
        if (e.getValue() < 0 && changed.contains(new COSObjectKey(-e.getValue(), 0))
            && oldXref.containsKey(e.getKey())) {
          changed.add(e.getKey());
        }
      }
      COSDictionary oldCatalog = before.getDocumentCatalog().getCOSObject();
      COSDictionary newCatalog = after.getDocumentCatalog().getCOSObject();
      Optional<String> c = sameExcept(oldCatalog, newCatalog, CATALOG_ALLOWED, "the catalog");
      if (c.isPresent()) {
        return Optional.of(modified(c.get()));
      }
      collectSignatureWidgets(newCatalog.getCOSDictionary(COSName.ACRO_FORM));
      COSDictionary oldInfo = before.getDocument().getTrailer().getCOSDictionary(COSName.INFO);
      COSDictionary newInfo = after.getDocument().getTrailer().getCOSDictionary(COSName.INFO);
      if (!sameValue(before.getDocument().getTrailer().getItem(COSName.INFO),
          after.getDocument().getTrailer().getItem(COSName.INFO), 0)) {
        // Document information added or re-pointed: allowed (it is not rendered) when it
        // holds only text — the dictionary must not be one doing another job.
        if (newInfo != null && !textOnlyChanges(new COSDictionary(), newInfo)) {
          return Optional.of(modified("the document information now points at a dictionary "
              + "that holds more than text"));
        }
        infoChanged = true;
      }
      int pages = before.getNumberOfPages();
      if (after.getNumberOfPages() != pages) {
        return Optional.of(modified("the page count changed from " + pages + " to "
            + after.getNumberOfPages()));
      }
      List<COSObjectKey> order = new ArrayList<>(changed);
      order.sort(null);
      // Every changed object is looked at, so that the most specific finding is reported: a
      // changed signature dictionary or locked field, rather than the appearance stream that
      // changed with it.
      Optional<Finding> worst = Optional.empty();
      for (COSObjectKey key : order) {
        COSBase oldObj = before.getDocument().getObjectFromPool(key).getObject();
        COSBase newObj = after.getDocument().getObjectFromPool(key).getObject();
        Optional<Finding> why = classify(key, oldObj, newObj, before, oldCatalog, newCatalog,
            oldInfo, newInfo);
        if (why.isPresent() && (worst.isEmpty()
            || rank(why.get().reason()) > rank(worst.get().reason()))) {
          worst = why;
        }
      }
      if (worst.isPresent()) {
        return worst;
      }
      for (int i = 0; i < pages; i++) {
        Optional<String> p = page(before.getPage(i).getCOSObject(),
            after.getPage(i).getCOSObject(), oldXref, i + 1);
        if (p.isPresent()) {
          return Optional.of(modified(p.get()));
        }
      }
      Optional<String> form = acroForm(oldCatalog, newCatalog, oldXref);
      if (form.isPresent()) {
        return Optional.of(modified(form.get()));
      }
      // DocMDP P 1 allows no change at all; validation data (/DSS) is not a change of the
      // document (PAdES, ETSI EN 319 142-1).
      if (permissions.noChanges() && (signaturesAdded || infoChanged)) {
        return Optional.of(new Finding(Reason.MODIFICATION_NOT_PERMITTED, (signaturesAdded
            ? "a later signature" : "a change to the document information")
            + ", where the certification (DocMDP P 1) allows no change"));
      }
      return Optional.empty();
    }
  }

  private void collectSignatureWidgets(COSDictionary form) {
    if (form == null || form.getCOSArray(COSName.FIELDS) == null) {
      return;
    }
    java.util.ArrayDeque<COSDictionary> todo = new java.util.ArrayDeque<>();
    COSArray fields = form.getCOSArray(COSName.FIELDS);
    for (int i = 0; i < Math.min(fields.size(), MAX_FIELDS); i++) {
      if (fields.getObject(i) instanceof COSDictionary d) {
        todo.add(d);
      }
    }
    int visited = 0;
    while (!todo.isEmpty() && visited++ < MAX_FIELDS) {
      COSDictionary f = todo.poll();
      COSArray kids = f.getCOSArray(COSName.KIDS);
      if (kids == null) {
        continue;
      }
      boolean sig = COSName.SIG.equals(f.getCOSName(COSName.FT));
      for (int i = 0; i < Math.min(kids.size(), MAX_FIELDS); i++) {
        if (kids.getObject(i) instanceof COSDictionary k) {
          if (sig && COSName.WIDGET.equals(k.getCOSName(COSName.SUBTYPE))) {
            signatureWidgets.add(k);
          } else {
            todo.add(k);
          }
        }
      }
    }
  }

  private Optional<Finding> classify(COSObjectKey key, COSBase oldObj, COSBase newObj,
      PDDocument before, COSDictionary oldCatalog, COSDictionary newCatalog,
      COSDictionary oldInfo, COSDictionary newInfo) {
    if (sameObject(oldObj, newObj)) {
      return Optional.empty(); // rewritten unchanged, as PDFBox does with an earlier signature
    }
    if (newObj instanceof COSStream s && (COSName.XREF.equals(s.getCOSName(COSName.TYPE))
        || COSName.OBJ_STM.equals(s.getCOSName(COSName.TYPE)))) {
      return Optional.empty();
    }
    if (oldObj == oldCatalog || newObj == newCatalog) {
      return Optional.empty(); // compared key by key
    }
    if (oldObj == oldInfo && newObj == newInfo && textOnlyChanges(oldInfo, newInfo)) {
      // Document information is not rendered; but a crafted file can make its dictionary do
      // a second job (resources, say), so only text values may change.
      infoChanged = true;
      return Optional.empty();
    }
    if (oldObj instanceof COSDictionary d && (COSName.PAGE.equals(d.getCOSName(COSName.TYPE))
        || COSName.ACRO_FORM.equals(d.getCOSName(COSName.TYPE)) || isAcroForm(d, oldCatalog))) {
      return Optional.empty(); // pages and the AcroForm are compared key by key below
    }
    if (oldObj instanceof COSArray && (isAnnotsArray(key, before) || isFieldsArray(key,
        oldCatalog))) {
      return Optional.empty(); // compared element by element below
    }
    if (oldObj instanceof COSDictionary d && isSignatureDictionary(d)) {
      return Optional.of(new Finding(Reason.SIGNATURE_DICTIONARY_CHANGED, "the signature "
          + "dictionary " + key + " was redefined"));
    }
    if (oldObj instanceof COSDictionary o && newObj instanceof COSDictionary n
        && isSignatureField(o)) {
      Optional<String> name = fieldName(o);
      if (o.getItem(COSName.V) != null && !sameValue(o.getItem(COSName.V),
          n.getItem(COSName.V), 0)) {
        return Optional.of(new Finding(Reason.SIGNATURE_DICTIONARY_CHANGED, "the signature field "
            + name.orElse(key.toString()) + " now points at another signature"));
      }
      if (signing(o, n)) {
        signaturesAdded = true;
        if (name.isPresent() && permissions.locked(name.get())) {
          return Optional.of(new Finding(Reason.MODIFICATION_NOT_PERMITTED, "the locked "
              + "signature field " + name.get() + " was signed (FieldMDP)"));
        }
        return Optional.empty();
      }
    }
    Optional<String> field = oldObj instanceof COSDictionary d ? fieldName(d) : Optional.empty();
    if (field.isPresent() && permissions.locked(field.get())) {
      return Optional.of(new Finding(Reason.MODIFICATION_NOT_PERMITTED, "the locked field "
          + field.get() + " was changed (FieldMDP)"));
    }
    return Optional.of(modified("object " + key + " was redefined"
        + field.map(f -> " (field " + f + ")").orElse("")));
  }

  /**
   * An unsigned signature field (or its widget) being signed: the field had no {@code /V} and
   * now has one, and the dictionary changed only in {@code /V}, its appearance and its flags.
   * A widget of a field that was already signed never qualifies: its appearance is part of
   * what that signature showed.
   */
  private static boolean signing(COSDictionary o, COSDictionary n) {
    COSDictionary oldField = terminalField(o);
    COSDictionary newField = terminalField(n);
    if (oldField == null || newField == null || oldField.getItem(COSName.V) != null
        || newField.getItem(COSName.V) == null) {
      return false;
    }
    return sameExcept(o, n, Set.of(COSName.V, COSName.AP, COSName.F), "").isEmpty();
  }

  /** The dictionary itself if it is a field, else its nearest ancestor that is one. */
  private static COSDictionary terminalField(COSDictionary d) {
    COSDictionary f = d;
    for (int i = 0; i < 16 && f != null; i++) {
      if (f.containsKey(COSName.T) || f.containsKey(COSName.FT)) {
        return f;
      }
      f = f.getCOSDictionary(COSName.PARENT);
    }
    return null;
  }

  /** The fully qualified name of a field, or of the field a widget belongs to. */
  private static Optional<String> fieldName(COSDictionary d) {
    List<String> parts = new ArrayList<>();
    COSDictionary f = d;
    boolean field = false;
    for (int i = 0; i < 16 && f != null; i++) {
      field |= f.containsKey(COSName.FT) || f.containsKey(COSName.T);
      String t = f.getString(COSName.T);
      if (t != null) {
        parts.add(0, t);
      }
      f = f.getCOSDictionary(COSName.PARENT);
    }
    return field && !parts.isEmpty() ? Optional.of(String.join(".", parts)) : Optional.empty();
  }

  private static boolean isSignatureDictionary(COSDictionary d) {
    return COSName.SIG.equals(d.getCOSName(COSName.TYPE))
        || (d.containsKey(COSName.BYTERANGE) && d.containsKey(COSName.CONTENTS));
  }

  private static boolean textOnlyChanges(COSDictionary a, COSDictionary b) {
    if (a == null || b == null || a instanceof COSStream || b instanceof COSStream) {
      return false;
    }
    Set<COSName> keys = new HashSet<>(a.keySet());
    keys.addAll(b.keySet());
    for (COSName k : keys) {
      COSBase x = a.getItem(k);
      COSBase y = b.getItem(k);
      if (!sameValue(x, y, 0) && !((x == null || x instanceof COSString)
          && (y == null || y instanceof COSString))) {
        return false;
      }
    }
    return true;
  }

  /** A body rewritten with equal content: streams by dictionary and raw (encoded) bytes. */
  private static boolean sameObject(COSBase a, COSBase b) {
    if (a instanceof COSStream x && b instanceof COSStream y) {
      if (!sameValue(x, y, 0) || x.getLength() != y.getLength()
          || x.getLength() > MAX_COMPARED_STREAM) {
        return false;
      }
      try (InputStream i = x.createRawInputStream(); InputStream j = y.createRawInputStream()) {
        return Arrays.equals(i.readNBytes(MAX_COMPARED_STREAM), j.readNBytes(MAX_COMPARED_STREAM));
      } catch (IOException e) {
        return false;
      }
    }
    return !(a instanceof COSStream) && !(b instanceof COSStream) && sameValue(a, b, 0);
  }

  private static boolean isAcroForm(COSDictionary d, COSDictionary catalog) {
    return catalog.getCOSDictionary(COSName.ACRO_FORM) == d;
  }

  private static boolean isAnnotsArray(COSObjectKey key, PDDocument doc) {
    for (int i = 0; i < doc.getNumberOfPages(); i++) {
      COSBase a = doc.getPage(i).getCOSObject().getItem(COSName.ANNOTS);
      if (a instanceof COSObject o && key.equals(o.getKey())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isFieldsArray(COSObjectKey key, COSDictionary catalog) {
    COSDictionary form = catalog.getCOSDictionary(COSName.ACRO_FORM);
    return form != null && form.getItem(COSName.FIELDS) instanceof COSObject o
        && key.equals(o.getKey());
  }

  private Optional<String> page(COSDictionary oldPage, COSDictionary newPage,
      Map<COSObjectKey, Long> oldXref, int number) {
    Optional<String> d = sameExcept(oldPage, newPage, Set.of(COSName.ANNOTS), "page " + number);
    if (d.isPresent()) {
      return d;
    }
    return appendedOnly(oldPage.getCOSArray(COSName.ANNOTS), newPage.getCOSArray(COSName.ANNOTS),
        oldXref, "the annotations of page " + number);
  }

  private Optional<String> acroForm(COSDictionary oldCatalog, COSDictionary newCatalog,
      Map<COSObjectKey, Long> oldXref) {
    COSDictionary oldForm = oldCatalog.getCOSDictionary(COSName.ACRO_FORM);
    COSDictionary newForm = newCatalog.getCOSDictionary(COSName.ACRO_FORM);
    if (newForm == null) {
      return oldForm == null ? Optional.empty() : Optional.of("the AcroForm was removed");
    }
    if (oldForm != null) {
      Optional<String> d = sameExcept(oldForm, newForm, ACROFORM_ALLOWED, "the AcroForm");
      if (d.isPresent()) {
        return d;
      }
    }
    return appendedOnly(oldForm == null ? null : oldForm.getCOSArray(COSName.FIELDS),
        newForm.getCOSArray(COSName.FIELDS), oldXref, "the form fields");
  }

  /** The old elements, by reference and in order, then only new signature fields or widgets. */
  private Optional<String> appendedOnly(COSArray oldArray, COSArray newArray,
      Map<COSObjectKey, Long> oldXref, String what) {
    int oldSize = oldArray == null ? 0 : oldArray.size();
    if (newArray == null || newArray.size() < oldSize) {
      return oldSize == 0 ? Optional.empty() : Optional.of(what + ": entries were removed");
    }
    for (int i = 0; i < oldSize; i++) {
      if (!sameValue(oldArray.get(i), newArray.get(i), 0)) {
        return Optional.of(what + ": entry " + (i + 1) + " was replaced");
      }
    }
    for (int i = oldSize; i < newArray.size(); i++) {
      COSBase added = newArray.get(i);
      if (!(added instanceof COSObject o) || oldXref.containsKey(o.getKey())
          || !(o.getObject() instanceof COSDictionary d)
          || !(isSignatureField(d) || signatureWidgets.contains(d))) {
        return Optional.of(what + ": an added entry is not a new signature field");
      }
      signaturesAdded = true;
    }
    return Optional.empty();
  }

  private static boolean isSignatureField(COSDictionary d) {
    COSDictionary f = d;
    for (int i = 0; i < 8 && f != null; i++) {
      if (COSName.SIG.equals(f.getCOSName(COSName.FT))) {
        return !d.containsKey(COSName.SUBTYPE)
            || COSName.WIDGET.equals(d.getCOSName(COSName.SUBTYPE));
      }
      f = f.getCOSDictionary(COSName.PARENT);
    }
    return false;
  }

  private static Optional<String> sameExcept(COSDictionary a, COSDictionary b,
      Set<COSName> allowed, String what) {
    Set<COSName> keys = new HashSet<>(a.keySet());
    keys.addAll(b.keySet());
    List<COSName> sorted = new ArrayList<>(keys);
    sorted.sort((x, y) -> x.getName().compareTo(y.getName()));
    for (COSName k : sorted) {
      if (!allowed.contains(k) && !sameValue(a.getItem(k), b.getItem(k), 0)) {
        return Optional.of(what + ": /" + k.getName() + " changed");
      }
    }
    return Optional.empty();
  }

  /** Indirect references compare by object number (their bodies are compared as objects). */
  private static boolean sameValue(COSBase a, COSBase b, int depth) {
    if (a == null || b == null) {
      return a == b;
    }
    if (depth > MAX_DEPTH) {
      return false;
    }
    if (a instanceof COSObject x || b instanceof COSObject) {
      return a instanceof COSObject x2 && b instanceof COSObject y
          && x2.getKey() != null && x2.getKey().equals(y.getKey());
    }
    if (a instanceof COSDictionary x && b instanceof COSDictionary y) {
      if (!x.keySet().equals(y.keySet())) {
        return false;
      }
      for (COSName k : x.keySet()) {
        if (!sameValue(x.getItem(k), y.getItem(k), depth + 1)) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof COSArray x && b instanceof COSArray y) {
      if (x.size() != y.size()) {
        return false;
      }
      for (int i = 0; i < x.size(); i++) {
        if (!sameValue(x.get(i), y.get(i), depth + 1)) {
          return false;
        }
      }
      return true;
    }
    if (a instanceof COSString x && b instanceof COSString y) {
      return Arrays.equals(x.getBytes(), y.getBytes());
    }
    return a.equals(b);
  }
}
