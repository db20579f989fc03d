package org.tracr4j.viz;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the parts of a report the tests check from its HTML, as written by {@link Report} or as serialised
 * by a browser (both quote attributes with double quotes and escape text the same way).
 */
final class Page {
  private static final Pattern EXPRESSION = Pattern.compile("<g class=\"node[^\"]*\" data-expr=\"([^\"]*)\"");
  private static final Pattern HEAD = Pattern.compile("<div class=\"card head\" data-head=\"([^\"]*)\"");
  private static final Pattern ROW_LABEL = Pattern.compile("<text class=\"row\"[^>]*>([^<]*)</text>");
  private static final Pattern EXTERNAL = Pattern.compile(
      "(?:src|href)\\s*=\\s*\"(?!#)[^\"]*\"|@import|url\\((?!#)|https?://(?!www\\.w3\\.org/2000/svg)");

  private Page() {}

  /** The expression labels of the program graph's boxes. */
  static List<String> graphExpressions(String html) {
    return all(EXPRESSION, html);
  }

  /** {@code L1H0}, … for each attention pattern shown. */
  static List<String> heads(String html) {
    return all(HEAD, html);
  }

  /** The row labels of the residual heatmap. */
  static List<String> residualRows(String html) {
    int start = html.indexOf("data-map=\"residual\"");
    int end = html.indexOf("</svg>", start);
    return all(ROW_LABEL, html.substring(start, end));
  }

  /** Every reference to something outside the page (there should be none). */
  static List<String> externalReferences(String html) {
    List<String> found = new ArrayList<>();
    Matcher m = EXTERNAL.matcher(html);
    while (m.find()) {
      found.add(m.group());
    }
    return found;
  }

  private static List<String> all(Pattern pattern, String html) {
    List<String> found = new ArrayList<>();
    Matcher m = pattern.matcher(html);
    while (m.find()) {
      found.add(unescape(m.group(1)));
    }
    return found;
  }

  static String unescape(String text) {
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
        .replace("&nbsp;", "\u00a0").replace("&amp;", "&");
  }
}
