package ma.tadamon.catalog.photos;

import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import ma.tadamon.catalog.domain.Photo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A photo as a cooperative sent it, made safe and small for shoppers: the bytes are checked for
 * what they are (never the file's name or type), its size is read before anything is decoded (a few
 * bytes may claim a billion pixels), then it is decoded, turned upright as the camera said, put in
 * sRGB, and written again at fixed widths as JPEG, which every phone's browser and mail program
 * reads, and as WebP, about a third smaller, for the browsers (libwebp's encoder, native, bundled
 * for each platform in its jar; where it cannot load, JPEG alone). What is written carries no
 * metadata: a photo taken at a cooperative carries its GPS position, and none of it leaves here.
 * Slow on purpose: run it on a worker, never on an event loop.
 */
public final class PhotoProcessing {

  public static final int MAX_BYTES = 15 * 1024 * 1024;
  static final long MAX_PIXELS = 40_000_000;
  static final int[] WIDTHS = {320, 640, 1280};
  private static final float QUALITY = 0.82f;
  private static final float WEBP_QUALITY = 0.8f;
  private static final Logger log = LoggerFactory.getLogger(PhotoProcessing.class);
  private static volatile boolean webpWritable = true;
  // Decoding at more than twice the largest width would only be thrown away by the scaling.
  private static final int DECODE_WIDTH = 2 * WIDTHS[WIDTHS.length - 1];

  /** A photo ready to store: its id, its upright size, and each rendition's bytes. */
  public record Processed(String id, int width, int height, List<Rendered> renditions) {

    public Photo photo() {
      return new Photo(
          id,
          width,
          height,
          renditions.stream()
              .map(r -> new Photo.Rendition(r.width(), r.height(), r.key(), r.webpKey()))
              .toList());
    }
  }

  /** One rendition's JPEG and WebP bytes (none when it cannot be written), and their keys. */
  public record Rendered(
      int width, int height, String key, byte[] jpeg, String webpKey, byte[] webp) {}

  /** What was sent is refused; {@code reason} says why, for the person who sent it. */
  public static final class Refused extends Exception {

    /** Why a photo is refused. */
    public enum Reason {
      NOT_A_PHOTO,
      TOO_LARGE,
      TOO_MANY_PIXELS,
      ANIMATED,
      UNREADABLE
    }

    private final Reason reason;

    Refused(Reason reason, String message) {
      super(message, null, false, false);
      this.reason = reason;
    }

    public Reason reason() {
      return reason;
    }
  }

  private enum Format {
    JPEG,
    PNG,
    WEBP
  }

  private PhotoProcessing() {}

  public static Processed process(byte[] sent) throws Refused {
    if (sent.length > MAX_BYTES) {
      throw new Refused(Refused.Reason.TOO_LARGE, "a photo is at most 15 MB");
    }
    Format format = sniff(sent);
    if (format == Format.PNG && animatedPng(sent)) {
      throw new Refused(Refused.Reason.ANIMATED, "an animated image is not a photo");
    }
    BufferedImage decoded = decode(sent, format);
    BufferedImage upright = sRgb(upright(decoded, format == Format.JPEG ? orientation(sent) : 1));
    List<Rendered> renditions = new ArrayList<>();
    for (int width : WIDTHS) {
      boolean last = width >= upright.getWidth();
      int target = Math.min(width, upright.getWidth());
      BufferedImage scaled = scaled(upright, target);
      byte[] jpeg = jpeg(scaled);
      byte[] webp = webp(scaled);
      renditions.add(
          new Rendered(
              scaled.getWidth(),
              scaled.getHeight(),
              "photos/" + digest(jpeg) + ".jpg",
              jpeg,
              webp == null ? null : "photos/" + digest(webp) + ".webp",
              webp));
      if (last) {
        break; // never larger than what was sent
      }
    }
    return new Processed(
        digest(sent).substring(0, 24), upright.getWidth(), upright.getHeight(), renditions);
  }

