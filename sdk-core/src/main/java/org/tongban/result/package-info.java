/**
 * The one verification-result model shared by identity, seals and licences:
 * {@link org.tongban.result.VerificationResult} with an {@link org.tongban.result.Indication}, a
 * stable {@link org.tongban.result.Reason} code (English and zh-CN messages), the ordered
 * {@link org.tongban.result.Check}s and the verified payload only when PASSED. Nothing here
 * accepts or returns null.
 */
package org.tongban.result;
