package org.tongban.cli;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options every command takes: {@code --json} (one JSON object on stdout, errors included)
 * and {@code --debug} (stack traces and library logs on stderr).
 */
final class CommonOptions {
  @Option(names = "--json", description = "print one JSON object on stdout (errors too)")
  boolean json;

  @Option(names = "--debug", description = "on an error also print the stack trace; show the "
      + "libraries' logs on stderr")
  boolean debug;

  /**
   * Reports what a command that is not a verification did: the human line, or under
   * {@code --json} the fields as one JSON object.
   */
  void done(CommandSpec spec, String human, Map<String, Object> fields) {
    if (json) {
      spec.commandLine().getOut().println(JSONObjectUtils.toJSONString(fields));
    } else {
      spec.commandLine().getOut().println(human);
    }
    spec.commandLine().getOut().flush();
  }
}
