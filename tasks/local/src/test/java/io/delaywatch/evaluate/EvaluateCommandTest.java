package io.delaywatch.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import io.delaywatch.local.Main;
import io.delaywatch.task.TaskCommandLine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
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
