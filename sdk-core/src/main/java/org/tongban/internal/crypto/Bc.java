package org.tongban.internal.crypto;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one BouncyCastle provider instance Tongban passes explicitly to JCA calls. It is never
 * registered with {@code Security.addProvider}: an embedded library must not change the host's
 * global provider list.
 */
public final class Bc {
  /** The provider instance. */
  public static final Provider PROVIDER = new BouncyCastleProvider();

  private Bc() {}
}
