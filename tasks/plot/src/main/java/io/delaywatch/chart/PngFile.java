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
import java.util.zip.Deflater;

/**
 * Writes a chart image as a PNG file, fast. Why not ImageIO's PNG writer: even at its fastest
 * setting it tries every row filter on every row and costs more than drawing the chart; here every
 * row gets the "Sub" filter (a chart is mostly horizontal runs of one colour, which it turns into
 * zeros) and zlib's fastest level. The files are as small as ImageIO's at its middle setting. Each
 * thread keeps its buffers and its deflater from one chart to the next. Not API; thread-safe.
 */
final class PngFile {
  private static final byte[] SIGNATURE = {(byte) 137, 'P', 'N', 'G', '\r', '\n', 26, '\n'};
  private static final int FILTER_SUB = 1;
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
    return Arrays.copyOf(encoder.png, encoder.encode(image));
  }

  /** One thread's buffers: the filtered rows, the PNG being built, the deflater. */
  private static final class Encoder {
    private final Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    private final CRC32 crc = new CRC32();
    private byte[] rows = new byte[0];
    private byte[] png = new byte[256 * 1024];
    private int at;

    /** Encodes {@code image} into {@link #png}; returns its length. */
    int encode(BufferedImage image) {
      if (image.getType() != BufferedImage.TYPE_INT_RGB) {
        throw new IllegalArgumentException("not an INT_RGB image: type " + image.getType());
      }
      int width = image.getWidth();
      int height = image.getHeight();
      filter(((DataBufferInt) image.getRaster().getDataBuffer()).getData(), width, height);
      at = 0;
      put(SIGNATURE, 0, SIGNATURE.length);
      int ihdr = begin(13, "IHDR");
      putInt(width);
      putInt(height);
      put(new byte[] {8, 2, 0, 0, 0}, 0, 5); // 8 bits per sample, RGB, deflate, no interlace
      end(ihdr);
      int idat = begin(0, "IDAT");
      deflater.reset();
      deflater.setInput(rows, 0, (1 + 3 * width) * height);
      deflater.finish();
      while (!deflater.finished()) {
        if (at == png.length) {
          png = Arrays.copyOf(png, png.length * 2);
        }
        at += deflater.deflate(png, at, png.length - at);
      }
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
     * Every row as its Sub-filter bytes: each sample minus the one a pixel to its left. A run of
     * one colour, most of a chart, is zeros written in one fill.
     */
    private void filter(int[] pixels, int width, int height) {
      int stride = 1 + 3 * width;
      if (rows.length < stride * height) {
        rows = new byte[stride * height];
      }
      int i = 0;
      for (int y = 0; y < height; y++) {
        rows[i++] = FILTER_SUB;
        int previous = 0;
        int p = y * width;
        int end = p + width;
        while (p < end) {
          int pixel = pixels[p];
          if (pixel == previous) {
            int run = p + 1;
            while (run < end && pixels[run] == pixel) {
              run++;
            }
            Arrays.fill(rows, i, i + 3 * (run - p), (byte) 0);
            i += 3 * (run - p);
            p = run;
          } else {
            rows[i] = (byte) ((pixel >> 16) - (previous >> 16));
            rows[i + 1] = (byte) ((pixel >> 8) - (previous >> 8));
            rows[i + 2] = (byte) (pixel - previous);
            previous = pixel;
            i += 3;
            p++;
          }
        }
      }
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
