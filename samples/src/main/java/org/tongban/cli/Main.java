package org.tongban.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code tongban} command line: {@code java -jar samples/target/tongban.jar <command>}.
 *
 * <p>Exit codes (DESIGN.md §7): 0 passed or success, 1 FAILED, 3 INDETERMINATE, 2 usage or
 * input error (message on stderr; a stack trace only with {@code --debug}).
 */
@Command(name = "tongban", mixinStandardHelpOptions = true, version = "tongban 0.1.0",
    description = "Tongban SDK: unified identity, electronic seals and licences.",
    subcommands = {KeygenCommand.class, SignCommand.class, VerifyCommand.class,
        SealCommand.class, PdfCommand.class, LicenseCommand.class, TokenCommand.Jwks.class,
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
    boolean debug = java.util.Arrays.asList(args).contains("--debug");
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      commandLine.getErr().println("error: " + describe(ex));
      if (debug) {
        ex.printStackTrace(commandLine.getErr());
      }
      commandLine.getErr().flush();
      return EXIT_USAGE;
    });
    cl.setParameterExceptionHandler((ex, a) -> {
      ex.getCommandLine().getErr().println("error: " + ex.getMessage());
      ex.getCommandLine().getErr().println("see: tongban "
          + ex.getCommandLine().getCommandName() + " --help");
      ex.getCommandLine().getErr().flush();
      return EXIT_USAGE;
    });
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  private static String describe(Exception ex) {
    if (ex instanceof java.nio.file.NoSuchFileException) {
      return "no such file: " + ex.getMessage();
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
    // The sample apps' Jetty logs through SLF4J; with no provider on the class path SLF4J
    // would print a three-line warning into the demo's output.
    if (System.getProperty("slf4j.internal.verbosity") == null) {
      System.setProperty("slf4j.internal.verbosity", "ERROR");
    }
    PrintWriter out = new PrintWriter(System.out, true, java.nio.charset.StandardCharsets.UTF_8);
    PrintWriter err = new PrintWriter(System.err, true, java.nio.charset.StandardCharsets.UTF_8);
    System.exit(run(out, err, args));
  }
}
