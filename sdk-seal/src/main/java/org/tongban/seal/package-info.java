/**
 * Electronic seals (统一电子印章): make seals ({@link org.tongban.seal.SealMaker}), seal data
 * in three steps ({@link org.tongban.seal.DataSealer}), verify ({@link
 * org.tongban.seal.SealVerifier}), and draw demo seal pictures
 * ({@link org.tongban.seal.SealPictures}). Nothing here accepts or returns null.
 */
package org.tongban.seal;
