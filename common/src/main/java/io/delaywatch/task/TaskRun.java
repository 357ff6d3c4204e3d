package io.delaywatch.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.delaywatch.storage.LakePaths;
import io.delaywatch.storage.ObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.FutureTask;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects what one task run reads, writes and counts, and publishes its {@link TaskManifest}: to
 * {@code runs/year=YYYY/<task>.json} in the warehouse, to {@code /airflow/xcom/return.json} when
 * that folder exists (KubernetesPodOperator), and as the last line of stdout (ECS XCom).
 *
 * <p>It is also the step's side of the commit protocol (docs/reliability.md): {@link #fetchInput}
 * refuses an input its producer's manifest did not commit, {@link #commit} uploads an output and
 * records its fingerprint, {@link #fileMetadata} is what every data file carries, {@link
 * #sweepLeftovers} removes what a killed earlier run left, and {@link #done} writes the manifest
 * last.
 *
 * <p>One run per process: the exit-code handler of {@link TaskCommandLine} reads the current run to
 * print a failure manifest. Not thread-safe.
 */
public final class TaskRun implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);
  private static final Logger LOG = LoggerFactory.getLogger(TaskRun.class);
  private static final String TEMP_PREFIX = "delaywatch-";
  private static volatile TaskRun current;

  private final String task;
  private final String runId;
  private final Instant startedAt = Instant.now();
  private final List<String> inputs = new ArrayList<>();
  private final Map<String, String> inputFingerprints = new LinkedHashMap<>();
  private final List<String> outputs = new ArrayList<>();
  private final Map<String, String> fingerprints = new LinkedHashMap<>();
  private final Map<String, Long> counts = new LinkedHashMap<>();
  private final Map<String, Object> details = new LinkedHashMap<>();
  private Integer year;
  private Path tempDir;

  private TaskRun(String task, String runId) {
    this.task = task;
    this.runId = runId;
  }

  /**
   * Starts the run of {@code task}; the year may be set later (discover resolves it). Removes the
   * scratch folders that killed runs of the same task left.
   */
  public static TaskRun start(String task, String runId, Integer year) {
    TaskRun run = new TaskRun(task, runId);
    run.year = year;
    current = run;
    sweepStaleTempDirs(task);
    return run;
  }

  /** A run that never started (a usage error): only for its failure manifest. */
  static TaskRun unstarted(String task, String runId, Integer year) {
    TaskRun run = new TaskRun(task, runId);
    run.year = year;
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

  /** When this run started: leftovers older than this are a killed run's, never ours. */
  public Instant startedAt() {
    return startedAt;
  }

  public TaskRun year(int value) {
    this.year = value;
    return this;
  }

  public TaskRun input(String uri) {
    inputs.add(uri);
    return this;
  }

  /** Records an input read with its fingerprint (the raw object's: {@link Fingerprints#ofEtag}). */
  public TaskRun input(String key, String uri, String fingerprint) {
    inputs.add(uri);
    inputFingerprints.put(key, fingerprint);
    return this;
  }

  /** The fingerprint recorded for the input {@code key}, or null when none was. */
  public String inputFingerprint(String key) {
    return inputFingerprints.get(key);
  }

  public TaskRun output(String uri) {
    outputs.add(uri);
    return this;
  }

  /** Records an output written otherwise than by {@link #commit} (e.g. a folder) and its print. */
  public TaskRun output(String key, String uri, String fingerprint) {
    outputs.add(uri);
    fingerprints.put(key, fingerprint);
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

  /**
   * The key-value metadata every data file of this run carries (Parquet footer): {@code
   * delaywatch.run_id}, and {@code delaywatch.input} and {@code delaywatch.input_fingerprint} of
   * the input it was made from (call after recording the input).
   */
  public Map<String, String> fileMetadata() {
    Map<String, String> metadata = new TreeMap<>();
    metadata.put("delaywatch.run_id", runId);
    metadata.put("delaywatch.task", task);
    if (!inputFingerprints.isEmpty()) {
      metadata.put("delaywatch.input", String.join(",", inputFingerprints.keySet()));
      metadata.put("delaywatch.input_fingerprint", String.join(",", inputFingerprints.values()));
    }
    return metadata;
  }

  /** A scratch folder for this run, deleted by {@link #close()} (or by a later run if killed). */
  public Path tempDir() {
    if (tempDir == null) {
      try {
        // The pid in the name tells a later run whether the owner is still alive.
        tempDir =
            Files.createTempDirectory(
                TEMP_PREFIX + task + "-" + ProcessHandle.current().pid() + "-");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return tempDir;
  }

  /**
   * Copies the lake object {@code key}, an output of the step {@code producer}, into this run's
   * scratch folder (a local warehouse may link it instead: the caller only reads it), after
   * checking that it is what the producer's manifest committed: the manifest exists and names the
   * file with the fingerprint of the bytes read, and every other output it names is there with its
   * fingerprint. Records it as an input, with its fingerprint.
   *
   * @return the local copy
   * @throws InvalidInputException when it does not exist, naming it and the step to run first, or
   *     when it is not committed (a half-written step), naming the step to rerun
   */
  public Path fetchInput(ObjectStore store, String key, String producer) throws IOException {
    Fetched fetched = fetch(store, key, producer);
    input(key, store.uri(key), fetched.check());
    return fetched.local();
  }

  /**
   * Like {@link #fetchInput}, then runs {@code work} on the local copy while its fingerprints are
   * checked on another thread (hashing a big input is a large share of a short step): {@code work}
   * must only read, never commit, since the input is not yet known to be the committed one. When
   * the check fails, its {@link InvalidInputException} is thrown whatever {@code work} did (an
   * error of {@code work} is then suppressed into it): a file that is not the committed one is
   * reported as such, not by what reading it broke.
   *
   * @return what {@code work} returned
   */
  public <T> T readInput(ObjectStore store, String key, String producer, InputWork<T> work)
      throws IOException {
    Fetched fetched = fetch(store, key, producer);
    FutureTask<String> check = new FutureTask<>(fetched::check);
    Thread checker = new Thread(check, task + "-input-check");
    checker.setDaemon(true);
    checker.start();
    T result;
    try {
      result = work.read(fetched.local());
    } catch (IOException | RuntimeException | Error e) {
      String print;
      try {
        print = WorkerFailures.await(check, "checking an input");
      } catch (IOException | RuntimeException checkFailed) {
        checkFailed.addSuppressed(e);
        throw checkFailed;
      }
      input(key, store.uri(key), print);
      throw e;
    }
    input(key, store.uri(key), WorkerFailures.await(check, "checking an input"));
    return result;
  }

  /** What {@link #readInput} runs on the local copy of an input. */
  @FunctionalInterface
  public interface InputWork<T> {
    T read(Path local) throws IOException;
  }

  /** A fetched input whose fingerprints are still to be checked ({@link #check}). */
  private record Fetched(
      ObjectStore store,
      String key,
      Path local,
      Map<String, String> committed,
      String producer,
      String manifestUri,
      String rerun) {

    /** Checks this input and the producer's other outputs; returns this input's fingerprint. */
    String check() throws IOException {
      String found = Fingerprints.of(local);
      checkCommitted(store.uri(key), found, committed.get(key), producer, manifestUri, rerun);
      for (Map.Entry<String, String> other : committed.entrySet()) {
        if (!other.getKey().equals(key) && !other.getKey().endsWith("/")) {
          String otherUri = store.uri(other.getKey());
          String print;
          try (InputStream in = store.open(other.getKey())) {
            print = Fingerprints.of(in);
          } catch (java.nio.file.NoSuchFileException e) {
            throw new InvalidInputException(
                otherUri + " does not exist although " + manifestUri + " names it" + rerun, e);
          }
          checkCommitted(otherUri, print, other.getValue(), producer, manifestUri, rerun);
        }
      }
      return found;
    }
  }

  private Fetched fetch(ObjectStore store, String key, String producer) throws IOException {
    String uri = store.uri(key);
    String manifestKey = LakePaths.manifest(year, producer);
    String manifestUri = store.uri(manifestKey);
    String rerun = "; rerun " + producer + " for " + year;
    Path local = tempDir().resolve(key.substring(key.lastIndexOf('/') + 1));
    JsonNode manifest = readManifest(store, manifestKey);
    try {
      store.download(key, local);
    } catch (java.nio.file.NoSuchFileException e) {
      if (manifest == null) {
        throw new InvalidInputException(
            uri + " does not exist: run " + producer + " for " + year + " first", e);
      }
      throw new InvalidInputException(
          uri + " does not exist although " + manifestUri + " names it" + rerun, e);
    }
    if (manifest == null) {
      throw new InvalidInputException(
          uri
              + " was not committed: "
              + manifestUri
              + " does not exist ("
              + producer
              + " stopped before its end)"
              + rerun);
    }
    return new Fetched(
        store, key, local, committedFingerprints(manifest), producer, manifestUri, rerun);
  }

  private static void checkCommitted(
      String uri,
      String found,
      String expected,
      String producer,
      String manifestUri,
      String rerun) {
    if (expected == null) {
      throw new InvalidInputException(
          uri + " was not committed: " + manifestUri + " does not name it" + rerun);
    }
    if (!expected.equals(found)) {
      throw new InvalidInputException(
          uri
              + " is not the file "
              + producer
              + " committed (it is "
              + Fingerprints.brief(found)
              + ", "
              + manifestUri
              + " names "
              + Fingerprints.brief(expected)
              + ": "
              + producer
              + " stopped after writing it, or it was replaced)"
              + rerun);
    }
  }

  private static JsonNode readManifest(ObjectStore store, String key) throws IOException {
    byte[] json;
    try (InputStream in = store.open(key)) {
      json = in.readAllBytes();
    } catch (java.nio.file.NoSuchFileException e) {
      return null;
    }
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(
          store.uri(key) + " is not a manifest (" + e.getOriginalMessage() + ")", e);
    }
  }

  private static Map<String, String> committedFingerprints(JsonNode manifest) {
    Map<String, String> committed = new LinkedHashMap<>();
    JsonNode prints = manifest.path("fingerprints");
    prints.fieldNames().forEachRemaining(k -> committed.put(k, prints.get(k).asText()));
    return committed;
  }

  /**
   * Moves the finished local file {@code localFile} to {@code key} ({@link ObjectStore#moveIn}: it
   * is gone locally afterwards) and records it as an output with its fingerprint (the manifest,
   * written last by {@link #done}, makes it committed).
   */
  public TaskRun commit(ObjectStore store, Path localFile, String key, String contentType)
      throws IOException {
    String print = Fingerprints.of(localFile);
    store.moveIn(localFile, key, contentType);
    return output(key, store.uri(key), print);
  }

  /**
   * Removes what killed earlier runs of this step left under {@code keys} (its outputs) and its
   * manifest: temporary files of a local warehouse, open multipart uploads on S3.
   */
  public void sweepLeftovers(ObjectStore store, String... keys) throws IOException {
    List<String> all = new ArrayList<>(List.of(keys));
    if (year != null) {
      all.add(LakePaths.manifest(year, task));
    }
    int removed = 0;
    for (String key : all) {
      removed += store.sweep(key, startedAt);
    }
    if (removed > 0) {
      LOG.info("removed {} leftovers of interrupted earlier {} runs", removed, task);
      count("leftovers_removed", removed);
    }
  }

  /** Deletes the scratch folders of this task whose process is gone (killed runs). */
  static void sweepStaleTempDirs(String task) {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    Pattern name = Pattern.compile(Pattern.quote(TEMP_PREFIX + task + "-") + "(\\d+)-.*");
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, TEMP_PREFIX + task + "-*")) {
      for (Path dir : dirs) {
        Matcher m = name.matcher(dir.getFileName().toString());
        if (m.matches() && Files.isDirectory(dir) && !ownerAlive(Long.parseLong(m.group(1)), dir)) {
          LOG.info("removing {}, left by a killed {} run", dir, task);
          deleteTree(dir);
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not sweep old scratch folders in {}: {}", tmp, e.toString());
    }
  }

  private static boolean ownerAlive(long pid, Path dir) throws IOException {
    Optional<ProcessHandle> owner = ProcessHandle.of(pid);
    if (owner.isEmpty() || !owner.get().isAlive()) {
      return false;
    }
    // A pid is reused: a process that started after the folder was made is not its owner.
    Instant created =
        Files.readAttributes(dir, BasicFileAttributes.class).creationTime().toInstant();
    Optional<Instant> started = owner.get().info().startInstant();
    return started.isEmpty() || !started.get().isAfter(created.plusSeconds(1));
  }

  /**
   * Publishes the manifest of a successful run (warehouse, XCom file, stdout) and returns exit 0.
   * The manifest goes last: it is the commit record of the outputs recorded before.
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
        inputFingerprints.isEmpty() ? null : new LinkedHashMap<>(inputFingerprints),
        List.copyOf(outputs),
        fingerprints.isEmpty() ? null : new LinkedHashMap<>(fingerprints),
        counts.isEmpty() ? Map.of() : new LinkedHashMap<>(counts),
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
      deleteTree(tempDir);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("could not delete {}: {}", dir, e.toString());
    }
  }
}
