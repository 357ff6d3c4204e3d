package io.delaywatch.chart;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
  private static final ThreadLocal<Encoder> ENCODER = ThreadLocal.withInitial(Encoder::new);

  private PngFile() {}

  /**
   * Writes {@code image}, which must be {@link BufferedImage#TYPE_INT_RGB}, to {@code file}
   * (replaced if it exists).
   */
  static void write(BufferedImage image, Path file) throws IOException {
    Encoder encoder = ENCODER.get();
    int length = encoder.encode(image);
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(encoder.png, 0, length);
    }
  }

  /** The PNG bytes of {@code image}, 8-bit RGB. */
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
        if (y > 0 && changesAbove(pixels, p, width) < changesLeft(pixels, p, width)) {
          up(pixels, p, width);
          continue;
        }
        deflate.literal(FILTER_SUB);
        int previous = 0;
        while (p < end) {
          int pixel = pixels[p];
          if (pixel == previous) {
            int run = p + 1;
            while (run < end && pixels[run] == pixel) {
              run++;
            }
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
          int run = p + 1;
          while (run < end && pixels[run] == pixels[run - width]) {
            run++;
          }
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
      deflate.literal(((pixel >> 16) - (reference >> 16)) & 0xFF);
      deflate.literal(((pixel >> 8) - (reference >> 8)) & 0xFF);
      deflate.literal((pixel - reference) & 0xFF);
    }

    /** Pixels of the row at {@code p} that differ from the one above. */
    private static int changesAbove(int[] pixels, int p, int width) {
      int changes = 0;
      for (int x = p; x < p + width; x++) {
        changes += pixels[x] != pixels[x - width] ? 1 : 0;
      }
      return changes;
    }

    /** Pixels of the row at {@code p} that differ from the one to their left (black before it). */
    private static int changesLeft(int[] pixels, int p, int width) {
      int changes = pixels[p] != 0 ? 1 : 0;
      for (int x = p + 1; x < p + width; x++) {
        changes += pixels[x] != pixels[x - 1] ? 1 : 0;
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
