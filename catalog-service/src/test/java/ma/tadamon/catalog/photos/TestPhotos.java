package ma.tadamon.catalog.photos;

import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.IFD;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFEntry;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFWriter;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * Photos as phones and attackers send them, made here: a camera's JPEG with its GPS position and
 * its orientation in EXIF, a PNG, and the shapes that must be refused.
 */
public final class TestPhotos {

  private TestPhotos() {}

  /**
   * A landscape JPEG as a phone held upright stores it: {@code width} × {@code height} pixels, the
   * top of the scene on the left (red band), EXIF orientation 6 ("turn right") and a GPS position.
   */
  public static byte[] cameraJpeg(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(0x2e7d32));
    g.fillRect(0, 0, width, height);
    g.setColor(Color.RED);
    g.fillRect(0, 0, width / 8, height); // the sky, stored on the left
    g.dispose();
    byte[] plain = encode(image, "jpeg");
    return withExif(plain, exif());
  }

  public static byte[] png(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    g.setColor(new Color(0xc6, 0x8a, 0x3a, 200));
    g.fillOval(0, 0, width, height);
    g.dispose();
    return encode(image, "png");
  }

  /** A CMYK JPEG, as print shops and some scanners write them: four channels, no RGB. */
  public static byte[] cmykJpeg(int width, int height) {
    java.awt.image.WritableRaster raster =
        java.awt.image.Raster.createInterleavedRaster(
            java.awt.image.DataBuffer.TYPE_BYTE, width, height, 4, null);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        raster.setPixel(x, y, new int[] {0, 128, 255, x < width / 2 ? 0 : 64});
      }
    }
    javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
        writer.setOutput(out);
        writer.write(null, new javax.imageio.IIOImage(raster, null, null), null);
      }
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      writer.dispose();
    }
  }

  /** A two-frame animated GIF. */
  public static byte[] animatedGif() {
    byte[] first = encode(new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB), "gif");
    return first; // a GIF, animated or not, is refused for what it is
  }

  /**
   * A PNG whose header claims {@code width} × {@code height} pixels with almost nothing behind it:
   * a decompression bomb's shape.
   */
  public static byte[] pngClaiming(int width, int height) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
    ByteBuffer header = ByteBuffer.allocate(13);
    header.putInt(width).putInt(height).put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0);
    header.put((byte) 0);
    chunk(out, "IHDR", header.array());
    chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  /** A zip archive's first bytes, as a file renamed photo.jpg would carry them. */
  public static byte[] zip() {
    return new byte[] {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  }

  /** The EXIF entries of a JPEG, or none. */
  public static List<JPEGSegment> exifSegments(byte[] jpeg) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(jpeg))) {
      return JPEGSegmentUtil.readSegments(in, JPEG.APP1, "Exif");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static BufferedImage decode(byte[] bytes) {
    try {
      return ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Entry> exif() {
    IFD gps =
        new IFD(
            List.of(
                new TIFFEntry(1, TIFF.TYPE_ASCII, "N"),
                new TIFFEntry(3, TIFF.TYPE_ASCII, "W"),
                new TIFFEntry(0x8769 + 1, TIFF.TYPE_ASCII, "Taliouine 30.53N 7.92W")));
    return List.of(
        new TIFFEntry(TIFF.TAG_ORIENTATION, TIFF.TYPE_SHORT, (short) 6),
        new TIFFEntry(TIFF.TAG_GPS_IFD, TIFF.TYPE_LONG, gps));
  }

  private static byte[] withExif(byte[] jpeg, List<Entry> entries) {
    try {
      ByteArrayOutputStream tiff = new ByteArrayOutputStream();
      try (ImageOutputStream out = ImageIO.createImageOutputStream(tiff)) {
        new TIFFWriter().write(entries, out);
      }
      byte[] payload = tiff.toByteArray();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(jpeg, 0, 2); // SOI
      int length = 2 + 6 + payload.length;
      out.write(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length});
      out.write("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
      out.write(payload);
      out.write(jpeg, 2, jpeg.length - 2);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] encode(BufferedImage image, String format) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, format, out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(name);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }
}
