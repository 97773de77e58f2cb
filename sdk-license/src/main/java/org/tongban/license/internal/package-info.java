/**
 * Internal — no compatibility guarantee. CBOR, COSE_Sign1 and zlib for licences.
 */
package org.tongban.license.internal;
