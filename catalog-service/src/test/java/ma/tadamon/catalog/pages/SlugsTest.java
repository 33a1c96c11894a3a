package ma.tadamon.catalog.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class SlugsTest {

  private static final UUID ID = UUID.fromString("3f0c5a4e-0b1d-4c2e-9f00-1a2b3c4d5e6f");

  @Test
  void words_keep_letters_of_any_script_and_drop_accents_vowel_marks_and_punctuation() {
    assertThat(Slugs.words("Huile d’argan alimentaire torréfiée"))
        .isEqualTo("huile-d-argan-alimentaire-torrefiee");
    assertThat(Slugs.words("زَيت أركان – 250 مل")).isEqualTo("زيت-اركان-250-مل");
    assertThat(Slugs.words("  ***  ")).isEmpty();
    assertThat(Slugs.words("ⵜⴰⵎⴰⵣⵉⵖⵜ Tamazight")).isEqualTo("ⵜⴰⵎⴰⵣⵉⵖⵜ-tamazight");
  }

  @Test
  void long_names_are_cut_at_a_word() {
    String words = Slugs.words("Coopérative ".repeat(10));
    assertThat(words.length()).isLessThanOrEqualTo(Slugs.MAX_WORDS_LENGTH);
    assertThat(words).startsWith("cooperative-cooperative").doesNotEndWith("-");
  }

  @Test
  void the_id_ends_the_address_and_is_read_back_from_it() {
    String slug = Slugs.of("Dattes Mejhoul", ID);
    assertThat(slug).isEqualTo("dattes-mejhoul-3f0c5a4e0b1d4c2e9f001a2b3c4d5e6f");
    assertThat(Slugs.idIn(slug)).contains(ID);
    assertThat(Slugs.idIn("other-words-3f0c5a4e0b1d4c2e9f001a2b3c4d5e6f")).contains(ID);
    assertThat(Slugs.of("***", ID)).isEqualTo("3f0c5a4e0b1d4c2e9f001a2b3c4d5e6f");
    assertThat(Slugs.idIn("3f0c5a4e0b1d4c2e9f001a2b3c4d5e6f")).contains(ID);
  }

  @Test
  void addresses_without_an_id_have_none() {
    assertThat(Slugs.idIn("dattes-mejhoul")).isEmpty();
    assertThat(Slugs.idIn("x3f0c5a4e0b1d4c2e9f001a2b3c4d5e6f")).isEmpty();
    assertThat(Slugs.idIn("dattes-3F0C5A4E0B1D4C2E9F001A2B3C4D5E6F")).isEmpty();
    assertThat(Slugs.idIn("dattes-3f0c5a4e0b1d4c2e9f001a2b3c4d5e6g")).isEmpty();
    assertThat(Slugs.idIn("")).isEmpty();
  }
}
