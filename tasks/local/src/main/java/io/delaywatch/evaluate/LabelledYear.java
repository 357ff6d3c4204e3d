package io.delaywatch.evaluate;

import io.delaywatch.daily.DailyAggregator;
import io.delaywatch.daily.DailyAirportStats;
import io.delaywatch.flights.ByteCsvCursor;
import io.delaywatch.flights.FlightCsvReader;
import io.delaywatch.sample.FlightGenerator;
import io.delaywatch.sample.GenerationResult;
import io.delaywatch.sample.GeneratorConfig;
import io.delaywatch.sample.Label;
import io.delaywatch.sample.LabelKind;
import io.delaywatch.sample.Labels;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One generated year, as the detectors see it (the daily rows transform would write) and as the
 * generator planted it (the labels). Not API.
 *
 * @param year the year
 * @param days the daily rows, sorted by airport then date
 * @param labels the planted kind of each labelled airport-day; unlabelled days are ordinary
 */
record LabelledYear(int year, List<DailyAirportStats> days, Map<AirportDay, LabelKind> labels) {

  /** An airport on a date: the key of a label and of a verdict. */
  record AirportDay(String airport, LocalDate date) {}

  LabelledYear {
    days = List.copyOf(days);
    labels = Map.copyOf(labels);
  }

  /** The planted kind of {@code day}, or null when it is an ordinary day. */
  LabelKind label(DailyAirportStats day) {
    return labels.get(new AirportDay(day.airport(), day.flightDate()));
  }

  /**
   * Generates {@code config}'s year into {@code dir} and folds it into daily rows in memory, the
   * way download and transform would (same reader, same aggregator), without the Parquet round
   * trip. The flights file is deleted afterwards: a real-sized year is 850 MB.
   *
   * @throws IOException when the files cannot be written or read back
   */
  static LabelledYear generate(GeneratorConfig config, Path dir) throws IOException {
    GenerationResult generated = FlightGenerator.generate(config, dir);
    DailyAggregator aggregator = new DailyAggregator(config.year());
    try (InputStream in = Files.newInputStream(generated.flights());
        FlightCsvReader reader =
            new FlightCsvReader(
                new ByteCsvCursor(in),
                generated.flights().toString(),
                config.year(),
                rejection -> {
                  throw new IllegalStateException(
                      "the generator wrote an unreadable row: " + rejection);
                })) {
      for (var flight = reader.next(); flight != null; flight = reader.next()) {
        aggregator.add(flight);
      }
    } finally {
      Files.deleteIfExists(generated.flights());
    }
    Map<AirportDay, LabelKind> labels = new HashMap<>();
    for (Label label : Labels.read(generated.labels())) {
      labels.put(new AirportDay(label.airport(), label.date()), label.kind());
    }
    return new LabelledYear(config.year(), aggregator.rows(), labels);
  }
}
