/**
 * Internal — no compatibility guarantee. Small helpers shared by the verifiers.
 */
package org.tongban.internal.util;
