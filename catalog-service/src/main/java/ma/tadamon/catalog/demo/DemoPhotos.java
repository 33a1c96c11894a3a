package ma.tadamon.catalog.demo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Random;
import java.util.UUID;
import javax.imageio.ImageIO;
import ma.tadamon.catalog.domain.Category;

/**
 * Pictures for the demo catalog, drawn here rather than photographed, so that they belong to the
 * project (no licence to track): a bottle for oils, a jar for honey and amlou, a heap for spices,
 * saffron, dates and couscous, a pot for ceramics, a patterned weave for carpets and textiles, a
 * box for the rest, in colours of the goods, on a warm background, varied by the product's id. They
 * are JPEGs, as a phone sends, and go through the same processing as a cooperative's photos
 * (docs/photos.md).
 */
final class DemoPhotos {

  private static final int WIDTH = 1280;
  private static final int HEIGHT = 960;

  private DemoPhotos() {}

  static byte[] of(UUID product, Category category) {
    Random random = new Random(product.getMostSignificantBits());
    BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    Color wall = hsb(0.07f + random.nextFloat() * 0.05f, 0.25f, 0.93f);
    g.setPaint(new GradientPaint(0, 0, wall, 0, HEIGHT, wall.darker()));
    g.fillRect(0, 0, WIDTH, HEIGHT);
    // A wooden table.
    g.setPaint(
        new GradientPaint(0, HEIGHT * 0.7f, new Color(0x8d6e63), 0, HEIGHT, new Color(0x4e342e)));
    g.fillRect(0, (int) (HEIGHT * 0.7), WIDTH, HEIGHT);
    Color goods = goodsColour(category, random);
    switch (category.slug()) {
      case "argan-oil", "olive-oil", "cactus-seed-oil", "cosmetics", "rose-products" ->
          bottle(g, goods);
      case "honey", "amlou" -> jar(g, goods);
      case "ceramics" -> pot(g, goods, random);
      case "carpets", "textiles" -> weave(g, goods, random);
      case "saffron", "spices", "dates", "couscous" -> heap(g, goods, random);
      default -> box(g, goods);
    }
    g.dispose();
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "jpeg", out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Color goodsColour(Category category, Random random) {
    float jitter = random.nextFloat() * 0.04f;
    return switch (category.slug()) {
      case "argan-oil", "cactus-seed-oil" -> hsb(0.11f + jitter, 0.85f, 0.85f);
      case "olive-oil" -> hsb(0.17f + jitter, 0.8f, 0.6f);
      case "honey", "amlou" -> hsb(0.09f + jitter, 0.9f, 0.8f);
      case "saffron" -> hsb(0.0f + jitter, 0.85f, 0.7f);
      case "spices" -> hsb(0.05f + jitter, 0.8f, 0.65f);
      case "dates" -> hsb(0.04f + jitter, 0.7f, 0.35f);
      case "couscous" -> hsb(0.12f + jitter, 0.45f, 0.9f);
      case "rose-products", "cosmetics" -> hsb(0.93f + jitter, 0.45f, 0.9f);
      case "ceramics" -> hsb(0.55f + jitter * 3, 0.7f, 0.6f);
      case "carpets", "textiles" -> hsb(random.nextFloat(), 0.7f, 0.6f);
      default -> hsb(random.nextFloat(), 0.4f, 0.7f);
    };
  }

  private static void bottle(Graphics2D g, Color oil) {
    g.setColor(new Color(255, 255, 255, 90));
    g.fill(new RoundRectangle2D.Double(520, 260, 240, 420, 60, 60));
    g.setColor(oil);
    g.fill(new RoundRectangle2D.Double(535, 380, 210, 290, 50, 50));
    g.setColor(new Color(0x3e2723));
    g.fillRect(595, 190, 90, 80);
    g.setColor(new Color(255, 255, 255, 160));
    g.fillRect(560, 300, 20, 320);
  }

  private static void jar(Graphics2D g, Color honey) {
    g.setColor(new Color(255, 255, 255, 80));
    g.fill(new RoundRectangle2D.Double(470, 330, 340, 350, 70, 70));
    g.setColor(honey);
    g.fill(new RoundRectangle2D.Double(485, 380, 310, 290, 60, 60));
    g.setColor(new Color(0x6d4c41));
    g.fill(new RoundRectangle2D.Double(480, 290, 320, 60, 20, 20));
  }

  private static void pot(Graphics2D g, Color glaze, Random random) {
    g.setColor(glaze);
    g.fill(new Ellipse2D.Double(420, 330, 440, 360));
    g.fillRect(540, 250, 200, 120);
    g.setColor(glaze.brighter());
    g.setStroke(new BasicStroke(14));
    for (int i = 0; i < 3; i++) {
      int y = 420 + i * 70 + random.nextInt(10);
      g.drawArc(450, y - 60, 380, 120, 200, 140);
    }
  }

  private static void weave(Graphics2D g, Color wool, Random random) {
    int left = 240;
    int top = 170;
    int size = 60;
    for (int row = 0; row < 9; row++) {
      for (int column = 0; column < 13; column++) {
        boolean diamond = (row + column) % 4 == 0 || Math.abs(row - 4) == Math.abs(column - 6) % 5;
        g.setColor(diamond ? wool.brighter() : (row % 2 == 0 ? wool : wool.darker()));
        g.fillRect(left + column * size, top + row * size, size - 2, size - 2);
      }
    }
    g.setColor(new Color(0xf5f5dc));
    for (int i = 0; i < 13; i++) {
      g.fillRect(left + i * size + random.nextInt(20), top + 9 * size, 6, 50);
    }
  }

  private static void heap(Graphics2D g, Color goods, Random random) {
    g.setColor(new Color(0xd7ccc8));
    g.fill(new Ellipse2D.Double(340, 560, 600, 170));
    for (int i = 0; i < 900; i++) {
      double angle = random.nextDouble() * Math.PI;
      double radius = random.nextDouble();
      double x = 640 + Math.cos(angle) * radius * 260;
      double y = 640 - Math.sin(angle) * radius * 220;
      float shade = 0.75f + random.nextFloat() * 0.4f;
      g.setColor(
          new Color(
              Math.min(255, (int) (goods.getRed() * shade)),
              Math.min(255, (int) (goods.getGreen() * shade)),
              Math.min(255, (int) (goods.getBlue() * shade))));
      g.fill(new Ellipse2D.Double(x, y, 26, 18));
    }
  }

  private static void box(Graphics2D g, Color colour) {
    g.setColor(colour);
    g.fillRect(470, 330, 340, 340);
    g.setColor(colour.darker());
    g.fillRect(470, 330, 340, 60);
  }

  private static Color hsb(float hue, float saturation, float brightness) {
    return Color.getHSBColor(hue, saturation, brightness);
  }
}
