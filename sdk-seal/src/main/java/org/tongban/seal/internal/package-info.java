/**
 * Internal — no compatibility guarantee. ASN.1 reading and writing for the SES formats.
 */
package org.tongban.seal.internal;