  /** What the bytes are, by their first bytes: JPEG, PNG or WebP, or nothing we take. */
  private static Format sniff(byte[] bytes) throws Refused {
    if (bytes.length > 3
        && (bytes[0] & 0xFF) == 0xFF
        && (bytes[1] & 0xFF) == 0xD8
        && (bytes[2] & 0xFF) == 0xFF) {
      return Format.JPEG;
    }
    if (bytes.length > 8
        && (bytes[0] & 0xFF) == 0x89
        && new String(bytes, 1, 3, StandardCharsets.US_ASCII).equals("PNG")) {
      return Format.PNG;
    }
    if (bytes.length > 12
        && new String(bytes, 0, 4, StandardCharsets.US_ASCII).equals("RIFF")
        && new String(bytes, 8, 4, StandardCharsets.US_ASCII).equals("WEBP")) {
      return Format.WEBP;
    }
    if (bytes.length > 6 && new String(bytes, 0, 3, StandardCharsets.US_ASCII).equals("GIF")) {
      throw new Refused(
          Refused.Reason.ANIMATED, "a GIF is not a photo: send a JPEG, PNG or WebP photo");
    }
    throw new Refused(Refused.Reason.NOT_A_PHOTO, "not a photo: send a JPEG, PNG or WebP photo");
  }

  /** An APNG announces its animation (acTL) before its first image data (IDAT). */
  private static boolean animatedPng(byte[] png) {
    int at = 8;
    while (at + 8 <= png.length) {
      int length =
          ((png[at] & 0xFF) << 24)
              | ((png[at + 1] & 0xFF) << 16)
              | ((png[at + 2] & 0xFF) << 8)
              | (png[at + 3] & 0xFF);
      String type = new String(png, at + 4, 4, StandardCharsets.US_ASCII);
      if (type.equals("acTL")) {
        return true;
      }
      if (type.equals("IDAT") || length < 0) {
        return false;
      }
      at += 12 + length;
    }
    return false;
  }

