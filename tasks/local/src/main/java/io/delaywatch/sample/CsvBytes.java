package io.delaywatch.sample;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Writes CSV rows of ASCII fields straight into a reused byte buffer: numbers are formatted by hand
 * (no String per field), which is what lets a 7-million-row year stream out in seconds. The caller
 * writes the separators. Not API; not thread-safe.
 */
final class CsvBytes implements Closeable {
  // Far longer than any row; checked once per row, not per field.
  private static final int MAX_ROW_BYTES = 1024;

  private final OutputStream out;
  private final byte[] lineEnd;
  private final byte[] buf = new byte[1 << 16];
  private int pos;

  CsvBytes(OutputStream out, boolean crlf) {
    this.out = out;
    this.lineEnd = crlf ? new byte[] {'\r', '\n'} : new byte[] {'\n'};
  }

  /** Writes {@code bytes} as they are. */
  void raw(byte[] bytes) throws IOException {
    if (bytes.length > buf.length - pos) {
      flushBuffer();
      if (bytes.length > buf.length) {
        out.write(bytes);
        return;
      }
    }
    System.arraycopy(bytes, 0, buf, pos, bytes.length);
    pos += bytes.length;
  }

  /** One ASCII character. */
  void ascii(byte b) {
    buf[pos++] = b;
  }

  void comma() {
    buf[pos++] = ',';
  }

  /** An integer column, e.g. {@code 1155}. */
  void integer(int value) {
    if (value < 0) {
      buf[pos++] = '-';
      value = -value;
    }
    if (value < 10) {
      buf[pos++] = (byte) ('0' + value);
      return;
    }
    int end = pos + digits(value);
    for (int p = end - 1; p >= pos; p--) {
      buf[p] = (byte) ('0' + value % 10);
      value /= 10;
    }
    pos = end;
  }

  /** A whole number in a float column, the way the Kaggle files write it: {@code -4.0}. */
  void decimal(int value) {
    integer(value);
    buf[pos++] = '.';
    buf[pos++] = '0';
  }

  /** Ends the row; flushes the buffer when the next row might not fit. */
  void endRow() throws IOException {
    for (byte b : lineEnd) {
      buf[pos++] = b;
    }
    if (pos > buf.length - MAX_ROW_BYTES) {
      flushBuffer();
    }
  }

  private static int digits(int value) {
    int n = 1;
    while (value >= 10) {
      value /= 10;
      n++;
    }
    return n;
  }

  private void flushBuffer() throws IOException {
    out.write(buf, 0, pos);
    pos = 0;
  }

  /** Writes what is buffered and closes the stream. */
  @Override
  public void close() throws IOException {
    try {
      flushBuffer();
    } finally {
      out.close();
    }
  }
}
