package io.delaywatch.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.delaywatch.storage.LakePaths;
import io.delaywatch.storage.ObjectStore;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects what one task run reads, writes and counts, and publishes its {@link TaskManifest}: to
 * {@code runs/year=YYYY/<task>.json} in the warehouse, to {@code /airflow/xcom/return.json} when
 * that folder exists (KubernetesPodOperator), and as the last line of stdout (ECS XCom).
 *
 * <p>One run per process: the exit-code handler of {@link TaskCommandLine} reads the current run to
 * print a failure manifest. Not thread-safe.
 */
public final class TaskRun implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);
  private static final Logger LOG = LoggerFactory.getLogger(TaskRun.class);
  private static volatile TaskRun current;

  private final String task;
  private final String runId;
  private final Instant startedAt = Instant.now();
  private final List<String> inputs = new ArrayList<>();
  private final List<String> outputs = new ArrayList<>();
  private final Map<String, Long> counts = new LinkedHashMap<>();
  private final Map<String, Object> details = new LinkedHashMap<>();
  private Integer year;
  private Path tempDir;

  private TaskRun(String task, String runId) {
    this.task = task;
    this.runId = runId;
  }

  /** Starts the run of {@code task}; the year may be set later (discover resolves it). */
  public static TaskRun start(String task, String runId, Integer year) {
    TaskRun run = new TaskRun(task, runId);
    run.year = year;
    current = run;
    return run;
  }

  static TaskRun current() {
    return current;
  }

  /** Forgets the current run (a new command line starts with none). */
  static void forget() {
    current = null;
  }

  public String task() {
    return task;
  }

  public String runId() {
    return runId;
  }

  public TaskRun year(int value) {
    this.year = value;
    return this;
  }

  public TaskRun input(String uri) {
    inputs.add(uri);
    return this;
  }

  public TaskRun output(String uri) {
    outputs.add(uri);
    return this;
  }

  public TaskRun count(String name, long value) {
    counts.put(name, value);
    return this;
  }

  public TaskRun detail(String name, Object value) {
    details.put(name, value);
    return this;
  }

  /** A scratch folder for this run, deleted by {@link #close()}. */
  public Path tempDir() {
    if (tempDir == null) {
      try {
        tempDir = Files.createTempDirectory("delaywatch-" + task + "-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return tempDir;
  }

  /**
   * Copies the lake object {@code key} (the output of the step {@code producer}) into this run's
   * scratch folder and records it as an input.
   *
   * @return the local copy
   * @throws InvalidInputException when it does not exist, naming it and the step to run first
   */
  public Path fetchInput(ObjectStore store, String key, String producer) throws IOException {
    String uri = store.uri(key);
    Path local = tempDir().resolve(key.substring(key.lastIndexOf('/') + 1));
    try {
      store.download(key, local);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new InvalidInputException(
          uri
              + " does not exist: run "
              + producer
              + (year == null ? "" : " for " + year)
              + " first",
          e);
    }
    input(uri);
    return local;
  }

  /**
   * Publishes the manifest of a successful run (warehouse, XCom file, stdout) and returns exit 0.
   *
   * @throws IOException if the manifest cannot be stored in the warehouse
   */
  public int done(ObjectStore store) throws IOException {
    TaskManifest manifest = manifest("done", ExitCodes.DONE, null);
    byte[] json = toJson(manifest).getBytes(StandardCharsets.UTF_8);
    if (year != null) {
      store.put(LakePaths.manifest(year, task), json, "application/json");
    }
    emit(manifest, System.out);
    return ExitCodes.DONE;
  }

  /** Prints the manifest of a run that ended otherwise (skipped or failed); not stored. */
  void ended(String status, int exitCode, String error) {
    emit(manifest(status, exitCode, error), System.out);
  }

  TaskManifest manifest(String status, int exitCode, String error) {
    return new TaskManifest(
        task,
        year,
        runId,
        status,
        exitCode,
        startedAt.toString(),
        Instant.now().toString(),
        List.copyOf(inputs),
        List.copyOf(outputs),
        Map.copyOf(counts).isEmpty() ? Map.of() : new LinkedHashMap<>(counts),
        details.isEmpty() ? null : new LinkedHashMap<>(details),
        error);
  }

  static String toJson(TaskManifest manifest) {
    try {
      return JSON.writeValueAsString(manifest);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("manifest not serializable", e);
    }
  }

  private static void emit(TaskManifest manifest, PrintStream out) {
    String line = toJson(manifest);
    Path xcom = Path.of(System.getenv().getOrDefault("DELAYWATCH_XCOM_DIR", "/airflow/xcom"));
    if (Files.isDirectory(xcom)) {
      try {
        Files.writeString(xcom.resolve("return.json"), line);
      } catch (IOException e) {
        LOG.warn("could not write {}: {}", xcom.resolve("return.json"), e.toString());
      }
    }
    System.err.flush();
    out.println(line);
    out.flush();
  }

  @Override
  public void close() {
    if (tempDir != null) {
      try (Stream<Path> files = Files.walk(tempDir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        LOG.warn("could not delete {}: {}", tempDir, e.toString());
      }
    }
  }
}
