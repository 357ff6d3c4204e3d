package io.delaywatch.flights;

import java.io.IOException;

/**
 * The CSV text cannot be read on from a point: a quote that is never closed, text after a closing
 * quote, a record over the length limit. Both cursors throw it at the same input with the same line
 * and message; {@link FlightCsvReader} turns it into exit 3 naming the file.
 */
public final class CsvFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final long line;

  /**
   * @param line the 1-based line the problem is reported at (where an unclosed quote opened)
   * @param message what is wrong, without the file name or line
   */
  public CsvFormatException(long line, String message) {
    super(message);
    this.line = line;
  }

  /** The 1-based line the problem is reported at. */
  public long line() {
    return line;
  }
}
