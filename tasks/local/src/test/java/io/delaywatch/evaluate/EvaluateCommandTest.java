package io.delaywatch.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.delaywatch.local.Main;
import io.delaywatch.sample.FlightGenerator;
import io.delaywatch.sample.GeneratorConfig;
import io.delaywatch.task.TaskCommandLine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class EvaluateCommandTest {
  private String err = "";

  @Test
  void printsTheTablesForEachDetectorNamed() {
    Run run =
        evaluate(
            "evaluate",
            "--years",
            "1",
            "--airports",
            "6",
            "--rows",
            "60000",
            "--seed",
            "3",
            "--detectors",
            "robust,zscore,robust:threshold=3.5");

    assertThat(run.exitCode()).isZero();
    assertThat(run.stdout())
        .contains(
            "Detector evaluation: 1 generated year (2015-2015, every second without cancelled rows), seed 3, 6 airports, 60,000 flights a year")
        .containsPattern(
            "(?m)^detector +precision  recall     F1  alarms/airport-year  false/airport-year  seconds/year$")
        .contains(
            "Share of days flagged: recall per planted kind | false alarms on days that are not anomalies")
        .contains("F1 (precision/recall) per airport size, flights a day: hub >= 150")
        .containsPattern("(?m)^robust:threshold=3\\.5 +[0-9.-]+ +[0-9.-]+ +[0-9.-]+")
        .containsPattern("(?m)^zscore +");
  }

  @Test
  void anUnknownDetectorIsAUsageErrorListingTheKnownOnes() {
    Run run = evaluate("evaluate", "--years", "1", "--detectors", "robust,prophet");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(err)
        .contains(
            "unknown detector 'prophet'; known detectors: arima, iforest, rcf, robust, zscore");
  }

  @Test
  void aBadDetectorOptionIsAUsageErrorNamingIt() {
    Run run = evaluate("evaluate", "--detectors", "arima:level=2");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(err).contains("level must be between 0 and 1 (exclusive), got 2.0");
  }

  @Test
  void onARealYearFlaggedWritesEveryFlaggedDayWithItsKindAndLabel(@TempDir Path dir)
      throws IOException {
    Path flights =
        FlightGenerator.generate(new GeneratorConfig(2015, 6, 60_000, 5, false, false, false), dir)
            .flights();
    Path flagged = dir.resolve("flagged.csv");

    Run run =
        evaluate(
            "evaluate",
            "--flights",
            flights.toString(),
            "--detectors",
            "robust",
            "--flagged",
            flagged.toString());

    assertThat(run.exitCode()).isZero();
    List<String> lines = Files.readAllLines(flagged);
    assertThat(lines.get(0))
        .isEqualTo(
            "detector,airport,date,kind,score,flights,avg_dep_delay,expected_dep_delay,label");
    assertThat(lines.subList(1, lines.size()))
        .isNotEmpty()
        .allMatch(
            line ->
                line.matches(
                    "robust,[A-Z]{3},2015-\\d\\d-\\d\\d,(HIGH_DELAY|CANCELLATIONS|COLLAPSE),[0-9.]+,\\d+,"
                        + "[0-9.-]*,[0-9.-]*,[a-z_]*"));
    // The generator's planted days are among them, by their label.
    assertThat(lines).anyMatch(line -> line.matches(".*,(spike|storm|closure|collapse)$"));
  }

  @Test
  void flaggedWithoutARealYearIsAUsageError() {
    Run run = evaluate("evaluate", "--years", "1", "--flagged", "x.csv");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(err).contains("--flagged needs --flights");
  }

  private record Run(int exitCode, String stdout) {}

  private Run evaluate(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringWriter usage = new StringWriter();
    PrintStream original = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      CommandLine cli = TaskCommandLine.of(new Main());
      cli.setErr(new PrintWriter(usage, true));
      int code = cli.execute(args);
      err = usage.toString();
      return new Run(code, out.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(original);
    }
  }
}
