package org.tongban.cli;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tongban.result.Check;
import org.tongban.result.Reason;
import org.tongban.result.VerificationResult;

/** Prints a {@link VerificationResult} for people or as one JSON object, and maps exit codes. */
final class ResultPrinter {
  private ResultPrinter() {}

  static int exitCode(VerificationResult<?> r) {
    return exitCode(r.indication());
  }

  static int exitCode(org.tongban.result.Indication indication) {
    switch (indication) {
      case PASSED:
        return Main.EXIT_OK;
      case FAILED:
        return Main.EXIT_FAILED;
      default:
        return Main.EXIT_INDETERMINATE;
    }
  }

  /** The result as a JSON object: indication, reason, message, checks, warnings, then extra. */
  static Map<String, Object> json(VerificationResult<?> r, Map<String, Object> extra) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("indication", r.indication().name());
    o.put("reason", r.reason().map(Reason::name).orElse(null));
    o.put("message", r.reason().map(x -> x.message(Locale.ENGLISH)).orElse(null));
    List<Object> checks = new ArrayList<>();
    for (Check c : r.checks()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", c.id().name());
      m.put("status", c.status().name());
      m.put("reason", c.reason().map(Reason::name).orElse(null));
      m.put("detail", c.detail());
      checks.add(m);
    }
    o.put("checks", checks);
    List<Object> warnings = new ArrayList<>();
    r.warnings().forEach(w -> warnings.add(w.name()));
    o.put("warnings", warnings);
    o.put("validationTime", r.validationTime().toString());
    o.putAll(extra);
    return o;
  }

  static void print(PrintWriter out, VerificationResult<?> r, boolean json,
      Map<String, Object> extra) {
    if (json) {
      out.println(JSONObjectUtils.toJSONString(json(r, extra)));
    } else {
      out.println(r.indication() + r.reason().map(x -> " " + x.name() + ": "
          + x.message(Locale.ENGLISH) + " (" + x.message(Locale.SIMPLIFIED_CHINESE) + ")")
          .orElse(""));
      for (Map.Entry<String, Object> e : extra.entrySet()) {
        out.println("  " + e.getKey() + ": " + e.getValue());
      }
      for (Check c : r.checks()) {
        out.println("  - " + c.id() + ": " + c.status()
            + c.reason().map(x -> " " + x.name()).orElse("")
            + (c.detail().isEmpty() ? "" : " (" + c.detail() + ")"));
      }
    }
    out.flush();
  }

  /**
   * Prints a document verdict (PDF, OFD) and each signature's result: for people a
   * {@code document:} line then one block per signature; as JSON the document result with its
   * signatures. Each signature's facts, signer and claimed signing time are printed, plus what
   * {@code extras} adds from a verified payload.
   *
   * @return the exit code of the document verdict
   */
  static <T> int document(PrintWriter out, boolean json, VerificationResult<?> document,
      List<VerificationResult<T>> signatures,
      java.util.function.BiConsumer<T, Map<String, Object>> extras) {
    if (!json) {
      out.println("document: " + document.indication() + document.reason().map(r -> " "
          + r.name() + ": " + r.message(Locale.ENGLISH)).orElse("") + " ("
          + signatures.size() + " signature" + (signatures.size() == 1 ? "" : "s") + ")");
    }
    List<Object> each = new ArrayList<>();
    int i = 1;
    for (VerificationResult<T> r : signatures) {
      Map<String, Object> extra = new LinkedHashMap<>();
      r.evidence().facts().forEach(extra::put);
      if (!r.evidence().certificates().isEmpty()) {
        extra.put("signer", r.evidence().certificates().get(0).getSubjectX500Principal()
            .getName());
      }
      r.evidence().claimedSigningTime().ifPresent(t -> extra.put("signingTime", t.toString()));
      r.verified().ifPresent(v -> extras.accept(v, extra));
      if (json) {
        each.add(json(r, extra));
      } else {
        out.print("signature " + i++ + ": ");
        print(out, r, false, extra);
      }
    }
    if (json) {
      // The document verdict in the common result model, then each signature's result.
      print(out, document, true, Map.of("signatures", each));
    }
    return exitCode(document);
  }

  /**
   * Reads {@code --permit} values: each must be one of {@code allowed}'s names.
   *
   * @return the levels
   * @throws picocli.CommandLine.ParameterException for another value (a usage error)
   */
  static List<org.tongban.seal.ModificationLevel> permitted(
      picocli.CommandLine.Model.CommandSpec spec, List<String> given,
      Map<String, org.tongban.seal.ModificationLevel> allowed) {
    List<org.tongban.seal.ModificationLevel> levels = new ArrayList<>();
    for (String p : given) {
      if (!allowed.containsKey(p)) {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--permit takes "
            + String.join(" or ", allowed.keySet()) + ", not " + p);
      }
      levels.add(allowed.get(p));
    }
    return levels;
  }
}
