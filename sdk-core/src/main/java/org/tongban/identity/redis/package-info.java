/**
 * Identity state shared by the nodes of a department app, in Redis: sessions and the one-use
 * memory of logout tokens. Needs Lettuce ({@code io.lettuce:lettuce-core}) on the class path,
 * which Tongban declares optional.
 */
package org.tongban.identity.redis;
