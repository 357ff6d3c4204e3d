package io.delaywatch.detect;

import io.delaywatch.anomaly.AnomalyScorer;
import io.delaywatch.anomaly.DelayDetector;
import io.delaywatch.anomaly.DetectorRegistry;
import io.delaywatch.anomaly.DetectorSettings;
import io.delaywatch.anomaly.ScoringResult;
import io.delaywatch.daily.AnomalyKind;
import io.delaywatch.daily.DailyAirportStats;
import io.delaywatch.daily.ScoredCodec;
import io.delaywatch.daily.ScoredDay;
import io.delaywatch.parquet.ParquetRowWriter;
import io.delaywatch.storage.LakePaths;
import io.delaywatch.storage.ObjectStore;
import io.delaywatch.task.InvalidInputException;
import io.delaywatch.task.LakeOptions;
import io.delaywatch.task.TaskCommandLine;
import io.delaywatch.task.TaskRun;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The detect task: daily per-airport figures to scored days. */
@Command(
    name = "detect",
    mixinStandardHelpOptions = true,
    description = {
      "Reads daily/airport_daily/year=YYYY/airport_daily.parquet, judges every",
      "(airport, date) with one detector and writes the daily rows plus",
      "expected_dep_delay, lower_bound, upper_bound, anomaly_score, is_anomaly and",
      "detector, sorted by airport and date, to",
      "scored/airport_anomalies/year=YYYY/anomalies.parquet. The same input always",
      "gives the same file. A missing daily file exits 3: run transform first.",
      "",
      "Detectors: robust (default; weekly baseline, volume-aware, late-flight count,",
      "closures), zscore (the reference projects' |z| >= 3), arima (order by AIC per airport-year,",
      "--level prediction interval), rcf (Random Cut Forest, --threshold-scope), iforest",
      "(Isolation Forest, --contamination). Randomised detectors follow --seed.",
      "",
      "Example: detect --warehouse s3://my-lake --year 2015 --detector robust",
    })
public final class Main implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);
  private static final DetectorRegistry DETECTORS = DetectorRegistry.standard();

  @Spec CommandSpec spec;

  @Mixin LakeOptions lake;

  @Option(
      names = "--detector",
      defaultValue = "${env:DELAYWATCH_DETECTOR:-" + DetectorRegistry.DEFAULT + "}",
      completionCandidates = KnownDetectors.class,
      description =
          "The detector: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; env DELAYWATCH_DETECTOR).")
  String detector;

  @Option(
      names = "--two-sided",
      negatable = true,
      description =
          "Also flag unusually LOW delays (--no-two-sided: only high ones). Default: robust, rcf and "
              + "iforest flag high delays only; zscore and arima both sides, as the reference projects did.")
  Boolean twoSided;

  @Option(
      names = "--threshold",
      paramLabel = "K",
      description =
          "Flag a day whose score reaches K (default: robust 4, zscore 3, rcf 3 (mean + K sd of the "
              + "scores), iforest 0.7 (isolation score); arima: the --level's z).")
  Double threshold;

  @Option(
      names = "--level",
      paramLabel = "P",
      description =
          "arima: probability of the one-step prediction interval (default 0.80, as the reference projects).")
  Double level;

  @Option(
      names = "--order-search",
      paramLabel = "HOW",
      description =
          "arima: how the (p,d,q) order is chosen: aic (default), bic or walk-forward (the reference projects').")
  String orderSearch;

  @Option(
      names = "--threshold-scope",
      paramLabel = "SCOPE",
      description =
          "rcf: airport (default: a threshold per airport) or year (one over every airport, as the reference projects).")
  String thresholdScope;

  @Option(
      names = "--contamination",
      paramLabel = "C",
      description =
          "iforest: flag this share of each airport's days (the reference projects used 0.05) instead of a score threshold.")
  Double contamination;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description =
          "Seed of randomised detectors, so that reruns are identical (default: ${DEFAULT-VALUE}).")
  long seed;

  public static void main(String[] args) {
    System.exit(TaskCommandLine.of(new Main()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    int year = lake.year();
    DelayDetector chosen = detector();
    try (ObjectStore store = lake.openWarehouse();
        TaskRun run = TaskRun.start("detect", lake.runId(), year)) {
      String dailyKey = LakePaths.daily(year);
      String dailyUri = store.uri(dailyKey);
      run.sweepLeftovers(store, LakePaths.scored(year));
      Path daily = run.fetchInput(store, dailyKey, "transform");
      List<DailyAirportStats> days = DailyFile.read(daily, dailyUri, year);

      ScoringResult scored;
      try {
        scored = new AnomalyScorer(chosen).score(days);
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(dailyUri + ": " + e.getMessage(), e);
      }
      String scoredKey = LakePaths.scored(year);
      Path out = run.tempDir().resolve("anomalies.parquet");
      // No time in the footer: the same input and run id give a byte-identical file.
      Map<String, String> footer = new TreeMap<>(run.fileMetadata());
      footer.put("delaywatch.detector", chosen.name());
      footer.put("delaywatch.detector_parameters", describe(chosen.parameters()));
      try (ParquetRowWriter<ScoredDay> writer =
          ParquetRowWriter.create(out, ScoredCodec.INSTANCE, footer)) {
        scored.rows().forEach(writer::write);
      }
      run.commit(store, out, scoredKey, "application/vnd.apache.parquet");
      LOG.info(
          "{} rows of {} airports scored by {}: {} anomalies",
          scored.rows().size(),
          scored.airports(),
          chosen.name(),
          scored.anomalies());

      run.count("rows", scored.rows().size())
          .count("airports", scored.airports())
          .count("scored_rows", scored.scored())
          .count("anomalies", scored.anomalies());
      for (Map.Entry<AnomalyKind, Long> kind : scored.anomaliesByKind().entrySet()) {
        run.count(kind.getKey().countName(), kind.getValue());
      }
      run.detail("detector", chosen.name()).detail("parameters", chosen.parameters());
      return run.done(store);
    }
  }

  private DelayDetector detector() {
    if (!DETECTORS.contains(detector)) {
      throw new ParameterException(
          spec.commandLine(),
          "Unknown --detector '"
              + detector
              + "'; known detectors: "
              + String.join(", ", DETECTORS.names()));
    }
    try {
      DetectorSettings settings =
          new DetectorSettings(
              twoSided,
              threshold,
              seed,
              level,
              orderSearch == null
                  ? null
                  : DetectorSettings.parseEnum(
                      DetectorSettings.OrderSearch.class, "--order-search", orderSearch),
              thresholdScope == null
                  ? null
                  : DetectorSettings.parseEnum(
                      DetectorSettings.ThresholdScope.class, "--threshold-scope", thresholdScope),
              contamination);
      return DETECTORS.create(detector, settings);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private static String describe(Map<String, Object> parameters) {
    return parameters.entrySet().stream()
        .map(p -> p.getKey() + "=" + p.getValue())
        .collect(Collectors.joining(", "));
  }

  /** The registered detector names, for the help text. Not API. */
  static final class KnownDetectors implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return DETECTORS.names().iterator();
    }
  }
}
