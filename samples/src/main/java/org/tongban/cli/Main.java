package org.tongban.cli;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tongban} command line: {@code java -jar samples/target/tongban.jar <command>}.
 *
 * <p>Exit codes: 0 passed or success, 1 FAILED, 3 INDETERMINATE, 2 usage or input error (a
 * message on stderr, or one JSON object on stdout under {@code --json}; a stack trace only with
 * {@code --debug}).
 */
@Command(name = "tongban", mixinStandardHelpOptions = true, version = "tongban 0.1.0",
    description = "Tongban SDK: unified identity, electronic seals and licences.",
    subcommands = {KeygenCommand.class, SignCommand.class, VerifyCommand.class,
        SealCommand.class, PdfCommand.class, OfdCommand.class, LicenseCommand.class, TokenCommand.Jwks.class,
        TokenCommand.Token.class, DemoCommand.class})
public final class Main implements Runnable {
  /** Success, or verification PASSED. */
  public static final int EXIT_OK = 0;
  /** Verification FAILED. */
  public static final int EXIT_FAILED = 1;
  /** Usage or input error. */
  public static final int EXIT_USAGE = 2;
  /** Verification INDETERMINATE. */
  public static final int EXIT_INDETERMINATE = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command");
  }

  /**
   * Runs the CLI and returns the exit code, without calling {@code System.exit}.
   *
   * @param out standard output
   * @param err standard error
   * @param args the arguments
   * @return the exit code
   */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(out);
    cl.setErr(err);
    boolean json = flag(args, "--json");
    boolean debug = flag(args, "--debug");
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      report(commandLine, json, "input", describe(ex), List.of(), false);
      if (debug) {
        ex.printStackTrace(commandLine.getErr());
      }
      commandLine.getErr().flush();
      return EXIT_USAGE;
    });
    cl.setParameterExceptionHandler((ex, a) -> {
      // picocli reports a missing required option before an unknown word; the unknown word
      // (a mistyped option) is the better clue, so it is named first.
      List<String> unmatched = ex instanceof CommandLine.UnmatchedArgumentException u
          ? u.getUnmatched() : ex.getCommandLine().getUnmatchedArguments();
      String message = ex instanceof CommandLine.UnmatchedArgumentException || unmatched.isEmpty()
          ? ex.getMessage() : "unknown option or argument '" + unmatched.get(0) + "'";
      report(ex.getCommandLine(), json, "usage", message, suggest(ex.getCommandLine(), unmatched),
          true);
      return EXIT_USAGE;
    });
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** Whether a flag was given before the end of the options ({@code --}). */
  private static boolean flag(String[] args, String name) {
    for (String a : args) {
      if (a.equals("--")) {
        return false;
      }
      if (a.equals(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Reports an error: as one JSON object on stdout under {@code --json}, else as lines on
   * stderr — the message, "did you mean" for a mistyped word, and the help command of the
   * command that failed.
   */
  private static void report(CommandLine where, boolean json, String kind, String message,
      List<String> suggestions, boolean hint) {
    String text = message.startsWith("Error: ") ? message.substring(7) : message;
    String help = where.getCommandSpec().qualifiedName(" ") + " --help";
    if (json) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("error", kind);
      o.put("message", text);
      if (!suggestions.isEmpty()) {
        o.put("didYouMean", new ArrayList<>(suggestions));
      }
      o.put("help", help);
      where.getOut().println(JSONObjectUtils.toJSONString(o));
      where.getOut().flush();
      return;
    }
    PrintWriter err = where.getErr();
    err.println("error: " + text);
    if (!suggestions.isEmpty()) {
      err.println("did you mean: " + String.join(", ", suggestions) + "?");
    }
    if (hint) {
      err.println("see: " + help);
    }
    err.flush();
  }

  /**
   * The sub-commands and options of the command that are one or two edits (a typo, a swapped
   * pair of letters) away from the first unmatched word.
   */
  static List<String> suggest(CommandLine where, List<String> unmatched) {
    if (unmatched.isEmpty()) {
      return List.of();
    }
    String word = unmatched.get(0);
    List<String> names = new ArrayList<>(where.getSubcommands().keySet());
    where.getCommandSpec().options().forEach(o -> names.addAll(List.of(o.names())));
    List<String> out = new ArrayList<>();
    for (String n : names) {
      if (!out.contains(n) && distance(word, n) <= (n.length() <= 4 ? 1 : 2)) {
        out.add(n);
      }
    }
    return out;
  }

  /** Edit distance counting insertions, deletions, substitutions and adjacent swaps. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  private static String describe(Exception ex) {
    if (ex instanceof java.nio.file.NoSuchFileException) {
      return "no such file: " + ex.getMessage();
    }
    if (ex instanceof java.nio.file.AccessDeniedException) {
      return "permission denied: " + ex.getMessage();
    }
    String m = ex.getMessage();
    return m == null ? ex.getClass().getSimpleName() : m;
  }

  /**
   * Entry point.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    // Library logs (PDFBox, Jetty, Tongban's System.Logger) go through SLF4J to slf4j-simple,
    // off by default (simplelogger.properties): a command's outcome is its output and exit
    // code, not log lines. --debug turns them on.
    if (flag(args, "--debug")) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "debug");
    }
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(out, err, args));
  }
}
