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
}
