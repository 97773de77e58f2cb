package org.tongban.seal.pdf.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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
import org.tongban.seal.Modification;
import org.tongban.seal.ModificationLevel;

/**
 * Lists what the incremental updates after a signed revision changed, object by object, each
 * change with its {@link ModificationLevel}.
 *
 * <p>An object counts as changed when the later cross-reference data gives its number an entry
 * the signed revision did not have, or a different one — wherever that entry points, so an
 * update cannot re-point an object at an older, unused body (incremental saving and shadow
 * attacks). New objects are only seen through the changed objects that refer to them.
 *
 * <p>What a changed object is depends on how the signed revision reached it: every object
 * reachable from the catalog without passing through a page's {@code /Annots}, the
 * {@code /AcroForm}, {@code /DSS} or the structure tree is <em>content</em>, and any change to
 * it is {@link ModificationLevel#OTHER} — whatever else it is also used as, since a crafted file
 * can give one object two roles. Of the rest, the widgets and appearances of signed signature
 * fields are the earlier seals' pictures (OTHER); annotations and what they reach are
 * {@link ModificationLevel#ANNOTATIONS}; form fields, widgets and their appearances are
 * {@link ModificationLevel#FORM_FILLING} when only a value, appearance or state changed; a new
 * signature field, an empty one signed and text in the document information are
 * {@link ModificationLevel#SIGNATURES}; {@code /DSS} and document time stamps are
 * {@link ModificationLevel#LTA_UPDATES}. Three findings are vetoes whatever a policy permits:
 * a signature dictionary redefined or a signed field pointed at another one
 * ({@link Reason#SIGNATURE_DICTIONARY_CHANGED}), a field the signature locks changed
 * ({@link Reason#MODIFICATION_NOT_PERMITTED}, FieldMDP) and a last cross-reference section that
 * cannot be read ({@link Reason#MODIFICATIONS_UNVERIFIED}).
 */
