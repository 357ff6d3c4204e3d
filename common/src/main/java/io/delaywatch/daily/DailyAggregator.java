package io.delaywatch.daily;

import io.delaywatch.flights.Flight;
import io.delaywatch.parquet.ColumnBatch;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.parquet.schema.MessageType;

/**
 * Folds a year's flights into one {@link DailyAirportStats} per (airport, day), by the data rules:
 * flights counts every row (cancelled included); the mean delay and the delayed share use only rows
 * with a DEP_DELAY; cause minutes sum with empty = 0. A day without rows gets no row.
 *
 * <p>Memory is one small accumulator per airport-day that has flights, whatever the row count. Not
 * thread-safe.
 */
public final class DailyAggregator {
  private final int year;
  private final int firstDay;
  private final int days;
  private final Map<String, Day[]> airports = new HashMap<>();
  private long flights;

  public DailyAggregator(int year) {
    this.year = year;
    this.firstDay = (int) LocalDate.of(year, 1, 1).toEpochDay();
    this.days = LocalDate.of(year, 1, 1).lengthOfYear();
  }

  /**
   * Adds one flight.
   *
   * @throws IllegalArgumentException if it is not of the aggregator's year
   */
  public void add(Flight f) {
    int index = f.epochDay() - firstDay;
    if (index < 0 || index >= days) {
      throw new IllegalArgumentException(
          "flight of " + LocalDate.ofEpochDay(f.epochDay()) + " is not in " + year);
    }
    Day[] byDay = airports.computeIfAbsent(f.origin(), k -> new Day[days]);
    Day day = byDay[index];
    if (day == null) {
      day = byDay[index] = new Day();
    }
    day.add(f);
    flights++;
  }

  /**
   * Adds the batch's flights: a batch of {@link io.delaywatch.flights.FlightCodec}'s columns or a
   * projection of them that keeps flight_date, origin, dep_delay, cancelled, diverted and the five
   * causes.
   *
   * @throws IllegalArgumentException if a flight is not of the aggregator's year
   */
  public void add(ColumnBatch batch) {
    MessageType schema = batch.schema();
    int[] dates = batch.ints(schema.getFieldIndex("flight_date"));
    String[] origins = batch.strings(schema.getFieldIndex("origin"));
    double[] delays = batch.doubles(schema.getFieldIndex("dep_delay"));
    boolean[] cancels = batch.bools(schema.getFieldIndex("cancelled"));
    boolean[] diverts = batch.bools(schema.getFieldIndex("diverted"));
    double[][] causes = new double[CAUSES.length][];
    for (int k = 0; k < CAUSES.length; k++) {
      causes[k] = batch.doubles(schema.getFieldIndex(CAUSES[k]));
    }
    String lastOrigin = null;
    Day[] byDay = null;
    for (int i = 0, n = batch.rows(); i < n; i++) {
      int index = dates[i] - firstDay;
      if (index < 0 || index >= days) {
        throw new IllegalArgumentException(
            "flight of " + LocalDate.ofEpochDay(dates[i]) + " is not in " + year);
      }
      // Dictionary-decoded codes are shared instances: a repeat is a reference comparison.
      if (origins[i] != lastOrigin) {
        lastOrigin = origins[i];
        // Not computeIfAbsent: its lambda would capture this and be allocated on every call.
        byDay = airports.get(lastOrigin);
        if (byDay == null) {
          byDay = new Day[days];
          airports.put(lastOrigin, byDay);
        }
      }
      Day day = byDay[index];
      if (day == null) {
        day = byDay[index] = new Day();
      }
      day.flights++;
      if (cancels[i]) {
        day.cancelled++;
      }
      if (diverts[i]) {
        day.diverted++;
      }
      double delay = delays[i];
      if (!Double.isNaN(delay)) {
        day.withDelay++;
        day.delaySum += delay;
        if (delay >= 15) {
          day.delayed15++;
        }
      }
      for (int k = 0; k < CAUSES.length; k++) {
        day.addCause(k, causes[k][i]);
      }
    }
    flights += batch.rows();
  }

  private static final String[] CAUSES = {
    "carrier_delay", "weather_delay", "nas_delay", "security_delay", "late_aircraft_delay"
  };

  public long flights() {
    return flights;
  }

  /** The daily rows, sorted by airport then date. */
  public List<DailyAirportStats> rows() {
    List<DailyAirportStats> rows = new ArrayList<>();
    for (Map.Entry<String, Day[]> airport : new TreeMap<>(airports).entrySet()) {
      Day[] byDay = airport.getValue();
      for (int i = 0; i < byDay.length; i++) {
        if (byDay[i] != null) {
          rows.add(byDay[i].toStats(airport.getKey(), LocalDate.ofEpochDay(firstDay + i)));
        }
      }
    }
    return rows;
  }

  /** Running sums of one airport-day. */
  private static final class Day {
    int flights;
    int cancelled;
    int diverted;
    int withDelay;
    int delayed15;
    double delaySum;
    final double[] causes = new double[5];

    void add(Flight f) {
      flights++;
      if (f.cancelled()) {
        cancelled++;
      }
      if (f.diverted()) {
        diverted++;
      }
      if (!Double.isNaN(f.depDelay())) {
        withDelay++;
        delaySum += f.depDelay();
        if (f.depDelay() >= 15) {
          delayed15++;
        }
      }
      addCause(0, f.carrierDelay());
      addCause(1, f.weatherDelay());
      addCause(2, f.nasDelay());
      addCause(3, f.securityDelay());
      addCause(4, f.lateAircraftDelay());
    }

    private void addCause(int i, double minutes) {
      if (!Double.isNaN(minutes)) {
        causes[i] += minutes;
      }
    }

    DailyAirportStats toStats(String airport, LocalDate date) {
      return new DailyAirportStats(
          airport,
          date,
          flights,
          flights - cancelled,
          cancelled,
          diverted,
          withDelay == 0 ? null : delaySum / withDelay,
          withDelay == 0 ? null : (double) delayed15 / withDelay,
          causes[0],
          causes[1],
          causes[2],
          causes[3],
          causes[4]);
    }
  }
}
