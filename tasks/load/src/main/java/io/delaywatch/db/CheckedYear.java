package io.delaywatch.db;

import io.delaywatch.daily.DailyAirportStats;
import io.delaywatch.daily.ScoredDay;
import io.delaywatch.task.InvalidInputException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The scored rows of one year, checked to fit the table before the database is touched: every day
 * in the year, no (airport, day) twice, and the figures within the table's CHECK constraints. A row
 * outside the year would survive the next reload of its own year, so it is refused here rather than
 * loaded.
 */
public final class CheckedYear {
  private static final String[] CAUSE_COLUMNS = {
    "carrier_delay_min",
    "weather_delay_min",
    "nas_delay_min",
    "security_delay_min",
    "late_aircraft_delay_min"
  };

  private final int year;
  private final List<ScoredDay> rows;
  private final long anomalies;

  private CheckedYear(int year, List<ScoredDay> rows, long anomalies) {
    this.year = year;
    this.rows = rows;
    this.anomalies = anomalies;
  }

  /**
   * Checks {@code rows} (in file order) as the content of {@code year}.
   *
   * @param source the file they came from, named in error messages
   * @throws InvalidInputException naming the file, the 1-based row and what is wrong
   */
  public static CheckedYear check(int year, List<ScoredDay> rows, String source) {
    if (rows.isEmpty()) {
      throw new InvalidInputException(
          source + ": no rows; refusing to replace the rows of " + year + " with nothing");
    }
    Map<String, Integer> seen = new HashMap<>();
    long anomalies = 0;
    for (int i = 0; i < rows.size(); i++) {
      ScoredDay row = rows.get(i);
      DailyAirportStats d = row.day();
      String where = source + ": row " + (i + 1) + " (" + d.airport() + " " + d.flightDate() + ")";
      String problem = problem(year, row);
      if (problem != null) {
        throw new InvalidInputException(where + ": " + problem);
      }
      Integer first = seen.putIfAbsent(d.airport() + " " + d.flightDate(), i + 1);
      if (first != null) {
        throw new InvalidInputException(where + ": same airport and day as row " + first);
      }
      if (row.anomaly()) {
        anomalies++;
      }
    }
    return new CheckedYear(year, List.copyOf(rows), anomalies);
  }

  private static String problem(int year, ScoredDay row) {
    DailyAirportStats d = row.day();
    if (d.airport() == null || d.airport().isBlank()) {
      return "airport is empty";
    }
    LocalDate date = d.flightDate();
    if (date == null || date.getYear() != year) {
      return "flight_date is not in " + year;
    }
    if (d.flights() < 0) {
      return "flights is negative: " + d.flights();
    }
    if (d.cancelled() < 0 || d.cancelled() > d.flights()) {
      return "cancelled " + d.cancelled() + " is not between 0 and flights " + d.flights();
    }
    if (d.departed() != d.flights() - d.cancelled()) {
      return "departed "
          + d.departed()
          + " is not flights - cancelled = "
          + (d.flights() - d.cancelled());
    }
    if (d.diverted() < 0) {
      return "diverted is negative: " + d.diverted();
    }
    Double share = d.delayed15Share();
    if (share != null && !(share >= 0 && share <= 1)) {
      return "delayed_15_share " + share + " is not between 0 and 1";
    }
    double[] causes = {
      d.carrierDelayMin(),
      d.weatherDelayMin(),
      d.nasDelayMin(),
      d.securityDelayMin(),
      d.lateAircraftDelayMin()
    };
    for (int c = 0; c < causes.length; c++) {
      // main_delay_cause is computed by the database, where NaN sorts above every number.
      if (!Double.isFinite(causes[c])) {
        return CAUSE_COLUMNS[c] + " is not a finite number: " + causes[c];
      }
    }
    if (row.detector() == null || row.detector().isBlank()) {
      return "detector is empty";
    }
    return null;
  }

  public int year() {
    return year;
  }

  /** The rows, in file order; unmodifiable. */
  public List<ScoredDay> rows() {
    return rows;
  }

  /** How many rows are flagged anomalous. */
  public long anomalies() {
    return anomalies;
  }
}
