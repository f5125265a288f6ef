package io.github.fss.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What {@link Html#esc} makes of text a transcript could hold. */
class HtmlTest {
  @Test
  void markupCharactersBecomeEntities() {
    assertEquals("&lt;a href=&quot;javascript:x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;",
        Html.esc("<a href=\"javascript:x\" onclick='y'>&</a>"));
  }

  @Test
  void controlAndDirectionCharactersBecomeVisibleAndInert() {
    assertEquals("\u241b[31mred\u2407 \u2400 \u2421 \ufffd \ufffdexe.txt \ufffd", Html.esc("\u001b[31mred\u0007 \u0000 \u007f \u0085 \u202eexe.txt \u2066"));
    assertEquals("line\nnext\tcol", Html.esc("line\nnext\tcol"), "newlines and tabs stay");
    assertEquals("\u240d", Html.esc("\r"));
  }

  @Test
  void aLoneSurrogateIsReplacedAndAPairKept() {
    assertEquals("\ufffd x \ufffd \ud83d\ude00", Html.esc("\ud83d x \ude00 \ud83d\ude00"));
  }

  @Test
  void plainTextIsReturnedAsIs() {
    String s = "refund webhook — 退款";
    assertEquals(s, Html.esc(s));
    assertEquals("", Html.esc(null));
  }

  @Test
  void aUrlSegmentKeepsNothingButUnreservedCharacters() {
    assertEquals("a%2F..%2F%3Cb%3E%20c", Html.segment("a/../<b> c"));
  }
}
