/**
 * Tongban's exception hierarchy: {@link org.tongban.TongbanException} and its subclasses, each
 * carrying a {@link org.tongban.result.Reason}. Nothing in this SDK's public API accepts or
 * returns null.
 */
package org.tongban;
