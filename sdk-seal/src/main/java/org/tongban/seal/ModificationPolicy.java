package org.tongban.seal;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which changes made after an approval seal the seal survives. {@link ModificationLevel#NONE},
 * {@link ModificationLevel#LTA_UPDATES} and {@link ModificationLevel#SIGNATURES} are always
 * permitted (a document collects seals one after another, and validation data changes nothing
 * shown); {@link ModificationLevel#OTHER} never is. A caller may permit form filling and
 * annotations, one or both.
 *
 * <p>{@link #STRICT}, the default of the verifiers, permits neither: an annotation is drawn over
 * the page and can cover what was sealed, and a form value shown after the seal is not what
 * the sealer saw. A PDF certification seal is judged by its own DocMDP permission instead
 * (see {@code DocMdpPermission}), exactly as ISO 32000 defines it.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1
 */
public final class ModificationPolicy {
  private static final Set<ModificationLevel> ALWAYS = EnumSet.of(ModificationLevel.NONE,
      ModificationLevel.LTA_UPDATES, ModificationLevel.SIGNATURES);

  /** Later signatures and validation data only: the verifiers' default. */
  public static final ModificationPolicy STRICT = new ModificationPolicy(ALWAYS);

  private final Set<ModificationLevel> permitted;

  private ModificationPolicy(Set<ModificationLevel> permitted) {
    this.permitted = Set.copyOf(permitted);
  }

  /**
   * Returns a policy permitting, besides what every policy permits, the given levels.
   *
   * @param levels some of {@link ModificationLevel#FORM_FILLING} and
   *     {@link ModificationLevel#ANNOTATIONS}
   * @return the policy
   * @throws IllegalArgumentException if {@link ModificationLevel#OTHER} is among them
   */
  public static ModificationPolicy permitting(ModificationLevel... levels) {
    return permitting(java.util.List.of(levels));
  }

  /**
   * Returns a policy permitting, besides what every policy permits, the given levels.
   *
   * @param levels some of {@link ModificationLevel#FORM_FILLING} and
   *     {@link ModificationLevel#ANNOTATIONS}
   * @return the policy
   * @throws IllegalArgumentException if {@link ModificationLevel#OTHER} is among them
   */
  public static ModificationPolicy permitting(Collection<ModificationLevel> levels) {
    Set<ModificationLevel> all = EnumSet.copyOf(ALWAYS);
    for (ModificationLevel l : levels) {
      if (l == ModificationLevel.OTHER) {
        throw new IllegalArgumentException("OTHER changes are never permitted");
      }
      all.add(l);
    }
    return new ModificationPolicy(all);
  }

  /**
   * Returns the permitted levels.
   *
   * @return an immutable set, always holding NONE, LTA_UPDATES and SIGNATURES
   */
  public Set<ModificationLevel> permitted() {
    return permitted;
  }

  /**
   * Returns whether a level is permitted.
   *
   * @param level the level
   * @return true if permitted
   */
  public boolean permits(ModificationLevel level) {
    return permitted.contains(level);
  }

  /**
   * Returns the first change this policy does not permit.
   *
   * @param changes the changes, in the order found
   * @return the first refused change, or empty if all are permitted
   */
  public Optional<Modification> firstRefused(Collection<Modification> changes) {
    return changes.stream().filter(m -> !permits(m.level())).findFirst();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ModificationPolicy p && p.permitted.equals(permitted);
  }

  @Override
  public int hashCode() {
    return permitted.hashCode();
  }

  @Override
  public String toString() {
    return "ModificationPolicy" + EnumSet.copyOf(permitted);
  }
}