public final class PdfRevisions {
  private static final int MAX_DEPTH = 64;
  private static final int MAX_FIELDS = 10_000;
  /** Objects visited at most while finding what the signed revision reaches. */
  private static final int MAX_WALK = 2_000_000;
  /** Larger rewritten streams count as changed rather than being read twice. */
  private static final int MAX_COMPARED_STREAM = 16 * 1024 * 1024;
  private static final COSName DSS = COSName.getPDFName("DSS");
  private static final COSName DOC_TIME_STAMP = COSName.getPDFName("DocTimeStamp");
  private static final Set<COSName> CATALOG_ALLOWED = Set.of(COSName.ACRO_FORM, DSS);
  private static final Set<COSName> ACROFORM_SIGNING = Set.of(COSName.FIELDS, COSName.SIG_FLAGS);
  private static final Set<COSName> ACROFORM_FILLING =
      Set.of(COSName.NEED_APPEARANCES, COSName.DA, COSName.DR);
  /** What filling in a field changes in its dictionary or widget. */
  private static final Set<COSName> FIELD_FILLING =
      Set.of(COSName.V, COSName.AP, COSName.AS, COSName.getPDFName("RV"));
  /** Edges the content walk does not follow: each leads to what is classified separately. */
  private static final Set<COSName> NOT_CONTENT = Set.of(COSName.ANNOTS, COSName.ACRO_FORM, DSS,
      COSName.STRUCT_TREE_ROOT);

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
  }

  /**
   * One change after the signed revision.
   *
   * @param level how far it goes
   * @param what what changed
   * @param veto a reason that fails the signature whatever the policy permits
   */
  public record Change(ModificationLevel level, String what, Optional<Reason> veto) {
    static Change of(ModificationLevel level, String what) {
      return new Change(level, what, Optional.empty());
    }

    static Change veto(Reason reason, String what) {
      return new Change(ModificationLevel.OTHER, what, Optional.of(reason));
    }

    /**
     * Returns the change in the public vocabulary.
     *
     * @return the modification
     */
    public Modification modification() {
      return new Modification(level, what);
    }

    /**
     * Ranks vetoes: the most specific finding is reported first.
     *
     * @return 3 for a changed signature dictionary, 2 for a locked field, 1 for unreadable
     *     updates, 0 for no veto
     */
    public int vetoRank() {
      return veto.map(r -> r == Reason.SIGNATURE_DICTIONARY_CHANGED ? 3
          : r == Reason.MODIFICATION_NOT_PERMITTED ? 2 : 1).orElse(0);
    }
  }

  /**
   * Lists the changes after the signed revision.
   *
   * @param pdf the whole file
   * @param signedEnd the end of the signed revision ({@code b + c} of its byte range)
   * @param permissions what the signature allows (its FieldMDP lock is applied here)
   * @return the changes, empty if nothing after the revision changes the document
   * @throws IOException if either revision cannot be read (a parser's stack overflow on a
   *     deeply nested graph, a graph too large to walk, or a parser's runtime exception
   *     included)
   */
  public static List<Change> changes(byte[] pdf, int signedEnd, Permissions permissions)
      throws IOException {
    try {
      return new PdfRevisions(permissions).classify(pdf, signedEnd);
    } catch (StackOverflowError e) {
      throw new IOException("object graph too deep", e);
    } catch (RuntimeException e) {
      // PDFBox's lenient parser signals some malformed input this way.
      throw new IOException("malformed update", e);
    }
  }

  private static Change other(String what) {
    return Change.of(ModificationLevel.OTHER, what);
  }

  /** How the signed revision reaches an object; earlier constants win. */
  private enum Role { CONTENT, SIGNED_APPEARANCE, ANNOTATION, FORM }

  // One instance per classification: the permissions, and what it has found.
  private final Permissions permissions;
  private final List<Change> changes = new ArrayList<>();
  /** Widgets that are kids of a signature field, possibly without {@code /Parent}. */
  private final Set<COSDictionary> signatureWidgets =
      java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
  private final Map<COSObjectKey, Role> roles = new HashMap<>();
  private int walked;

  private PdfRevisions(Permissions permissions) {
    this.permissions = permissions;
  }

  private List<Change> classify(byte[] pdf, int signedEnd) throws IOException {
    // A view of the signed revision, not a copy: large files are held in memory once.
    try (PDDocument before = Loader.loadPDF(new RandomAccessReadBuffer(
        java.nio.ByteBuffer.wrap(pdf, 0, signedEnd).slice()));
        PDDocument after = Loader.loadPDF(pdf)) {
      Map<COSObjectKey, Long> oldXref = before.getDocument().getXrefTable();
      Map<COSObjectKey, Long> newXref = after.getDocument().getXrefTable();
      Optional<Change> freed = XrefFrees.firstFreed(pdf, signedEnd, oldXref, after);
      if (freed.isPresent()) {
        changes.add(freed.get());
        return changes;
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
      for (COSName k : differingKeys(oldCatalog, newCatalog)) {
        if (k.equals(DSS)) {
          changes.add(Change.of(ModificationLevel.LTA_UPDATES, "the catalog: /DSS (validation "
              + "data) changed"));
        } else if (!CATALOG_ALLOWED.contains(k)) {
          changes.add(other("the catalog: /" + k.getName() + " changed"));
        }
      }
      collectSignatureWidgets(newCatalog.getCOSDictionary(COSName.ACRO_FORM));
      COSDictionary oldInfo = before.getDocument().getTrailer().getCOSDictionary(COSName.INFO);
      COSDictionary newInfo = after.getDocument().getTrailer().getCOSDictionary(COSName.INFO);
      if (!sameValue(before.getDocument().getTrailer().getItem(COSName.INFO),
          after.getDocument().getTrailer().getItem(COSName.INFO), 0)) {
        // Document information added or re-pointed: allowed (it is not rendered) when it
        // holds only text — the dictionary must not be one doing another job.
        changes.add(newInfo != null && !textOnlyChanges(new COSDictionary(), newInfo)
            ? other("the document information now points at a dictionary that holds more "
                + "than text")
            : Change.of(ModificationLevel.SIGNATURES, "the document information: text "
                + "changed"));
      }
      int pages = before.getNumberOfPages();
      if (after.getNumberOfPages() != pages) {
        changes.add(other("the page count changed from " + pages + " to "
            + after.getNumberOfPages()));
        return changes;
      }
      List<COSObjectKey> order = new ArrayList<>(changed);
      order.sort(null);
      boolean walkedRoles = false;
      for (COSObjectKey key : order) {
        COSBase oldObj = before.getDocument().getObjectFromPool(key).getObject();
        COSBase newObj = after.getDocument().getObjectFromPool(key).getObject();
        if (!walkedRoles && !sameObject(oldObj, newObj)) {
          walkRoles(before);
          walkedRoles = true;
        }
        classify(key, oldObj, newObj, before, oldCatalog, newCatalog, oldInfo, newInfo);
      }
      for (int i = 0; i < pages; i++) {
        page(before.getPage(i).getCOSObject(), after.getPage(i).getCOSObject(), oldXref, i + 1);
      }
      acroForm(oldCatalog, newCatalog, oldXref);
      return changes;
    }
  }

  /**
   * Finds how the signed revision reaches each object (see the class comment), one walk per
   * role in order of strictness; an object keeps the first role that reaches it.
   */
  private void walkRoles(PDDocument before) throws IOException {
    COSDictionary catalog = before.getDocumentCatalog().getCOSObject();
    walk(catalog, Role.CONTENT, NOT_CONTENT);
    COSDictionary form = catalog.getCOSDictionary(COSName.ACRO_FORM);
    List<COSDictionary> widgets = new ArrayList<>();
    List<COSDictionary> annotations = new ArrayList<>();
    for (int i = 0; i < before.getNumberOfPages(); i++) {
      COSArray annots = before.getPage(i).getCOSObject().getCOSArray(COSName.ANNOTS);
      for (int j = 0; annots != null && j < Math.min(annots.size(), MAX_FIELDS); j++) {
        if (annots.getObject(j) instanceof COSDictionary a) {
          (COSName.WIDGET.equals(a.getCOSName(COSName.SUBTYPE)) ? widgets : annotations).add(a);
        }
      }
    }
    // An earlier seal's picture: the widget of a signed signature field and its appearance.
    for (COSDictionary w : widgets) {
      COSDictionary field = terminalField(w);
      if (field != null && COSName.SIG.equals(inheritedFieldType(field))
          && field.getItem(COSName.V) != null) {
        walk(w, Role.SIGNED_APPEARANCE, Set.of(COSName.PARENT, COSName.P));
      }
    }
    for (COSDictionary a : annotations) {
      walk(a, Role.ANNOTATION, Set.of(COSName.P));
    }
    for (COSDictionary w : widgets) {
      walk(w, Role.FORM, Set.of(COSName.P));
    }
    if (form != null) {
      walk(form, Role.FORM, Set.of(COSName.P));
    }
  }

  /** Marks every indirect object reachable from {@code start} that has no role yet. */
  private void walk(COSBase start, Role role, Set<COSName> skip) throws IOException {
    java.util.ArrayDeque<COSBase> todo = new java.util.ArrayDeque<>();
    todo.push(start);
    while (!todo.isEmpty()) {
      if (++walked > MAX_WALK) {
        throw new IOException("more than " + MAX_WALK + " objects to walk");
      }
      COSBase b = todo.pop();
      if (b instanceof COSObject o) {
        COSObjectKey key = o.getKey();
        if (key == null || roles.putIfAbsent(key, role) != null) {
          continue;
        }
        b = o.getObject();
      }
      if (b instanceof COSDictionary d) {
        for (Map.Entry<COSName, COSBase> e : d.entrySet()) {
          if (!skip.contains(e.getKey()) && e.getValue() != null) {
            todo.push(e.getValue());
          }
        }
      } else if (b instanceof COSArray a) {
        for (int i = 0; i < a.size(); i++) {
          if (a.get(i) != null) {
            todo.push(a.get(i));
          }
        }
      }
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

  private void classify(COSObjectKey key, COSBase oldObj, COSBase newObj,
      PDDocument before, COSDictionary oldCatalog, COSDictionary newCatalog,
      COSDictionary oldInfo, COSDictionary newInfo) {
    if (sameObject(oldObj, newObj)) {
      return; // rewritten unchanged, as PDFBox does with an earlier signature
    }
    if (newObj instanceof COSStream s && (COSName.XREF.equals(s.getCOSName(COSName.TYPE))
        || COSName.OBJ_STM.equals(s.getCOSName(COSName.TYPE)))) {
      return;
    }
    if (oldObj == oldCatalog || newObj == newCatalog) {
      return; // compared key by key
    }
    if (oldObj == oldInfo && newObj == newInfo && textOnlyChanges(oldInfo, newInfo)) {
      // Document information is not rendered; but a crafted file can make its dictionary do
      // a second job (resources, say), so only text values may change.
      changes.add(Change.of(ModificationLevel.SIGNATURES, "the document information: text "
          + "changed"));
      return;
    }
    if (oldObj instanceof COSDictionary d && (COSName.PAGE.equals(d.getCOSName(COSName.TYPE))
        || COSName.ACRO_FORM.equals(d.getCOSName(COSName.TYPE)) || isAcroForm(d, oldCatalog))) {
      return; // pages and the AcroForm are compared key by key below
    }
    if (oldObj instanceof COSArray && (isAnnotsArray(key, before) || isFieldsArray(key,
        oldCatalog))) {
      return; // compared element by element below
    }
    if (oldObj instanceof COSDictionary d && isSignatureDictionary(d)) {
      changes.add(Change.veto(Reason.SIGNATURE_DICTIONARY_CHANGED, "the signature dictionary "
          + key + " was redefined"));
      return;
    }
    Optional<String> field = oldObj instanceof COSDictionary d ? fieldName(d) : Optional.empty();
    if (oldObj instanceof COSDictionary o && newObj instanceof COSDictionary n
        && isSignatureField(o)) {
      if (o.getItem(COSName.V) != null && !sameValue(o.getItem(COSName.V),
          n.getItem(COSName.V), 0)) {
        changes.add(Change.veto(Reason.SIGNATURE_DICTIONARY_CHANGED, "the signature field "
            + field.orElse(key.toString()) + " now points at another signature"));
        return;
      }
      if (signing(o, n)) {
        if (field.isPresent() && permissions.locked(field.get())) {
          changes.add(Change.veto(Reason.MODIFICATION_NOT_PERMITTED, "the locked signature "
              + "field " + field.get() + " was signed (FieldMDP)"));
        } else {
          changes.add(signatureAdded(n, "the signature field " + field.orElse(key.toString())
              + " was signed"));
        }
        return;
      }
    }
    Role role = roles.getOrDefault(key, Role.CONTENT);
    String what = "object " + key + field.map(f -> " (field " + f + ")").orElse("");
    if (role == Role.ANNOTATION) {
      changes.add(Change.of(ModificationLevel.ANNOTATIONS, what + ", an annotation or its "
          + "appearance, was changed"));
      return;
    }
    if (role == Role.FORM && filling(oldObj, newObj)) {
      if (field.isPresent() && permissions.locked(field.get())) {
        changes.add(Change.veto(Reason.MODIFICATION_NOT_PERMITTED, "the locked field "
            + field.get() + " was changed (FieldMDP)"));
      } else {
        changes.add(Change.of(ModificationLevel.FORM_FILLING, field.isPresent()
            ? "field " + field.get() + ": its value or appearance changed"
            : what + ", part of a form field's appearance, was changed"));
      }
      return;
    }
    if (field.isPresent() && permissions.locked(field.get())) {
      changes.add(Change.veto(Reason.MODIFICATION_NOT_PERMITTED, "the locked field "
          + field.get() + " was changed (FieldMDP)"));
      return;
    }
    changes.add(other(what + " was redefined"));
  }

  /**
   * Whether a change of a form object is filling in: a field or widget of a field that is not a
   * signature field changed only in its value, appearance or state; or any other object only a
   * form reaches (an appearance stream, say).
   */
  private static boolean filling(COSBase oldObj, COSBase newObj) {
    if (oldObj instanceof COSDictionary o && !(oldObj instanceof COSStream)
        && terminalField(o) != null) {
      return newObj instanceof COSDictionary n && !(newObj instanceof COSStream)
          && !COSName.SIG.equals(inheritedFieldType(terminalField(o)))
          && differingKeys(o, n).stream().allMatch(FIELD_FILLING::contains);
    }
    return true;
  }

  /** A new signature, or a document time stamp (validation data). */
  private static Change signatureAdded(COSDictionary fieldOrWidget, String what) {
    COSDictionary field = terminalField(fieldOrWidget);
    COSDictionary v = field == null ? null : field.getCOSDictionary(COSName.V);
    boolean timeStamp = v != null && (DOC_TIME_STAMP.equals(v.getCOSName(COSName.TYPE))
        || "ETSI.RFC3161".equals(v.getNameAsString(COSName.SUB_FILTER)));
    return timeStamp ? Change.of(ModificationLevel.LTA_UPDATES, what + " (a document time "
        + "stamp)") : Change.of(ModificationLevel.SIGNATURES, what);
  }

  /** A field's {@code /FT}, inherited from its ancestors. */
  private static COSName inheritedFieldType(COSDictionary field) {
    COSDictionary f = field;
    for (int i = 0; i < 16 && f != null; i++) {
      if (f.getCOSName(COSName.FT) != null) {
        return f.getCOSName(COSName.FT);
      }
      f = f.getCOSDictionary(COSName.PARENT);
    }
    return null;
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
    return Set.of(COSName.V, COSName.AP, COSName.F).containsAll(differingKeys(o, n));
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

  private void page(COSDictionary oldPage, COSDictionary newPage,
      Map<COSObjectKey, Long> oldXref, int number) {
    for (COSName k : differingKeys(oldPage, newPage)) {
      if (!k.equals(COSName.ANNOTS)) {
        changes.add(other("page " + number + ": /" + k.getName() + " changed"));
      }
    }
    entries(oldPage.getCOSArray(COSName.ANNOTS), newPage.getCOSArray(COSName.ANNOTS), oldXref,
        "page " + number, true);
  }

  private void acroForm(COSDictionary oldCatalog, COSDictionary newCatalog,
      Map<COSObjectKey, Long> oldXref) {
    COSDictionary oldForm = oldCatalog.getCOSDictionary(COSName.ACRO_FORM);
    COSDictionary newForm = newCatalog.getCOSDictionary(COSName.ACRO_FORM);
    if (newForm == null) {
      if (oldForm != null) {
        changes.add(other("the AcroForm was removed"));
      }
      return;
    }
    if (oldForm != null) {
      for (COSName k : differingKeys(oldForm, newForm)) {
        if ((k.equals(COSName.DA) || k.equals(COSName.DR)) && oldForm.getItem(k) == null
            && !newForm.getBoolean(COSName.NEED_APPEARANCES, false)) {
          // PDFBox-based signers add the form's defaults where there were none; they are used
          // only when an appearance is regenerated, which no one asked for.
          changes.add(Change.of(ModificationLevel.SIGNATURES, "the AcroForm: /" + k.getName()
              + " added"));
        } else if (ACROFORM_FILLING.contains(k)) {
          changes.add(Change.of(ModificationLevel.FORM_FILLING, "the AcroForm: /" + k.getName()
              + " changed"));
        } else if (!ACROFORM_SIGNING.contains(k)) {
          changes.add(other("the AcroForm: /" + k.getName() + " changed"));
        }
      }
    }
    entries(oldForm == null ? null : oldForm.getCOSArray(COSName.FIELDS),
        newForm.getCOSArray(COSName.FIELDS), oldXref, "the form fields", false);
  }

  /**
   * Compares a page's annotations or the form's fields: entries kept (by reference), removed,
   * added and reordered. New signature fields and their widgets are later signatures; on a page,
   * other new annotations, removed ones other than widgets, and a new order are annotation
   * changes; anything else (a widget removed, a new form field, an existing object given the
   * new role, an entry that is not an indirect reference) is a modification.
   */
  private void entries(COSArray oldArray, COSArray newArray, Map<COSObjectKey, Long> oldXref,
      String where, boolean annotations) {
    List<COSBase> olds = elements(oldArray);
    List<COSBase> news = elements(newArray);
    Set<COSObjectKey> oldKeys = new HashSet<>();
    Set<COSObjectKey> newKeys = new HashSet<>();
    for (int i = 0; i < olds.size(); i++) {
      if (olds.get(i) instanceof COSObject o && o.getKey() != null) {
        oldKeys.add(o.getKey());
      } else if (i >= news.size() || !sameValue(olds.get(i), news.get(i), 0)) {
        changes.add(other(where + ": entry " + (i + 1) + ", not an indirect reference, "
            + "changed"));
      }
    }
    List<COSObjectKey> kept = new ArrayList<>();
    for (int i = 0; i < news.size(); i++) {
      if (!(news.get(i) instanceof COSObject o) || o.getKey() == null) {
        if (i >= olds.size() || !sameValue(olds.get(i), news.get(i), 0)) {
          changes.add(other(where + ": entry " + (i + 1) + " is not an indirect reference"));
        }
        continue;
      }
      newKeys.add(o.getKey());
      if (oldKeys.contains(o.getKey())) {
        kept.add(o.getKey());
        continue;
      }
      if (oldXref.containsKey(o.getKey()) || !(o.getObject() instanceof COSDictionary d)) {
        changes.add(other(where + ": object " + o.getKey() + " of the signed revision was "
            + "added"));
      } else if (isSignatureField(d) || signatureWidgets.contains(d)) {
        changes.add(signatureAdded(d, where + ": signature field or widget " + o.getKey()
            + " added"));
      } else if (annotations && d.getCOSName(COSName.SUBTYPE) != null
          && !COSName.WIDGET.equals(d.getCOSName(COSName.SUBTYPE))) {
        changes.add(Change.of(ModificationLevel.ANNOTATIONS, where + ": a /"
            + d.getCOSName(COSName.SUBTYPE).getName() + " annotation added"));
      } else {
        changes.add(other(where + ": " + (annotations ? "a widget of a new form field"
            : "a form field that is not a signature field") + " added"));
      }
    }
    List<COSObjectKey> oldOrder = new ArrayList<>();
    for (COSBase b : olds) {
      if (b instanceof COSObject o && o.getKey() != null) {
        if (!newKeys.contains(o.getKey())) {
          boolean widget = o.getObject() instanceof COSDictionary d
              && COSName.WIDGET.equals(d.getCOSName(COSName.SUBTYPE));
          changes.add(annotations && !widget ? Change.of(ModificationLevel.ANNOTATIONS, where
              + ": annotation " + o.getKey() + " removed") : other(where + ": "
              + (annotations ? "widget " : "field ") + o.getKey() + " removed"));
        } else {
          oldOrder.add(o.getKey());
        }
      }
    }
    if (!oldOrder.equals(kept)) {
      changes.add(annotations ? Change.of(ModificationLevel.ANNOTATIONS, where
          + ": annotations reordered") : other(where + ": fields reordered"));
    }
  }

  private static List<COSBase> elements(COSArray a) {
    List<COSBase> out = new ArrayList<>();
    for (int i = 0; a != null && i < Math.min(a.size(), MAX_FIELDS); i++) {
      out.add(a.get(i));
    }
    return out;
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

  /** The keys whose values differ, in name order. */
  private static List<COSName> differingKeys(COSDictionary a, COSDictionary b) {
    Set<COSName> keys = new HashSet<>(a.keySet());
    keys.addAll(b.keySet());
    List<COSName> out = new ArrayList<>();
    for (COSName k : keys) {
      if (!sameValue(a.getItem(k), b.getItem(k), 0)) {
        out.add(k);
      }
    }
    out.sort((x, y) -> x.getName().compareTo(y.getName()));
    return out;
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
