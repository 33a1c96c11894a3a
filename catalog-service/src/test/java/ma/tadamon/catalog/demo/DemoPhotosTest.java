package ma.tadamon.catalog.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import ma.tadamon.catalog.domain.Category;
import ma.tadamon.catalog.photos.PhotoProcessing;
import org.junit.jupiter.api.Test;

/** The demo catalog's drawn pictures go through the same processing as a cooperative's photos. */
class DemoPhotosTest {

  @Test
  void every_category_has_a_picture_that_processes_like_a_photo() throws Exception {
    Set<String> ids = new HashSet<>();
    for (Category category : Category.values()) {
      UUID product = UUID.nameUUIDFromBytes(category.slug().getBytes());
      PhotoProcessing.Processed processed =
          PhotoProcessing.process(DemoPhotos.of(product, category));

      assertThat(processed.width()).isEqualTo(1280);
      assertThat(processed.renditions()).hasSize(3);
      ids.add(processed.id());
    }
    assertThat(ids).as("each product its own picture").hasSize(Category.values().length);
  }
}
