/**
 * The HTTP seam: {@link org.tongban.http.HttpTransport} with hard
 * {@link org.tongban.http.HttpLimits}, and the OkHttp-based default. Nothing here accepts or
 * returns null.
 */
package org.tongban.http;
