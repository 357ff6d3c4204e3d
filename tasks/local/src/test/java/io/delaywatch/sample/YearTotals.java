package io.delaywatch.sample;

import io.delaywatch.flights.CsvCursor;
import io.delaywatch.flights.Flight;
import io.delaywatch.flights.FlightCsvReader;
import io.delaywatch.flights.Rejection;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/** A generated year read back through the pipeline's reader, summed per airport and day. */
final class YearTotals {
  /** Opens a cursor on a stream: ByteCsvCursor::new or CommonsCsvCursor::new. */
  interface Cursors {
    CsvCursor open(InputStream in) throws IOException;
  }

  /** One airport-day. */
  static final class Day {
    int flights;
    int cancelled;
    double delaySum;
    int delays;

    double cancelledShare() {
      return (double) cancelled / flights;
    }

    double meanDelay() {
      return delays == 0 ? Double.NaN : delaySum / delays;
    }
  }

  final Map<String, Map<LocalDate, Day>> byAirport = new TreeMap<>();
  final List<Rejection> rejections = new ArrayList<>();
  long rowsRead;

  static YearTotals read(Path file, int year, Cursors cursors) throws IOException {
    YearTotals totals = new YearTotals();
    InputStream in = Files.newInputStream(file);
    if (file.toString().endsWith(".gz")) {
      in = new GZIPInputStream(in);
    }
    try (FlightCsvReader reader =
        new FlightCsvReader(cursors.open(in), file.toString(), year, totals.rejections::add)) {
      for (Flight flight = reader.next(); flight != null; flight = reader.next()) {
        Day day =
            totals
                .byAirport
                .computeIfAbsent(flight.origin(), a -> new TreeMap<>())
                .computeIfAbsent(LocalDate.ofEpochDay(flight.epochDay()), d -> new Day());
        day.flights++;
        if (flight.cancelled()) {
          day.cancelled++;
        }
        if (!Double.isNaN(flight.depDelay())) {
          day.delaySum += flight.depDelay();
          day.delays++;
        }
      }
      totals.rowsRead = reader.rowsRead();
    }
    return totals;
  }

  Day day(String airport, LocalDate date) {
    return byAirport.get(airport).get(date);
  }

  double medianFlights(String airport) {
    return median(byAirport.get(airport).values().stream().mapToDouble(d -> d.flights).toArray());
  }

  double medianMeanDelay(String airport) {
    return median(
        byAirport.get(airport).values().stream()
            .mapToDouble(Day::meanDelay)
            .filter(m -> !Double.isNaN(m))
            .toArray());
  }

  private static double median(double[] values) {
    java.util.Arrays.sort(values);
    return values[values.length / 2];
  }
}
