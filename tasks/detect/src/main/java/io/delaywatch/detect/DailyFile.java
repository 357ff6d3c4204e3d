package io.delaywatch.detect;

import io.delaywatch.daily.DailyAirportStats;
import io.delaywatch.daily.DailyCodec;
import io.delaywatch.parquet.ParquetRowReader;
import io.delaywatch.task.InvalidInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Reads the downloaded daily file of a year and checks that it is one. Not API. */
final class DailyFile {
  private DailyFile() {}

  /**
   * The rows of {@code file}.
   *
   * @param uri the file's address in the warehouse, for messages
   * @throws InvalidInputException if the file is not a daily Parquet file or holds a row of another
   *     year or without an airport
   */
  static List<DailyAirportStats> read(Path file, String uri, int year) {
    List<DailyAirportStats> rows;
    try {
      rows = ParquetRowReader.readAll(file, DailyCodec.INSTANCE);
    } catch (IOException | RuntimeException e) {
      // The file is already local: a failure to read it is a bad file, not a failing dependency.
      // (Parquet reports a missing column as IllegalArgumentException, a bad footer as
      // RuntimeException.)
      throw new InvalidInputException(
          uri + " is not a readable daily Parquet file: " + e.getMessage(), e);
    }
    long line = 0;
    for (DailyAirportStats row : rows) {
      line++;
      if (row.airport() == null || row.airport().isBlank() || row.flightDate() == null) {
        throw new InvalidInputException(
            uri + ": row " + line + " has no airport or no flight_date");
      }
      if (row.flightDate().getYear() != year) {
        throw new InvalidInputException(
            uri
                + ": row "
                + line
                + " ("
                + row.airport()
                + ", "
                + row.flightDate()
                + ") is not in "
                + year);
      }
    }
    return rows;
  }
}
