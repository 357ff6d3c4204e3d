package io.delaywatch.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngFileTest {
  @Test
  void aChartReadsBackPixelForPixel() throws IOException {
    System.setProperty("java.awt.headless", "true");
    BufferedImage chart =
        AirportChart.DELAY_VS_EXPECTED
            .build(ChartYear.of(ScoredDays.YEAR, "test", ScoredDays.year()).airports().get(0))
            .paint();

    BufferedImage read = ImageIO.read(new ByteArrayInputStream(PngFile.encode(chart)));

    assertThat(read.getWidth()).isEqualTo(chart.getWidth());
    assertThat(read.getHeight()).isEqualTo(chart.getHeight());
    for (int y = 0; y < chart.getHeight(); y++) {
      for (int x = 0; x < chart.getWidth(); x++) {
        if ((read.getRGB(x, y) & 0xFFFFFF) != (chart.getRGB(x, y) & 0xFFFFFF)) {
          throw new AssertionError("pixel " + x + "," + y + " differs");
        }
      }
    }
  }

  @Test
  void anImageWithAlphaIsRefused() {
    BufferedImage argb = new BufferedImage(2, 2, BufferedImage.TYPE_INT_ARGB);

    assertThatThrownBy(() -> PngFile.encode(argb)).hasMessage("not an INT_RGB image: type 2");
  }
}
