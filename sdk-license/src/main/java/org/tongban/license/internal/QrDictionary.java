package org.tongban.license.internal;

import java.nio.charset.StandardCharsets;

/**
 * The zlib preset dictionary of {@code ZZ1:} codes: words that recur in licences (licence
 * names, authorities, company forms, the names of business-licence data items) and in the
 * status claim, so that a licence's QR text refers back to them instead of spelling them out.
 * The dictionary is the UTF-8 encoding of {@link #words()} concatenated in order (the most
 * frequent last, where back-references are shortest); a stream names it by its Adler-32.
 * Changing a word makes a new dictionary that older readers cannot use: append a new
 * dictionary instead.
 */
public final class QrDictionary {
  /** The words, in order. */
  private static final String[] WORDS = {
      "不动产权证书", "道路运输经营许可证", "药品经营许可证", "食品经营许可证", "出生医学证明",
      "社会保障卡", "机动车驾驶证", "居民身份证", "户口簿", "结婚证",
      "人力资源和社会保障局", "自然资源局", "交通运输局", "卫生健康委员会", "民政局", "公安局",
      "住所", "营业期限", "长期", "成立日期", "经营范围", "个体工商户", "合伙企业",
      "股份有限公司", "有限责任公司", "注册资本", "万元人民币", "类型", "法定代表人",
      "https://", ".gov.cn/", "status_list", "idx", "uri",
      "科技有限公司", "市场监督管理局", "营业执照",
  };

  private static final byte[] BYTES = String.join("", WORDS).getBytes(StandardCharsets.UTF_8);

  private QrDictionary() {}

  /**
   * Returns the words, in order.
   *
   * @return a copy
   */
  public static java.util.List<String> words() {
    return java.util.List.of(WORDS);
  }

  /**
   * Returns the dictionary's bytes.
   *
   * @return a copy
   */
  public static byte[] bytes() {
    return BYTES.clone();
  }
}
