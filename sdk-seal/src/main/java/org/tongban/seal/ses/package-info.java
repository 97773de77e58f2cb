/**
 * The electronic seal data formats of GB/T 38540-2020 ("v4") and GM/T 0031-2014 ("v1"):
 * {@link org.tongban.seal.ses.SesSeal} and {@link org.tongban.seal.ses.SesSignature}, parsed
 * strictly (DER only, size and depth limits). Nothing here accepts or returns null.
 */
package org.tongban.seal.ses;
