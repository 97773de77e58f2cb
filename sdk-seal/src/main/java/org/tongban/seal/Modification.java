package org.tongban.seal;

import java.util.Objects;

/**
 * One change made to a sealed document after a seal, as a verifier classified it.
 *
 * @param level how far the change goes
 * @param description what changed, e.g. {@code field amount: /V changed}; names objects and
 *     fields, never their values
 * @since 0.1
 */
public record Modification(ModificationLevel level, String description) {
  /**
   * Checks the components.
   *
   * @param level how far the change goes
   * @param description what changed
   */
  public Modification {
    Objects.requireNonNull(level, "level");
    Objects.requireNonNull(description, "description");
  }

  @Override
  public String toString() {
    return level + ": " + description;
  }
}
