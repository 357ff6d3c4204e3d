package io.delaywatch.task;

import io.delaywatch.storage.FileObjectStore;
import io.delaywatch.storage.ObjectStore;
import io.delaywatch.storage.Warehouse;
import java.nio.file.Files;
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

  /**
   * Opens the warehouse; the caller closes it.
   *
   * @throws ParameterException (exit 2) for an unsupported URI, or a local warehouse folder that
   *     does not exist (a mistyped path, not a missing step)
   */
  public ObjectStore openWarehouse() {
    ObjectStore store;
    try {
      store = Warehouse.open(warehouse());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (store instanceof FileObjectStore files && !Files.isDirectory(files.root())) {
      store.close();
      throw new ParameterException(
          spec.commandLine(),
          "the warehouse "
              + warehouse
              + " does not exist (no folder "
              + files.root()
              + "): check --warehouse or DELAYWATCH_WAREHOUSE");
    }
    return store;
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

  /** The year if it was given as a valid one, else null (for the manifest of a usage error). */
  Integer yearOrNull() {
    try {
      return year == null ? null : parseYear(spec, year);
    } catch (ParameterException e) {
      return null;
    }
  }

  /** The run id as given, or null. */
  String runIdOrNull() {
    return runId == null || runId.isBlank() ? null : runId;
  }

  /** The run id, or {@code manual-<instant>} when none was given. */
  public String runId() {
    if (runId == null || runId.isBlank()) {
      runId = "manual-" + Instant.now().toString();
    }
    return runId;
  }
}
