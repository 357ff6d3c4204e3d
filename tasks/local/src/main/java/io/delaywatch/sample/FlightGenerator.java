package io.delaywatch.sample;

import io.delaywatch.flights.RawColumns;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a realistic yearly on-time file in the Kaggle schema, with planted anomalies and a labels
 * file that says where they are: sample data for the demo, the tests and the detectors' evaluation.
 *
 * <p>{@code DIR/YYYY.csv} (or {@code YYYY.csv.gz}) has the 28-column header of {@link
 * RawColumns#KAGGLE_HEADER} and one row per scheduled departure of the {@code airports} largest US
 * airports, day by day: real IATA codes and carriers, timetabled flight numbers, local times as
 * {@code HHMM}, the files' quirks (whole numbers written as {@code -4.0}, an empty trailing column,
 * cause columns only for arrivals 15+ minutes late). {@code DIR/YYYY.labels.csv} lists the planted
 * airport-days (see {@link Labels}); discovery does not take it for a year.
 *
 * <p>Rows stream out as they are drawn: memory stays small whatever the size. Both files are
 * written under temporary names and renamed when complete, and the other variant of the year
 * ({@code .csv} when writing {@code .csv.gz}, and back) is removed, so the directory never offers a
 * half-written or stale year. The same config gives byte-identical files; the planted events depend
 * on the seed, year and airports, not on the number of rows.
 */
public final class FlightGenerator {
  // Independent random streams, so that e.g. the plan does not move when the row count does.
  private static final int PLAN = 1;
  private static final int AIRPORTS = 2;
  private static final int TIMETABLE = 3;
  private static final int DAYS = 4;
  private static final int FLIGHTS = 5;

  private FlightGenerator() {}

  /**
   * Generates one year into {@code outDir} (created if needed), replacing that year's files.
   * Thread-safe: calls share no state.
   *
   * @throws IOException when the directory or a file cannot be written; no partial file is left
   */
  public static GenerationResult generate(GeneratorConfig config, Path outDir) throws IOException {
    int year = config.year();
    int origins = config.airports();
    List<Airport> catalog = AirportCatalog.largest(AirportCatalog.size());
    YearCalendar calendar = new YearCalendar(year);
    AnomalyPlan plan =
        AnomalyPlan.plan(
            catalog.subList(0, origins), calendar, stream(config, PLAN), config.dropCancelled());

    // Scale the catalog's sizes so that the year adds up to the rows asked for.
    double yearAtScaleOne = 0;
    double[] busiest = new double[origins];
    for (int a = 0; a < origins; a++) {
      double days = 0;
      for (int day = 0; day < calendar.days(); day++) {
        double volume = calendar.volume(day) * plan.volume(a, day);
        days += volume;
        busiest[a] = Math.max(busiest[a], volume);
      }
      yearAtScaleOne += catalog.get(a).dailyDepartures() * days;
    }
    double scale = config.rows() / yearAtScaleOne;
    double[] dailyFlights = new double[origins];
    int[] flightsPerAirport = new int[origins];
    for (int a = 0; a < origins; a++) {
      dailyFlights[a] = catalog.get(a).dailyDepartures() * scale;
      flightsPerAirport[a] = (int) Math.max(1, Math.ceil(dailyFlights[a] * busiest[a]));
    }
    Schedule schedule =
        Schedule.build(catalog, origins, flightsPerAirport, stream(config, TIMETABLE));
    YearSimulation simulation =
        new YearSimulation(
            catalog,
            origins,
            calendar,
            plan,
            schedule,
            dailyFlights,
            stream(config, AIRPORTS),
            stream(config, DAYS),
            stream(config, FLIGHTS),
            config.dropCancelled());

    Files.createDirectories(outDir);
    String name = year + (config.gzip() ? ".csv.gz" : ".csv");
    Path flights = outDir.resolve(name);
    Path partial = outDir.resolve("." + name + ".part");
    long rows;
    try {
      try (CsvBytes csv = new CsvBytes(open(partial, config.gzip()), config.crlf())) {
        csv.raw(String.join(",", RawColumns.KAGGLE_HEADER).getBytes(StandardCharsets.US_ASCII));
        csv.endRow();
        rows = simulation.run(csv);
      }
      replace(partial, flights);
    } finally {
      Files.deleteIfExists(partial);
    }
    Files.deleteIfExists(outDir.resolve(year + (config.gzip() ? ".csv" : ".csv.gz")));

    List<Label> labels = plan.labels(simulation::hadFlights);
    Path labelsFile = outDir.resolve(year + ".labels.csv");
    Path partialLabels = outDir.resolve("." + year + ".labels.csv.part");
    try {
      Labels.write(partialLabels, labels);
      replace(partialLabels, labelsFile);
    } finally {
      Files.deleteIfExists(partialLabels);
    }
    int airportsWithFlights = 0;
    for (int a = 0; a < origins; a++) {
      for (int day = 0; day < calendar.days(); day++) {
        if (simulation.hadFlights(a, day)) {
          airportsWithFlights++;
          break;
        }
      }
    }
    int anomalies = (int) labels.stream().filter(label -> label.kind().anomalous()).count();
    return new GenerationResult(
        flights, labelsFile, rows, airportsWithFlights, labels.size(), anomalies);
  }

  private static SplitMix stream(GeneratorConfig config, int purpose) {
    return SplitMix.stream(config.seed(), (long) config.year() << 8 | purpose);
  }

  private static OutputStream open(Path file, boolean gzip) throws IOException {
    OutputStream out = Files.newOutputStream(file);
    if (!gzip) {
      return out;
    }
    // Fastest level: a full year takes ~12 s and shrinks 3x; the default level takes 5x as long
    // for a file only a sixth smaller.
    return new GZIPOutputStream(out, 1 << 16) {
      {
        def.setLevel(Deflater.BEST_SPEED);
      }
    };
  }

  private static void replace(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
