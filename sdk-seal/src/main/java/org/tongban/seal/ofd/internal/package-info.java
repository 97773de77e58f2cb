/** OFD package reading and writing behind {@code org.tongban.seal.ofd}; not API. */
package org.tongban.seal.ofd.internal;
