package io.github.fss.ui;

/**
 * Escapes text for HTML element content and quoted attribute values alike. Every string that came
 * from a transcript or a session file goes through here: markup characters become entities, and
 * control and direction-override characters become visible stand-ins, so a hostile transcript can
 * neither add markup nor hide or reorder what is shown.
 */
public final class Html {
  private Html() {}

  public static String esc(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      String r = replacement(s, i, c);
      if (r == null) {
        if (sb != null) {
          sb.append(c);
        }
        continue;
      }
      if (sb == null) {
        sb = new StringBuilder(s.length() + 16).append(s, 0, i);
      }
      sb.append(r);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        sb.append(s.charAt(++i));
      }
    }
    return sb == null ? s : sb.toString();
  }

  private static String replacement(String s, int i, char c) {
    switch (c) {
      case '&': return "&amp;";
      case '<': return "&lt;";
      case '>': return "&gt;";
      case '"': return "&quot;";
      case '\'': return "&#39;";
      case '\n':
      case '\t':
        return null;
      default:
        break;
    }
    if (c < 0x20) {
      return String.valueOf((char) (0x2400 + c)); // ␀ … ␟: the control picture, visible and inert
    }
    if (c == 0x7f) {
      return "\u2421";
    }
    if ((c >= 0x80 && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
        || c == 0x200e || c == 0x200f || c == 0x061c || c == 0xfeff) {
      return "\ufffd";
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1)) ? String.valueOf(c) : "\ufffd";
    }
    if (Character.isLowSurrogate(c)) {
      return "\ufffd"; // a low surrogate reached here alone: its high one would have taken it
    }
    return null;
  }

  /** A path segment for a URL: only unreserved characters pass, the rest is percent-encoded. */
  public static String segment(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }
}
