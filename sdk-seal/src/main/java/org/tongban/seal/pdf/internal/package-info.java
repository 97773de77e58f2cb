/**
 * PDF reading behind {@code org.tongban.seal.pdf}: signature-field discovery, byte ranges and
 * the gap, the CMS in {@code /Contents}, and the classification of later revisions; not API.
 */
package org.tongban.seal.pdf.internal;
