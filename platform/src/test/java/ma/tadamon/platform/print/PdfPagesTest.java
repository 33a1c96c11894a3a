package ma.tadamon.platform.print;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PdfPagesTest {

  @Test
  void arabic_is_drawn_in_its_joined_forms_in_visual_order() {
    String visual = PdfPages.visual("سلام");

    assertThat(visual.codePoints())
        .as("presentation forms: mim, then lam-alef, then initial sin, read left to right")
        .allMatch(c -> c >= 0xFE70 && c <= 0xFEFF);
    assertThat(visual.codePointAt(0))
        .as("mim first, from the left, alone: alef does not join the letter after it")
        .isEqualTo(0xFEE1);
    assertThat(visual.codePointAt(visual.length() - 1)).as("initial sin last").isEqualTo(0xFEB3);
  }

  @Test
  void numbers_and_latin_words_stay_readable_and_latin_alone_is_untouched() {
    assertThat(PdfPages.visual("Coopérative Oasis")).isEqualTo("Coopérative Oasis");
    String price = PdfPages.visual("120 درهم");
    assertThat(price).contains("120");
    assertThat(price.indexOf("120"))
        .as("a right-to-left line ends, on the right, with 120")
        .isPositive();
  }
}