  private static BufferedImage decode(byte[] bytes, Format format) throws Refused {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        throw new Refused(Refused.Reason.NOT_A_PHOTO, "not a photo this service can read");
      }
      ImageReader reader = preferred(readers);
      try {
        reader.setInput(in, false, true);
        if (format == Format.WEBP && reader.getNumImages(true) > 1) {
          throw new Refused(Refused.Reason.ANIMATED, "an animated image is not a photo");
        }
        long width = reader.getWidth(0);
        long height = reader.getHeight(0);
        if (width * height > MAX_PIXELS) {
          throw new Refused(Refused.Reason.TOO_MANY_PIXELS, "a photo has at most 40 megapixels");
        }
        ImageReadParam param = reader.getDefaultReadParam();
        int step = (int) Math.max(1, Math.max(width, height) / DECODE_WIDTH);
        param.setSourceSubsampling(step, step, 0, 0);
        BufferedImage image = reader.read(0, param);
        if (image == null || image.getWidth() < 1 || image.getHeight() < 1) {
          throw new Refused(Refused.Reason.UNREADABLE, "this photo could not be read");
        }
        return image;
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException unreadable) {
      // A truncated or corrupt file: what the readers say is no use to the sender.
      throw new Refused(Refused.Reason.UNREADABLE, "this photo could not be read");
    }
  }

  /**
   * TwelveMonkeys' reader where it reads the format (JPEG, WebP: it tells animations apart and
   * knows CMYK), the Java runtime's otherwise (PNG).
   */
  private static ImageReader preferred(Iterator<ImageReader> readers) {
    ImageReader chosen = readers.next();
    while (!chosen.getClass().getName().startsWith("com.twelvemonkeys.") && readers.hasNext()) {
      ImageReader next = readers.next();
      if (next.getClass().getName().startsWith("com.twelvemonkeys.")) {
        chosen.dispose();
        chosen = next;
      } else {
        next.dispose();
      }
    }
    return chosen;
  }

  /** The EXIF orientation of a JPEG (1: as stored), read with TwelveMonkeys' metadata reader. */
  private static int orientation(byte[] jpeg) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
      List<JPEGSegment> exif = JPEGSegmentUtil.readSegments(in, JPEG.APP1, "Exif");
      if (exif.isEmpty()) {
        return 1;
      }
      InputStream data = exif.get(0).data();
      data.read(); // the pad byte after "Exif\0"
      Directory directory = new TIFFReader().read(ImageIO.createImageInputStream(data));
      Entry entry = directory.getEntryById(TIFF.TAG_ORIENTATION);
      return entry == null ? 1 : ((Number) entry.getValue()).intValue();
    } catch (IOException | RuntimeException unreadable) {
      return 1; // a photo with broken EXIF is shown as stored
    }
  }

  /** The image turned as EXIF orientation {@code orientation} (1 to 8) says it was taken. */
  static BufferedImage upright(BufferedImage image, int orientation) {
    int w = image.getWidth();
    int h = image.getHeight();
    AffineTransform turn = new AffineTransform();
    boolean swaps = orientation >= 5 && orientation <= 8;
    switch (orientation) {
      case 2 -> turn.scale(-1, 1);
      case 3 -> turn.rotate(Math.PI);
      case 4 -> turn.scale(1, -1);
      case 5 -> {
        turn.rotate(-Math.PI / 2);
        turn.scale(-1, 1);
      }
      case 6 -> turn.rotate(Math.PI / 2);
      case 7 -> {
        turn.rotate(Math.PI / 2);
        turn.scale(-1, 1);
      }
      case 8 -> turn.rotate(-Math.PI / 2);
      default -> {
        return image;
      }
    }
    // Move the turned image back into view.
    java.awt.geom.Rectangle2D bounds =
        turn.createTransformedShape(new java.awt.Rectangle(0, 0, w, h)).getBounds2D();
    AffineTransform placed = AffineTransform.getTranslateInstance(-bounds.getX(), -bounds.getY());
    placed.concatenate(turn);
    BufferedImage out = new BufferedImage(swaps ? h : w, swaps ? w : h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.drawImage(image, placed, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /**
   * The image in sRGB without transparency (on white, as the shop's page is): drawing converts from
   * the photo's own color space (a CMYK JPEG's included).
   */
  private static BufferedImage sRgb(BufferedImage image) {
    if (image.getType() == BufferedImage.TYPE_INT_RGB) {
      return image;
    }
    BufferedImage out =
        new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, out.getWidth(), out.getHeight());
      g.drawImage(image, 0, 0, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /** Halves as long as that stays above the target, then one bilinear step: sharp and fast. */
  private static BufferedImage scaled(BufferedImage image, int width) {
    BufferedImage current = image;
    while (current.getWidth() / 2 >= width) {
      current = resized(current, current.getWidth() / 2);
    }
    return current.getWidth() == width ? current : resized(current, width);
  }

  private static BufferedImage resized(BufferedImage image, int width) {
    int height = Math.max(1, Math.round((float) image.getHeight() * width / image.getWidth()));
    BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = out.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
      g.drawImage(image, 0, 0, width, height, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /** Progressive JPEG with no metadata but the JFIF header the writer always puts. */
  private static byte[] jpeg(BufferedImage image) {
    ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(QUALITY);
      param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new IllegalStateException("a JPEG could not be written in memory", e);
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  /**
   * Lossy WebP with no metadata, or null where libwebp's native library cannot be loaded (an
   * unusual platform): the photo then has its JPEG renditions alone, and the log says so once.
   */
  private static byte[] webp(BufferedImage image) {
    if (!webpWritable) {
      return null;
    }
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByMIMEType("image/webp");
    if (!writers.hasNext()) {
      return unwritable("no WebP writer on the class path");
    }
    ImageWriter writer = writers.next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
      writer.setOutput(out);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionType("Lossy");
      param.setCompressionQuality(WEBP_QUALITY);
      writer.write(null, new IIOImage(image, null, null), param);
    } catch (IOException e) {
      throw new IllegalStateException("a WebP could not be written in memory", e);
    } catch (LinkageError nativeLibraryMissing) {
      return unwritable(nativeLibraryMissing.toString());
    } finally {
      writer.dispose();
    }
    return bytes.toByteArray();
  }

  private static byte[] unwritable(String why) {
    if (webpWritable) {
      webpWritable = false;
      log.warn("photos get JPEG renditions only: WebP cannot be written here ({})", why);
    }
    return null;
  }

  private static String digest(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
