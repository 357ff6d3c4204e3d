package io.delaywatch.flights;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Opens a raw file's bytes for a {@link CsvCursor}: gunzipped for {@code .gz}, with the
 * decompressor's complaints (not gzip, corrupt, cut short) turned into {@link CsvFormatException}
 * so that they end as invalid input naming the file and line rather than as an outage.
 */
public final class RawStreams {
  private RawStreams() {}

  /**
   * The decoded bytes of {@code in}; reads nothing until the first read.
   *
   * @param gzip whether {@code in} is gzip-compressed
   */
  public static InputStream decoded(InputStream in, boolean gzip) {
    return gzip ? new Gunzip(in) : in;
  }

  /**
   * Gunzips lazily, so that a file that is not gzip fails on the first read, with a line. Inflates
   * in blocks of a fixed size whatever the caller asks for: zlib drops the output of the call that
   * meets corrupt data, so only a fixed block makes the last line delivered, and the line an error
   * names, the same for every reader.
   */
  private static final class Gunzip extends FilterInputStream {
    private static final int BLOCK = 1 << 16;
    private final InputStream raw;
    private final byte[] block = new byte[BLOCK];
    private int blockPos;
    private int blockLimit;
    private boolean opened;

    Gunzip(InputStream raw) {
      super(null);
      this.raw = raw;
    }

    private InputStream stream() throws IOException {
      if (!opened) {
        opened = true;
        try {
          in = new GZIPInputStream(raw, 1 << 16);
        } catch (ZipException e) {
          throw new CsvFormatException(1, "not a gzip file (" + e.getMessage() + ")");
        } catch (EOFException e) {
          throw new CsvFormatException(1, "the gzip file is empty or cut off in its header");
        }
      }
      return in;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (blockPos == blockLimit) {
        int n = inflate();
        if (n < 0) {
          return -1;
        }
        blockPos = 0;
        blockLimit = n;
      }
      int n = Math.min(len, blockLimit - blockPos);
      System.arraycopy(block, blockPos, b, off, n);
      blockPos += n;
      return n;
    }

    private int inflate() throws IOException {
      InputStream gz = stream();
      try {
        int n;
        do {
          n = gz.read(block, 0, BLOCK);
        } while (n == 0);
        return n;
      } catch (ZipException e) {
        throw new CsvFormatException(0, "the gzip data is corrupt (" + e.getMessage() + ")");
      } catch (EOFException e) {
        throw new CsvFormatException(0, "the gzip file is cut off (truncated upload?)");
      }
    }

    @Override
    public void close() throws IOException {
      if (in != null) {
        in.close();
      } else {
        raw.close();
      }
    }
  }
}
