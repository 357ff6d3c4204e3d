package io.delaywatch.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.delaywatch.storage.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

class TaskCommandLineTest {
  @TempDir Path lake;

  @Command(name = "probe", mixinStandardHelpOptions = true)
  static final class Probe implements Callable<Integer> {
    @Mixin LakeOptions options;

    @Option(names = "--fail")
    String fail;

    @Override
    public Integer call() throws Exception {
      try (ObjectStore store = options.openWarehouse();
          TaskRun run = TaskRun.start("probe", options.runId(), options.year())) {
        switch (fail == null ? "" : fail) {
          case "input" ->
              throw new InvalidInputException("raw/flights/2015.csv line 7 column ORIGIN: bad");
          case "s3" -> throw new UncheckedIOException(new IOException("connection reset"));
          case "nothing" -> throw new NothingToDoException("no raw file for year 2015");
          case "bug" -> throw new IllegalStateException("oops");
          default -> {}
        }
        run.input("in").output("out").count("rows", 3);
        return run.done(store);
      }
    }
  }

  TaskHarness.Outcome run(String... args) {
    return TaskHarness.run(new Probe(), args);
  }

  @Test
  void successPrintsTheManifestAsTheLastLineAndStoresIt() throws IOException {
    TaskHarness.Outcome outcome =
        run("--warehouse", lake.toString(), "--year", "2015", "--run-id", "r-1");

    assertThat(outcome.exit()).isZero();
    com.fasterxml.jackson.databind.JsonNode manifest = outcome.manifest();
    assertThat(manifest.get("task").asText()).isEqualTo("probe");
    assertThat(manifest.get("year").asInt()).isEqualTo(2015);
    assertThat(manifest.get("run_id").asText()).isEqualTo("r-1");
    assertThat(manifest.get("status").asText()).isEqualTo("done");
    assertThat(manifest.get("counts").get("rows").asLong()).isEqualTo(3);
    assertThat(outcome.stdout().strip()).doesNotContain("\n");
    assertThat(
            new ObjectMapper()
                .readTree(Files.readString(lake.resolve("runs/year=2015/probe.json"))))
        .isEqualTo(manifest);
  }

  @Test
  void exceptionsMapToTheContractsExitCodesWithAFailureManifest() throws IOException {
    String[] base = {"--warehouse", lake.toString(), "--year", "2015", "--fail"};
    assertThat(run(concat(base, "input")).exit()).isEqualTo(3);
    assertThat(run(concat(base, "input")).manifest().get("error").asText())
        .isEqualTo("raw/flights/2015.csv line 7 column ORIGIN: bad");
    assertThat(run(concat(base, "s3")).exit()).isEqualTo(4);
    TaskHarness.Outcome skipped = run(concat(base, "nothing"));
    assertThat(skipped.exit()).isEqualTo(99);
    assertThat(skipped.manifest().get("status").asText()).isEqualTo("skipped");
    assertThat(run(concat(base, "bug")).exit()).isEqualTo(1);
    assertThat(lake.resolve("runs/year=2015/probe.json")).doesNotExist();
  }

  @Test
  void badOrMissingOptionsExitTwo() {
    assertThat(run("--warehouse", lake.toString(), "--year", "15").exit()).isEqualTo(2);
    assertThat(run("--year", "2015").exit()).isEqualTo(2);
    assertThat(run("--warehouse", "gs://x", "--year", "2015").exit()).isEqualTo(2);
    assertThat(run("--bogus").exit()).isEqualTo(2);
  }

  @Test
  void versionNamesTheTaskTheProjectVersionAndTheCommit() {
    TaskHarness.Outcome outcome = run("--version");

    assertThat(outcome.exit()).isZero();
    assertThat(outcome.stdout().strip())
        .matches("probe \\(DelayWatch\\) \\d+\\.\\d+\\.\\d+.*, commit ([0-9a-f]{12}|unknown)");
  }

  @Test
  void aUsageErrorPrintsAFailureManifestAsTheLastLine() throws IOException {
    TaskHarness.Outcome badYear =
        run("--warehouse", lake.toString(), "--year", "15", "--run-id", "r-2");
    TaskHarness.Outcome unknown = run("--bogus", "--run-id", "r-3");

    assertThat(badYear.exit()).isEqualTo(2);
    assertThat(badYear.manifest().get("task").asText()).isEqualTo("probe");
    assertThat(badYear.manifest().get("status").asText()).isEqualTo("failed");
    assertThat(badYear.manifest().get("exit_code").asInt()).isEqualTo(2);
    assertThat(badYear.manifest().get("run_id").asText()).isEqualTo("r-2");
    assertThat(badYear.manifest().get("error").asText())
        .isEqualTo("--year must be a four-digit year (e.g. 2015), got '15'");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.manifest().get("status").asText()).isEqualTo("failed");
    assertThat(unknown.manifest().get("error").asText()).isEqualTo("Unknown option: '--bogus'");
    assertThat(lake.resolve("runs")).doesNotExist();
  }

  @Test
  void aWarehouseFolderThatDoesNotExistIsAUsageErrorSayingSo() throws IOException {
    Path missing = lake.resolve("typo");

    TaskHarness.Outcome path = run("--warehouse", missing.toString(), "--year", "2015");
    TaskHarness.Outcome uri = run("--warehouse", missing.toUri().toString(), "--year", "2015");

    assertThat(path.exit()).isEqualTo(2);
    assertThat(path.manifest().get("error").asText())
        .isEqualTo(
            "the warehouse "
                + missing
                + " does not exist (no folder "
                + missing
                + "): check --warehouse or DELAYWATCH_WAREHOUSE");
    assertThat(uri.exit()).isEqualTo(2);
    assertThat(uri.manifest().get("error").asText())
        .isEqualTo(
            "the warehouse "
                + missing.toUri()
                + " does not exist (no folder "
                + missing
                + "): check --warehouse or DELAYWATCH_WAREHOUSE");
    assertThat(missing).doesNotExist();
  }

  private static String[] concat(String[] base, String last) {
    String[] all = java.util.Arrays.copyOf(base, base.length + 1);
    all[base.length] = last;
    return all;
  }
}
