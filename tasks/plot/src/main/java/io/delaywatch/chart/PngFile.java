package io.delaywatch.chart;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * Writes a chart image as a PNG file, fast. Why not ImageIO's PNG writer: even at its fastest
 * setting it tries every row filter on every row and costs more than drawing the chart. Why not
 * zlib either: at its fastest level it still spends ~2.3 ns on every byte of the 1.8 MB a chart is,
 * most of which are runs of one colour. Here a row gets the "Sub" filter (a run of one colour
 * becomes zeros), or "Up" when it is more like the row above than along itself (bars, the band),
 * and the rows go straight into one deflate block (RFC 1951) of literals and runs — a zero run as
 * copies at distance 1, found from the pixels, never searched for — with Huffman codes fitted to
 * the chart's own symbols ({@link Deflate}). Each thread keeps its buffers from one chart to the
 * next. Not API; thread-safe.
 */
final class PngFile {
  private static final byte[] SIGNATURE = {(byte) 137, 'P', 'N', 'G', '\r', '\n', 26, '\n'};
  private static final int FILTER_SUB = 1;
  private static final int FILTER_UP = 2;

  /** Pixels compared one by one before {@link Arrays#mismatch} takes over. */
  private static final int SHORT_RUN = 4;

  private static final ThreadLocal<Encoder> ENCODER = ThreadLocal.withInitial(Encoder::new);

  private PngFile() {}

  /**
   * The PNG bytes of {@code image}, which must be {@link BufferedImage#TYPE_INT_RGB}: 8-bit RGB.
   */
  static byte[] encode(BufferedImage image) {
    Encoder encoder = ENCODER.get();
    // Encoding may grow the buffer: read the field after it.
    int length = encoder.encode(image);
    return Arrays.copyOf(encoder.png, length);
  }

  /** One thread's buffers: the deflate symbols of the filtered rows, the PNG being built. */
  private static final class Encoder {
    private final Deflate deflate = new Deflate();
    private final CRC32 crc = new CRC32();
    private byte[] png = new byte[256 * 1024];
    private int at;

    /** Encodes {@code image} into {@link #png}; returns its length. */
    int encode(BufferedImage image) {
      if (image.getType() != BufferedImage.TYPE_INT_RGB) {
        throw new IllegalArgumentException("not an INT_RGB image: type " + image.getType());
      }
      int width = image.getWidth();
      int height = image.getHeight();
      deflate.reset();
      filter(((DataBufferInt) image.getRaster().getDataBuffer()).getData(), width, height);
      at = 0;
      put(SIGNATURE, 0, SIGNATURE.length);
      int ihdr = begin(13, "IHDR");
      putInt(width);
      putInt(height);
      put(new byte[] {8, 2, 0, 0, 0}, 0, 5); // 8 bits per sample, RGB, deflate, no interlace
      end(ihdr);
      int idat = begin(0, "IDAT");
      ensure(deflate.maxBytes());
      at = deflate.finish(png, at);
      int length = at - idat - 8;
      int end = at;
      at = idat;
      putInt(length);
      at = end;
      end(idat);
      end(begin(0, "IEND"));
      return at;
    }

    /**
     * Every row as its Sub-filter bytes (each sample minus the one a pixel to its left) or, when
     * fewer of its pixels differ from the row above, its Up-filter bytes, handed to the deflater. A
     * run of one colour, most of a chart, is a run of zeros, handed over as one.
     */
    private void filter(int[] pixels, int width, int height) {
      for (int y = 0; y < height; y++) {
        int p = y * width;
        int end = p + width;
        if (y > 0) {
          int left = (pixels[p] != 0 ? 1 : 0) + changes(pixels, p + 1, end, 1, width);
          if (changes(pixels, p, end, width, left) < left) {
            up(pixels, p, width);
            continue;
          }
        }
        deflate.literal(FILTER_SUB);
        int previous = 0;
        while (p < end) {
          int pixel = pixels[p];
          if (pixel == previous) {
            int run = p + 1 + same(pixels, p + 1, end, 1);
            deflate.zeros(3 * (run - p));
            p = run;
          } else {
            difference(pixel, previous);
            previous = pixel;
            p++;
          }
        }
      }
    }

    /**
     * The row at {@code p} as its Up-filter bytes: each sample minus the one a pixel above it. A
     * row like the one above (bars, the band) is then mostly zeros, where Sub would give every edge
     * of every bar.
     */
    private void up(int[] pixels, int p, int width) {
      deflate.literal(FILTER_UP);
      int end = p + width;
      while (p < end) {
        int pixel = pixels[p];
        int above = pixels[p - width];
        if (pixel == above) {
          int run = p + 1 + same(pixels, p + 1, end, width);
          deflate.zeros(3 * (run - p));
          p = run;
        } else {
          difference(pixel, above);
          p++;
        }
      }
    }

    /** Hands over a pixel's three samples minus those of {@code reference}, as filters do. */
    private void difference(int pixel, int reference) {
      deflate.literals(
          ((pixel >> 16) - (reference >> 16)) & 0xFF,
          ((pixel >> 8) - (reference >> 8)) & 0xFF,
          (pixel - reference) & 0xFF);
    }

    /**
     * How many pixels from {@code from} on (before {@code end}) equal the pixel {@code back} places
     * before each. {@link Arrays#mismatch} compares several pixels a step, even in C1's code (plot
     * runs without C2), where a loop over single pixels spent a third of the render threads' time.
     */
    private static int same(int[] pixels, int from, int end, int back) {
      // The first few one by one: most runs along an antialiased line are 0-2 pixels long, and a
      // call of mismatch costs more than that.
      int x = from;
      for (int first = Math.min(end, from + SHORT_RUN); x < first; x++) {
        if (pixels[x] != pixels[x - back]) {
          return x - from;
        }
      }
      if (x == end) {
        return x - from;
      }
      int at = Arrays.mismatch(pixels, x, end, pixels, x - back, end - back);
      return at < 0 ? end - from : x - from + at;
    }

    /**
     * Pixels in [{@code from}, {@code end}) that differ from the pixel {@code back} places before
     * them, counted up to {@code limit} (the count, once it reaches it, decides nothing more).
     */
    private static int changes(int[] pixels, int from, int end, int back, int limit) {
      int changes = 0;
      for (int x = from; x < end && changes < limit; x++) {
        x += same(pixels, x, end, back);
        if (x < end) {
          changes++;
        }
      }
      return changes;
    }

    /** Starts a chunk of {@code length} data bytes (fixed later for IDAT); returns its start. */
    private int begin(int length, String type) {
      int start = at;
      putInt(length);
      byte[] name = type.getBytes(StandardCharsets.US_ASCII);
      put(name, 0, name.length);
      return start;
    }

    /** Ends the chunk started at {@code start} with the CRC of its type and data. */
    private void end(int start) {
      crc.reset();
      crc.update(png, start + 4, at - start - 4);
      putInt((int) crc.getValue());
    }

    private void put(byte[] bytes, int from, int length) {
      ensure(length);
      System.arraycopy(bytes, from, png, at, length);
      at += length;
    }

    private void putInt(int value) {
      ensure(4);
      png[at] = (byte) (value >>> 24);
      png[at + 1] = (byte) (value >>> 16);
      png[at + 2] = (byte) (value >>> 8);
      png[at + 3] = (byte) value;
      at += 4;
    }

    private void ensure(int more) {
      if (at + more > png.length) {
        png = Arrays.copyOf(png, Math.max(png.length * 2, at + more));
      }
    }
  }
}
