package org.tongban.seal.ofd.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import org.tongban.MalformedInputException;

/** Resolves the {@code ST_Loc} paths of OFD parts to package entry names. */
public final class OfdPaths {
  private OfdPaths() {}

  /**
   * Resolves a location: absolute ({@code /Doc_0/Document.xml}) from the package root, relative
   * ({@code Pages/Page_0/Content.xml}) from the folder of the part that names it.
   *
   * @param base the entry name of the part that names the location
   * @param loc the location as written
   * @return the entry name, without a leading {@code /}
   * @throws MalformedInputException if it is empty, has a backslash or climbs above the root
   */
  public static String resolve(String base, String loc) {
    String l = loc.trim();
    if (l.isEmpty() || l.indexOf('\\') >= 0 || l.indexOf(':') >= 0) {
      throw new MalformedInputException("the location " + loc + " is not a package path");
    }
    String joined = l.startsWith("/") ? l : folder(base) + l;
    Deque<String> parts = new ArrayDeque<>();
    for (String s : joined.split("/")) {
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      if (s.equals("..")) {
        if (parts.isEmpty()) {
          throw new MalformedInputException("the location " + loc + " climbs above the root");
        }
        parts.removeLast();
      } else {
        parts.addLast(s);
      }
    }
    if (parts.isEmpty()) {
      throw new MalformedInputException("the location " + loc + " names no part");
    }
    return String.join("/", parts);
  }

  /**
   * Returns the folder of an entry name, with a trailing {@code /}, or empty for the root.
   *
   * @param name the entry name
   * @return the folder
   */
  public static String folder(String name) {
    int i = name.lastIndexOf('/');
    return i < 0 ? "" : name.substring(0, i + 1);
  }
}
