package io.delaywatch.task;

import io.delaywatch.storage.ObjectStore;
import io.delaywatch.storage.Warehouse;
import java.time.Instant;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options every task shares: where the lake is, which year, which run. A picocli mixin. */
public final class LakeOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(
      names = "--warehouse",
      defaultValue = "${env:DELAYWATCH_WAREHOUSE}",
      description =
          "Root of the data lake: s3://bucket/prefix, file:///abs/path or a local path "
              + "(env DELAYWATCH_WAREHOUSE). S3 honours AWS_ENDPOINT_URL.")
  String warehouse;

  @Option(
      names = "--year",
      defaultValue = "${env:DELAYWATCH_YEAR}",
      description = "The year to process, YYYY (env DELAYWATCH_YEAR).")
  String year;

  @Option(
      names = "--run-id",
      defaultValue = "${env:DELAYWATCH_RUN_ID}",
      description = "The orchestrator's run id, stored with the outputs (env DELAYWATCH_RUN_ID).")
  String runId;

  /** The warehouse URI as given. */
  public String warehouse() {
    if (warehouse == null || warehouse.isBlank()) {
      throw new ParameterException(
          spec.commandLine(), "Missing --warehouse (or env DELAYWATCH_WAREHOUSE)");
    }
    return warehouse;
  }

  /** Opens the warehouse; the caller closes it. */
  public ObjectStore openWarehouse() {
    try {
      return Warehouse.open(warehouse());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  /** The raw {@code --year} value, possibly {@code latest}; null when absent. */
  public String yearText() {
    return year;
  }

  /** The year as a number, checked to be a plausible four-digit year. */
  public int year() {
    return parseYear(spec, year);
  }

  static int parseYear(CommandSpec spec, String text) {
    if (text == null || !text.matches("\\d{4}")) {
      throw new ParameterException(
          spec.commandLine(),
          "--year must be a four-digit year (e.g. 2015), got "
              + (text == null ? "nothing" : "'" + text + "'"));
    }
    int value = Integer.parseInt(text);
    if (value < 1987 || value > 2100) {
      throw new ParameterException(spec.commandLine(), "--year out of range 1987-2100: " + value);
    }
    return value;
  }

  /** The run id, or {@code manual-<instant>} when none was given. */
  public String runId() {
    if (runId == null || runId.isBlank()) {
      runId = "manual-" + Instant.now().toString();
    }
    return runId;
  }
}
