/**
 * Input handling shared by all modules: the named size {@link org.tongban.io.Limits}. Nothing
 * here accepts or returns null.
 */
package org.tongban.io;
