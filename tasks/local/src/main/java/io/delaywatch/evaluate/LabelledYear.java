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
    try {
      return read(generated.flights(), generated.labels(), config.year());
    } finally {
      Files.deleteIfExists(generated.flights());
    }
  }

  /**
   * Folds a Kaggle-schema flights file of {@code year} (real data, e.g. realdata/) into daily rows
   * as transform would, with its labels file.
   *
   * @throws IOException when a file cannot be read, or a row or label is invalid (the message names
   *     the file and line)
   */
  static LabelledYear read(Path flights, Path labelsFile, int year) throws IOException {
    DailyAggregator aggregator = new DailyAggregator(year);
    try (InputStream in = Files.newInputStream(flights);
        FlightCsvReader reader =
            new FlightCsvReader(
                new ByteCsvCursor(in),
                flights.toString(),
                year,
                rejection -> {
                  throw new IllegalStateException("unreadable row: " + rejection);
                })) {
      for (var flight = reader.next(); flight != null; flight = reader.next()) {
        aggregator.add(flight);
      }
    }
    Map<AirportDay, LabelKind> labels = new HashMap<>();
    for (Label label : Labels.read(labelsFile)) {
      labels.put(new AirportDay(label.airport(), label.date()), label.kind());
    }
    return new LabelledYear(year, aggregator.rows(), labels);
  }
}
