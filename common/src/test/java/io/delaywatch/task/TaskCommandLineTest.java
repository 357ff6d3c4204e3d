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

  @Command(name = "probe")
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

  private static String[] concat(String[] base, String last) {
    String[] all = java.util.Arrays.copyOf(base, base.length + 1);
    all[base.length] = last;
    return all;
  }
}
