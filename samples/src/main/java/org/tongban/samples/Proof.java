package org.tongban.samples;

/**
 * How a sample ends: one line saying what it proved (or that it did not), and the exit code.
 */
public final class Proof {
  private Proof() {}

  /**
   * Prints {@code proved: <claim>} or {@code NOT proved: <claim>} and returns the exit code.
   *
   * @param held whether every check of the sample held
   * @param claim what the sample shows, in one sentence
   * @return 0 if it held, 1 if not
   */
  public static int report(boolean held, String claim) {
    System.out.println((held ? "proved: " : "NOT proved: ") + claim);
    return held ? 0 : 1;
  }
}
