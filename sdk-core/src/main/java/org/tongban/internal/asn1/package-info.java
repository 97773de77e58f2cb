/**
 * Internal — no compatibility guarantee. Strict, bounded DER decoding for Tongban's parsers.
 */
package org.tongban.internal.asn1;
