/**
 * Internal — no compatibility guarantee. JOSE details behind {@code org.tongban.identity}: the
 * strict compact-JWS reader and the JWS signature check.
 */
package org.tongban.internal.jose;
