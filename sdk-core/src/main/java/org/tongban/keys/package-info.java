/**
 * Key pairs, PEM/DER/PKCS#12 reading and writing, and in-memory
 * {@link org.tongban.crypto.SigningKey}s. Nothing here accepts or returns null.
 */
package org.tongban.keys;
