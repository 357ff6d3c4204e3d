package io.delaywatch.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PngFileTest {
  @BeforeAll
  static void headless() {
    System.setProperty("java.awt.headless", "true");
  }

  private static void assertReadsBackPixelForPixel(BufferedImage image, byte[] png)
      throws IOException {
    BufferedImage read = ImageIO.read(new ByteArrayInputStream(png));

    assertThat(read.getWidth()).isEqualTo(image.getWidth());
    assertThat(read.getHeight()).isEqualTo(image.getHeight());
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        if ((read.getRGB(x, y) & 0xFFFFFF) != (image.getRGB(x, y) & 0xFFFFFF)) {
          throw new AssertionError("pixel " + x + "," + y + " differs");
        }
      }
    }
  }

  @Test
  void everyChartOfTheFixtureReadsBackPixelForPixel() throws IOException {
    // One thread, one encoder: each chart is encoded over the buffers the one before left.
    for (AirportYear airport :
        ChartYear.of(ScoredDays.YEAR, "test", ScoredDays.year()).airports()) {
      for (AirportChart kind : AirportChart.values()) {
        BufferedImage chart = kind.build(airport).paint();

        assertReadsBackPixelForPixel(chart, PngFile.encode(chart));
      }
    }
  }

  @Test
  void runsNoiseAndASmallerImageAfterABigOneReadBack() throws IOException {
    Random random = new Random(7);
    BufferedImage big = new BufferedImage(300, 200, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < big.getHeight(); y++) {
      for (int x = 0; x < big.getWidth(); x++) {
        // Runs of one colour (black, whose Sub bytes equal the row's start), then noise.
        big.setRGB(x, y, x < 100 ? 0 : x < 150 ? 0x7AA2D4 : random.nextInt(1 << 24));
      }
    }
    BufferedImage small = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
    small.setRGB(1, 1, 0xFFFFFF);

    assertReadsBackPixelForPixel(big, PngFile.encode(big));
    assertReadsBackPixelForPixel(small, PngFile.encode(small));
  }

  @Test
  void anImageWithAlphaIsRefused() {
    BufferedImage argb = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);

    assertThatThrownBy(() -> PngFile.encode(argb)).hasMessage("not an INT_RGB image: type 2");
  }
}
