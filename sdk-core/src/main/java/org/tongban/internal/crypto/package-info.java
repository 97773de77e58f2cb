/**
 * Internal — no compatibility guarantee. Implementation details of Tongban's public
 * {@code org.tongban.*} packages; do not use directly. Nothing here accepts or returns null unless a
 * method says so.
 */
package org.tongban.internal.crypto;
