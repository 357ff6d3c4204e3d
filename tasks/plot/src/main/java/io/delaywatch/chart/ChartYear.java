package io.delaywatch.chart;

import io.delaywatch.daily.ScoredCodec;
import io.delaywatch.daily.ScoredDay;
import io.delaywatch.parquet.ParquetRowReader;
import io.delaywatch.task.InvalidInputException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One year of the scored dataset, grouped by airport (sorted by IATA code).
 *
 * @param year the year
 * @param source where the rows came from, for messages and the report
 * @param airports every airport with at least one row, by code
 */
public record ChartYear(int year, String source, List<AirportYear> airports) {
  /** An airport code becomes a key, a folder and a URL fragment: letters and digits only. */
  private static final Pattern AIRPORT = Pattern.compile("[A-Za-z0-9]{1,8}");

  private static final int BATCH_ROWS = 8192;

  public ChartYear {
    airports = List.copyOf(airports);
  }

  /**
   * Reads a local copy of {@code scored/airport_anomalies/year=YYYY/anomalies.parquet}.
   *
   * @param source the file's URI in the warehouse, named in error messages
   * @throws InvalidInputException if the file is not a readable scored dataset or its rows are not
   *     one year of distinct airport-days (see {@link #of})
   */
  public static ChartYear read(Path file, int year, String source) {
    List<ScoredDay> rows = new ArrayList<>();
    try {
      // Column by column: parquet-java's record assembly was most of the read, on the critical
      // path of plot (its render threads wait for the whole year).
      ParquetRowReader.forEachBatch(
          file,
          source,
          ScoredCodec.INSTANCE.schema(),
          BATCH_ROWS,
          batch -> {
            for (int i = 0; i < batch.rows(); i++) {
              rows.add(ScoredCodec.INSTANCE.read(batch, i));
            }
          });
    } catch (InvalidInputException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // The file was downloaded whole, so a failure here is the file's content, not the network.
      throw new InvalidInputException(
          source + ": not a readable scored dataset: " + e.getMessage(), e);
    }
    return of(year, source, rows);
  }

  /**
   * Groups {@code rows} by airport.
   *
   * @throws InvalidInputException if a row is of another year, repeats an airport and day, or names
   *     an airport with other characters than letters and digits
   */
  public static ChartYear of(int year, String source, List<ScoredDay> rows) {
    Map<String, List<ScoredDay>> byAirport = new TreeMap<>();
    // Keyed by code and day number, not by a formatted date: 130,000 rows a year.
    Set<Map.Entry<String, Long>> seen = new HashSet<>();
    for (ScoredDay row : rows) {
      String airport = row.day().airport();
      LocalDate date = row.day().flightDate();
      if (!AIRPORT.matcher(airport).matches()) {
        throw new InvalidInputException(
            source + ": airport code '" + airport + "' is not letters and digits");
      }
      if (date.getYear() != year) {
        throw new InvalidInputException(
            source + ": row " + airport + " " + date + " is not in year " + year);
      }
      if (!seen.add(Map.entry(airport, date.toEpochDay()))) {
        throw new InvalidInputException(source + ": two rows for " + airport + " " + date);
      }
      byAirport.computeIfAbsent(airport, a -> new ArrayList<>()).add(row);
    }
    List<AirportYear> airports = new ArrayList<>();
    byAirport.forEach((airport, days) -> airports.add(new AirportYear(airport, year, days)));
    return new ChartYear(year, source, airports);
  }

  /** Airport-days in the year. */
  public long days() {
    return airports.stream().mapToLong(a -> a.days().size()).sum();
  }

  /** Anomalous airport-days in the year. */
  public long anomalies() {
    return airports.stream().mapToLong(a -> a.anomalies().size()).sum();
  }

  /** The detector names found in the rows, sorted (one in a normal run). */
  public List<String> detectors() {
    Set<String> names = new TreeSet<>();
    airports.forEach(a -> a.days().forEach(d -> names.add(d.detector())));
    return List.copyOf(names);
  }
}
