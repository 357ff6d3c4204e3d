package io.delaywatch.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/** Every stream {@link Deflate} writes is one that zlib's inflater reads back byte for byte. */
class DeflateTest {
  private static byte[] inflate(byte[] stream, int length) throws DataFormatException {
    Inflater inflater = new Inflater();
    inflater.setInput(stream, 0, length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[1 << 16];
    while (!inflater.finished()) {
      int n = inflater.inflate(buffer);
      if (n == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
        throw new AssertionError("stream ended early after " + out.size() + " bytes");
      }
      out.write(buffer, 0, n);
    }
    assertThat(inflater.getRemaining()).isZero();
    return out.toByteArray();
  }

  /** Appends {@code bytes} as literals, each run of zeros of two or more as one run. */
  private static byte[] deflate(Deflate deflate, byte[] bytes) {
    return deflate(deflate, bytes, false);
  }

  /**
   * Appends {@code bytes} as literals, each run of zeros of two or more as one run; with {@code
   * triples}, the bytes after a run or a literal three at a time through {@link Deflate#literals}
   * where three are left (zeros among them as literals).
   */
  private static byte[] deflate(Deflate deflate, byte[] bytes, boolean triples) {
    deflate.reset();
    for (int i = 0; i < bytes.length; ) {
      int run = i;
      while (run < bytes.length && bytes[run] == 0) {
        run++;
      }
      if (run - i >= 2) {
        deflate.zeros(run - i);
        i = run;
      } else if (triples && i + 3 <= bytes.length) {
        deflate.literals(bytes[i] & 0xFF, bytes[i + 1] & 0xFF, bytes[i + 2] & 0xFF);
        i += 3;
      } else {
        deflate.literal(bytes[i] & 0xFF);
        i++;
      }
    }
    byte[] out = new byte[deflate.maxBytes()];
    return Arrays.copyOf(out, deflate.finish(out, 0));
  }

  @Test
  void randomStreamsOfLiteralsAndZeroRunsInflateBackExactly() throws DataFormatException {
    randomStreamsInflateBack(new Deflate(), false);
  }

  @Test
  void pixelTriplesGiveTheSameBytesAsSingleLiterals() throws DataFormatException {
    randomStreamsInflateBack(new Deflate(), true);
  }

  @Test
  void theAdlerChecksumStaysRightWhenItsSumsAreReducedMidStream() throws DataFormatException {
    // The inflater checks the Adler-32 at the end. A limit of 2^12 reduces the sums after a few
    // bytes; the default (2^60) only past ~10^8 bytes, far beyond a chart.
    randomStreamsInflateBack(new Deflate(1 << 12), false);
    randomStreamsInflateBack(new Deflate(1 << 12), true);
  }

  private static void randomStreamsInflateBack(Deflate deflate, boolean triples)
      throws DataFormatException {
    Random random = new Random(11);
    for (int trial = 0; trial < 300; trial++) {
      ByteArrayOutputStream data = new ByteArrayOutputStream();
      int parts = random.nextInt(40);
      for (int p = 0; p < parts; p++) {
        if (random.nextBoolean()) {
          // Runs around the copy limits: 1-3, 256-262, and long ones.
          int[] lengths = {1, 2, 3, 4, 256, 257, 258, 259, 260, 261, 262, 516, 517, 5000};
          int n =
              random.nextInt(3) == 0
                  ? lengths[random.nextInt(lengths.length)]
                  : 1 + random.nextInt(2000);
          data.write(new byte[n], 0, n);
        } else {
          int n = 1 + random.nextInt(300);
          for (int i = 0; i < n; i++) {
            // Few values or all of them: skewed and flat symbol counts.
            data.write(trial % 2 == 0 ? random.nextInt(256) : 1 + random.nextInt(3));
          }
        }
      }
      byte[] bytes = data.toByteArray();
      byte[] stream = deflate(deflate, bytes, triples);

      assertThat(inflate(stream, stream.length)).as("trial %d", trial).isEqualTo(bytes);
    }
  }

  @Test
  void aStreamOfOneSymbolAndAnEmptyOneInflate() throws DataFormatException {
    Deflate deflate = new Deflate();
    for (byte[] bytes : new byte[][] {{}, {7}, new byte[100_000], {0}}) {
      byte[] stream = deflate(deflate, bytes);

      assertThat(inflate(stream, stream.length)).isEqualTo(bytes);
    }
  }

  @Test
  void codeLengthsAreCompleteAndWithinTheLimitEvenForSkewedCounts() {
    // Fibonacci counts make the deepest optimal tree: 30 symbols would need 29 bits.
    int[] counts = new int[30];
    counts[0] = 1;
    counts[1] = 1;
    for (int i = 2; i < counts.length; i++) {
      counts[i] = counts[i - 1] + counts[i - 2];
    }
    for (int limit : new int[] {7, 15}) {
      int[] lengths = Deflate.codeLengths(counts, limit);
      double kraft = 0;
      for (int length : lengths) {
        assertThat(length).isBetween(1, limit);
        kraft += Math.pow(2, -length);
      }
      assertThat(kraft).isEqualTo(1.0);
    }
    // A symbol that never occurs gets no code; a lone one gets one bit.
    assertThat(Deflate.codeLengths(new int[] {0, 5, 0}, 15)).containsExactly(0, 1, 0);
  }
}
