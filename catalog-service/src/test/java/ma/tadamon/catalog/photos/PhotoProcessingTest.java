package ma.tadamon.catalog.photos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Photos as cooperatives' phones send them, and files that only pretend to be photos. */
class PhotoProcessingTest {

  @Test
  void a_camera_photo_comes_out_upright_in_three_widths_without_its_gps_position()
      throws Exception {
    byte[] sent = TestPhotos.cameraJpeg(1600, 1200);
    assertThat(TestPhotos.exifSegments(sent)).as("the test photo carries EXIF").hasSize(1);
    assertThat(new String(sent, StandardCharsets.ISO_8859_1)).contains("Taliouine");

    PhotoProcessing.Processed processed = PhotoProcessing.process(sent);

    assertThat(processed.width()).as("turned upright: portrait").isEqualTo(1200);
    assertThat(processed.height()).isEqualTo(1600);
    assertThat(processed.renditions())
        .extracting(PhotoProcessing.Rendered::width)
        .containsExactly(320, 640, 1200);
    for (PhotoProcessing.Rendered rendition : processed.renditions()) {
      assertThat(TestPhotos.exifSegments(rendition.jpeg())).as("no EXIF at all").isEmpty();
      assertThat(new String(rendition.jpeg(), StandardCharsets.ISO_8859_1))
          .doesNotContain("Taliouine")
          .doesNotContain("Exif");
      BufferedImage read = TestPhotos.decode(rendition.jpeg());
      assertThat(read.getWidth()).isEqualTo(rendition.width());
      assertThat(read.getHeight()).isEqualTo(rendition.height());
      // The red band, stored on the left, is now at the top.
      int top = read.getRGB(read.getWidth() / 2, 1);
      int bottom = read.getRGB(read.getWidth() / 2, read.getHeight() - 2);
      assertThat((top >> 16) & 0xFF).as("red at the top").isGreaterThan(200);
      assertThat((bottom >> 16) & 0xFF).as("green below").isLessThan(100);
      assertThat(rendition.key()).matches("photos/[0-9a-f]{64}\\.jpg");

      // The same width in WebP: a real WebP, upright, smaller, and just as blind to where it was.
      assertThat(rendition.webpKey()).matches("photos/[0-9a-f]{64}\\.webp");
      assertThat(new String(rendition.webp(), 0, 4, StandardCharsets.US_ASCII)).isEqualTo("RIFF");
      assertThat(new String(rendition.webp(), 8, 4, StandardCharsets.US_ASCII)).isEqualTo("WEBP");
      assertThat(new String(rendition.webp(), StandardCharsets.ISO_8859_1))
          .doesNotContain("Taliouine")
          .doesNotContain("EXIF")
          .doesNotContain("Exif");
      assertThat(rendition.webp().length).isLessThan(rendition.jpeg().length);
      BufferedImage webp = TestPhotos.decode(rendition.webp());
      assertThat(webp.getWidth()).isEqualTo(rendition.width());
      assertThat((webp.getRGB(webp.getWidth() / 2, 1) >> 16) & 0xFF)
          .as("red at the top")
          .isGreaterThan(200);
    }
    assertThat(PhotoProcessing.process(sent).id())
        .as("the same bytes are the same photo")
        .isEqualTo(processed.id());
  }

  @Test
  void a_png_is_read_for_what_it_is_whatever_its_name_and_a_small_one_is_never_enlarged()
      throws Exception {
    PhotoProcessing.Processed processed = PhotoProcessing.process(TestPhotos.png(500, 300));

    assertThat(processed.renditions())
        .extracting(PhotoProcessing.Rendered::width)
        .containsExactly(320, 500);
    BufferedImage read = TestPhotos.decode(processed.renditions().get(1).jpeg());
    assertThat(read.getRGB(0, 0) & 0xFFFFFF).as("transparency on white").isEqualTo(0xFFFFFF);
  }

  @Test
  void what_is_not_a_usable_photo_is_refused_with_its_reason() {
    assertThat(refusal(TestPhotos.zip())).isEqualTo(PhotoProcessing.Refused.Reason.NOT_A_PHOTO);
    assertThat(refusal("just text".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(PhotoProcessing.Refused.Reason.NOT_A_PHOTO);
    assertThat(refusal(TestPhotos.animatedGif()))
        .isEqualTo(PhotoProcessing.Refused.Reason.ANIMATED);
    assertThat(refusal(TestPhotos.pngClaiming(20_000, 20_000)))
        .as("400 megapixels claimed by a few bytes: refused before decoding")
        .isEqualTo(PhotoProcessing.Refused.Reason.TOO_MANY_PIXELS);
    assertThat(refusal(new byte[PhotoProcessing.MAX_BYTES + 1]))
        .isEqualTo(PhotoProcessing.Refused.Reason.TOO_LARGE);
  }

  @Test
  void a_cmyk_jpeg_comes_out_in_srgb() throws Exception {
    PhotoProcessing.Processed processed = PhotoProcessing.process(TestPhotos.cmykJpeg(800, 600));

    BufferedImage read = TestPhotos.decode(processed.renditions().get(0).jpeg());
    assertThat(read.getColorModel().getColorSpace().isCS_sRGB()).isTrue();
    assertThat(read.getColorModel().getNumComponents()).isEqualTo(3);
    assertThat(processed.width()).isEqualTo(800);
  }

  @Test
  void a_truncated_jpeg_is_refused_or_shown_as_far_as_it_goes_never_a_crash() {
    byte[] whole = TestPhotos.cameraJpeg(800, 600);
    byte[] truncated = Arrays.copyOf(whole, whole.length / 3);
    try {
      PhotoProcessing.Processed processed = PhotoProcessing.process(truncated);
      assertThat(processed.renditions()).isNotEmpty();
    } catch (PhotoProcessing.Refused refused) {
      assertThat(refused.reason()).isEqualTo(PhotoProcessing.Refused.Reason.UNREADABLE);
    }
  }

  private static PhotoProcessing.Refused.Reason refusal(byte[] sent) {
    try {
      PhotoProcessing.process(sent);
    } catch (PhotoProcessing.Refused refused) {
      return refused.reason();
    }
    assertThatThrownBy(() -> {}).as("should have been refused").isNotNull();
    return null;
  }
}
