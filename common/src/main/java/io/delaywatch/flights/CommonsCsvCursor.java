package io.delaywatch.flights;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The reference {@link CsvCursor}, on Apache Commons CSV. Slower than {@link ByteCsvCursor} (a
 * String per field), and the yardstick its tests compare against. {@link #line()} is the line on
 * which the record ends.
 */
public final class CommonsCsvCursor extends CsvCursor {
  private final CSVParser parser;
  private final Iterator<CSVRecord> records;
  private CSVRecord current;
  private long line;
  private String malformed;

  public CommonsCsvCursor(InputStream in) throws IOException {
    Reader reader = new InputStreamReader(skipBom(in), StandardCharsets.UTF_8);
    this.parser =
        CSVParser.builder()
            .setReader(reader)
            .setFormat(CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get())
            .get();
    this.records = parser.iterator();
  }

  @Override
  public boolean next() throws IOException {
    malformed = null;
    try {
      if (!records.hasNext()) {
        return false;
      }
      current = records.next();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    line = parser.getCurrentLineNumber();
    return true;
  }

  @Override
  public int fieldCount() {
    return current.size();
  }

  @Override
  public String text(int field) {
    return current.get(field);
  }

  @Override
  public long line() {
    return line;
  }

  @Override
  public String raw() {
    return String.join(",", current.values());
  }

  @Override
  public String malformed() {
    return malformed;
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
