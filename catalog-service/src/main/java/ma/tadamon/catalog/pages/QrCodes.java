package ma.tadamon.catalog.pages;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * QR codes of page addresses, drawn with ZXing: as SVG (sharp at any print size) and as PNG (for
 * the tools that take only pictures). Error correction at level M survives a scuffed label at a
 * fair stand; the quiet zone is the four modules the standard asks for.
 */
public final class QrCodes {

  private static final int QUIET_ZONE = 4;
  private static final int PNG_PIXELS_PER_MODULE = 8;

  private QrCodes() {}

  public static String svg(String text) {
    BitMatrix matrix = encode(text);
    int size = matrix.getWidth();
    StringBuilder path = new StringBuilder(size * size * 4);
    for (int y = 0; y < size; y++) {
      for (int x = 0; x < size; x++) {
        if (matrix.get(x, y)) {
          path.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
        }
      }
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "
        + size
        + " "
        + size
        + "\" width=\""
        + size * PNG_PIXELS_PER_MODULE
        + "\" height=\""
        + size * PNG_PIXELS_PER_MODULE
        + "\" shape-rendering=\"crispEdges\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
        + "<path fill=\"#000\" d=\""
        + path
        + "\"/></svg>";
  }

  /** Blocking (it encodes a picture): call it from a worker. */
  public static byte[] png(String text) {
    BitMatrix matrix = encode(text);
    int size = matrix.getWidth();
    int pixels = size * PNG_PIXELS_PER_MODULE;
    BufferedImage image = new BufferedImage(pixels, pixels, BufferedImage.TYPE_BYTE_BINARY);
    for (int y = 0; y < pixels; y++) {
      for (int x = 0; x < pixels; x++) {
        boolean dark = matrix.get(x / PNG_PIXELS_PER_MODULE, y / PNG_PIXELS_PER_MODULE);
        image.setRGB(x, y, dark ? 0xFF000000 : 0xFFFFFFFF);
      }
    }
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The code's modules, quiet zone included: what a PDF draws as vector squares. */
  static BitMatrix encode(String text) {
    try {
      // Size 0 asks for one pixel per module: the drawing above scales it.
      return new QRCodeWriter()
          .encode(
              text,
              com.google.zxing.BarcodeFormat.QR_CODE,
              0,
              0,
              Map.of(
                  EncodeHintType.ERROR_CORRECTION,
                  ErrorCorrectionLevel.M,
                  EncodeHintType.MARGIN,
                  QUIET_ZONE,
                  EncodeHintType.CHARACTER_SET,
                  "UTF-8"));
    } catch (WriterException e) {
      throw new IllegalArgumentException("too long for a QR code: " + text.length() + " chars", e);
    }
  }
}
