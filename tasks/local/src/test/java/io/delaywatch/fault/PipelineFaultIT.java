package io.delaywatch.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.delaywatch.flights.Flight;
import io.delaywatch.flights.FlightCodec;
import io.delaywatch.parquet.ParquetRowWriter;
import io.delaywatch.sample.FlightGenerator;
import io.delaywatch.sample.GenerationResult;
import io.delaywatch.sample.GeneratorConfig;
import io.delaywatch.storage.FaultProxy;
import io.delaywatch.storage.S3ProxyServer;
import io.delaywatch.task.Fingerprints;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The fault-injection suite (docs/reliability.md): every step as its own process against a local
 * lake, an in-process S3 server behind {@link FaultProxy}, and an embedded PostgreSQL; kill -9 of
 * each step at a seeded random moment, S3 and PostgreSQL faults, half-committed steps. Each case
 * starts from a committed state, asserts the exit code, the message, and the state afterwards (the
 * lake by {@link LakeState}, the table by its row checksum, no leftovers), and most end with a
 * rerun that must converge to the clean run's state.
 *
 * <p>The seed is printed with the command that replays it ({@code -Ddelaywatch.fault.seed=N}).
 * Opt-in ({@code -Ddelaywatch.fault=on}): {@code ./test.sh} runs it as its own suite, {@code
 * faults}, once the java suite has packaged every task.
 */
@EnabledIfSystemProperty(named = "delaywatch.fault", matches = "on")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PipelineFaultIT {
  private static final int YEAR = 2015;
  private static final String RUN = "fault-run";
  private static final List<String> CHAIN =
      List.of("discover", "download", "transform", "detect", "plot", "load");
  private static final String REPLAY =
      // test.sh's faults suite, with the seed.
      "mvn -B -ntp -pl tasks/local -am verify -Ddelaywatch.fault=on -Dtest=none"
          + " -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=PipelineFaultIT"
          + " -Dit.failIfNoSpecifiedTests=false -Ddelaywatch.fault.seed=";

  @TempDir static Path dir;

  private final long seed =
      Long.getLong("delaywatch.fault.seed", Math.floorMod(System.nanoTime(), 100_000L));
  private final long started = System.nanoTime();
  private EmbeddedPostgres pg;
  private Path lake;
  private Path tmp;
  private GenerationResult generated;
  private String rawEtag;
  private final Map<String, Long> durations = new LinkedHashMap<>();
  private Map<String, String> robust;
  private Map<String, String> zscore;
  private String robustRows;
  private String zscoreRows;

  /** The two references: a clean robust run of every step, then zscore's detect, plot, load. */
  @BeforeAll
  void cleanRunsGiveTheReferences() throws Exception {
    System.out.println("PipelineFaultIT seed " + seed + "; replay: " + REPLAY + seed);
    generated = FlightGenerator.generate(new GeneratorConfig(YEAR, 4, 12_000, 5, false, true), dir);
    lake = Files.createDirectories(dir.resolve("lake"));
    Files.createDirectories(lake.resolve("raw/flights"));
    Files.copy(generated.flights(), lake.resolve("raw/flights/" + YEAR + ".csv.gz"));
    tmp = Files.createDirectories(dir.resolve("tmp"));
    StepProcess.tmpDir(tmp);
    pg = EmbeddedPostgres.start();

    StepProcess.Outcome discover = step("discover", "robust");
    assertThat(discover.exit()).as(discover.stderr()).isZero();
    rawEtag = discover.manifest().path("details").path("etag").asText();
    steps("robust", CHAIN.subList(1, CHAIN.size()));
    robust = state();
    robustRows = rows();
    snapshot("robust");

    steps("zscore", List.of("detect", "plot", "load"));
    zscore = state();
    zscoreRows = rows();
    snapshot("zscore");
    assertThat(zscore).isNotEqualTo(robust);
    assertThat(zscoreRows).isNotEqualTo(robustRows);
    System.out.println("PipelineFaultIT: clean step times (ms) " + durations);
  }

  @AfterAll
  void stop() throws IOException {
    StepProcess.tmpDir(null);
    if (pg != null) {
      pg.close();
    }
    System.out.printf(
        "PipelineFaultIT: seed %d, %d s%n",
        seed, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
  }

  // --- the cases -------------------------------------------------------------------------------

  @Test
  void aRerunOfEveryStepOnACommittedLakeChangesNothing() throws Exception {
    restore("robust", "robust");

    steps("robust", CHAIN);

    assertSameState(state(), robust);
    assertThat(rows()).isEqualTo(robustRows);
    assertNoScratchFolders();
  }

  /**
   * Kill -9 of {@code task} at a moment drawn from the seed, while it replaces zscore's outputs
   * with robust's (the steps before it already ran with robust). The step after it either reads the
   * committed set or refuses a half-committed one with exit 3 naming the step to rerun; then {@code
   * task} and the steps after it run again and the lake and the table equal the clean robust run's.
   * Stale temporary files planted beside its outputs are swept by that rerun.
   */
  @ParameterizedTest(name = "kill -9 {0} at a random moment, then rerun")
  @ValueSource(strings = {"discover", "download", "transform", "detect", "plot", "load"})
  void aStepKilledAtARandomMomentNeverLeavesAHalfCommittedInputAndARerunConverges(String task)
      throws Exception {
    startBefore(task);
    Random random = new Random(seed * 31 + task.hashCode());
    long moment = 100 + (long) (random.nextDouble() * durations.get(task));
    System.out.println("PipelineFaultIT: kill -9 " + task + " after " + moment + " ms");

    StepProcess.Outcome killed = step(task, "robust", StepProcess.Kill.after(moment));

    assertThat(killed.exit()).as(killed.stderr()).isIn(0, 137);
    afterTheKillOf(task);
    plantStaleTemporaryFiles(task);
    steps("robust", rerunAfter(task));
    assertSameState(state(), robust);
    assertThat(rows()).isEqualTo(robustRows);
    assertNoScratchFolders();
  }

  /**
   * plot killed once the first chart of its new report is written: the entry page still shows a
   * whole report (the previous run's), and a rerun converges.
   */
  @Test
  void plotKilledMidReportLeavesTheEntryPageOnAWholeReportAndARerunConverges() throws Exception {
    startBefore("plot");
    String previous = reportFolder();
    long after = new Random(seed * 31 + 7).nextInt(300);
    System.out.println("PipelineFaultIT: kill -9 plot " + after + " ms after its first chart");
    StepProcess.Kill kill = new StepProcess.Kill(() -> newReportFolderStarted(previous), after);

    StepProcess.Outcome killed = step("plot", "robust", kill);

    assertThat(killed.exit()).as(killed.stderr()).isIn(0, 137);
    assertTheEntryPageShowsAWholeReport();
    steps("robust", List.of("plot"));
    assertSameState(state(), robust);
    assertNoScratchFolders();
  }

  /** The trial's break: download replaced staged/, then failed uploading rejected.csv. */
  @Test
  void aStagedSetThatDownloadsManifestDoesNotCommitIsRefusedByTransform() throws Exception {
    restore("robust", "robust");
    Path staged = lake.resolve("staged/flights/year=2015/flights.parquet");
    String committed = Fingerprints.of(staged);
    try (ParquetRowWriter<Flight> out =
        ParquetRowWriter.create(dir.resolve("other.parquet"), FlightCodec.INSTANCE, Map.of())) {
      out.write(
          new Flight(
              (int) LocalDate.of(YEAR, 1, 1).toEpochDay(),
              "AA",
              "ATL",
              4,
              false,
              false,
              Double.NaN,
              Double.NaN,
              Double.NaN,
              Double.NaN,
              Double.NaN));
    }
    Files.copy(dir.resolve("other.parquet"), staged, StandardCopyOption.REPLACE_EXISTING);
    Map<String, String> before = state();

    StepProcess.Outcome transform = step("transform", "robust");

    assertThat(transform.exit()).isEqualTo(3);
    assertThat(transform.error())
        .isEqualTo(
            notCommitted(
                "staged/flights/year=2015/flights.parquet",
                Fingerprints.of(staged),
                committed,
                "download"));
    assertSameState(state(), before);
  }

  /** The trial's break: detect replaced scored/, then failed writing its manifest. */
  @Test
  void aScoredSetThatDetectsManifestDoesNotCommitIsRefusedByPlotAndLoad() throws Exception {
    restore("robust", "robust");
    String key = "scored/airport_anomalies/year=2015/anomalies.parquet";
    String committed = Fingerprints.of(lake.resolve(key));
    Files.copy(
        dir.resolve("snapshots/zscore").resolve(key),
        lake.resolve(key),
        StandardCopyOption.REPLACE_EXISTING);
    Map<String, String> before = state();

    StepProcess.Outcome plot = step("plot", "robust");
    StepProcess.Outcome load = step("load", "robust");

    String expected = notCommitted(key, Fingerprints.of(lake.resolve(key)), committed, "detect");
    assertThat(plot.exit()).isEqualTo(3);
    assertThat(plot.error()).isEqualTo(expected);
    assertThat(load.exit()).isEqualTo(3);
    assertThat(load.error()).isEqualTo(expected);
    assertSameState(state(), before);
    assertThat(rows()).isEqualTo(robustRows);
  }

  @Test
  void aBackendTerminatedMidCopyExitsFourLeavesThePreviousRowsAndARerunConverges()
      throws Exception {
    restore("zscore", "robust");
    slowCopy();
    StepProcess.Outcome load;
    try {
      AtomicBoolean terminated = new AtomicBoolean();
      Thread terminator =
          new Thread(
              () -> {
                try {
                  terminated.set(terminateCopyWhenAsleep());
                } catch (SQLException | InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });
      terminator.start();
      load = step("load", "zscore");
      terminator.join();
      assertThat(terminated).isTrue();
    } finally {
      sql("drop trigger if exists fault_slow on airport_daily_summary");
    }

    assertThat(load.exit()).as(load.stderr()).isEqualTo(4);
    // The driver's words; which one depends on whether the rows were all sent when it happened.
    assertThat(load.error())
        .isIn(
            "Database connection failed when writing to copy",
            "Database connection failed when ending copy");
    assertThat(rows()).isEqualTo(robustRows);
    steps("zscore", List.of("load"));
    assertThat(rows()).isEqualTo(zscoreRows);
    assertSameState(state(), zscore);
  }

  @Test
  void aStatementTimeoutExitsFourAndLeavesThePreviousRows() throws Exception {
    restore("zscore", "robust");
    slowCopy();
    sql("alter database postgres set statement_timeout = '3s'");
    StepProcess.Outcome load;
    try {
      load = step("load", "zscore");
    } finally {
      sql("alter database postgres reset statement_timeout");
      sql("drop trigger if exists fault_slow on airport_daily_summary");
    }

    assertThat(load.exit()).as(load.stderr()).isEqualTo(4);
    // PostgreSQL's words, then its context: the trigger's sleep and the COPY line it stopped on.
    assertThat(load.error())
        .startsWith("ERROR: canceling statement due to statement timeout")
        .contains("COPY airport_daily_summary, line ");
    assertThat(rows()).isEqualTo(robustRows);
    assertSameState(state(), zscore);
  }

  @Test
  void aDatabaseThatIsDownExitsFourNamingItAfterItsAttempts() throws Exception {
    restore("zscore", "robust");
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";

    StepProcess.Outcome load =
        StepProcess.run(
            "load",
            Map.of("DELAYWATCH_JDBC_URL", url, "PGUSER", "postgres"),
            args("load", "zscore"));

    assertThat(load.exit()).isEqualTo(4);
    assertThat(load.error())
        .isEqualTo(
            "cannot connect to postgresql://127.0.0.1:"
                + port
                + "/postgres as postgres: Connection to 127.0.0.1:"
                + port
                + " refused. Check that the hostname and port are correct and that the postmaster"
                + " is accepting TCP/IP connections.");
    assertThat(load.stderr()).contains("attempt 1 of 2");
    assertThat(rows()).isEqualTo(robustRows);
    assertSameState(state(), zscore);
  }

  /**
   * An S3 lake behind the fault proxy (503 SlowDown, resets mid-body, stalls, drawn from the seed;
   * the first read of every object is cut, so every step resumes a read): every step exits 0 and
   * the lake equals the clean local run's. Then the raw object is replaced between discover and
   * download, and during a resumed read: download exits 3 and changes nothing.
   */
  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void anS3LakeBehindTheFaultProxyEqualsTheCleanRunAndARawObjectReplacedIsRefused()
      throws Exception {
    try (S3ProxyServer s3 = new S3ProxyServer();
        FaultProxy proxy = new FaultProxy(s3.endpoint());
        S3Client direct = s3.client()) {
      s3.createBucket("lake");
      String rawKey = "s3/raw/flights/2015.csv.gz";
      String etag =
          unquote(
              direct
                  .putObject(
                      b -> b.bucket("lake").key(rawKey), RequestBody.fromFile(generated.flights()))
                  .eTag());
      Map<String, String> env =
          Map.of(
              "AWS_ENDPOINT_URL",
              proxy.endpoint().toString(),
              "AWS_ACCESS_KEY_ID",
              S3ProxyServer.ACCESS_KEY,
              "AWS_SECRET_ACCESS_KEY",
              S3ProxyServer.SECRET_KEY,
              "AWS_REGION",
              "us-east-1");
      String warehouse = "s3://lake/s3";
      long faultSeed = seed * 31 + 11;
      System.out.println("PipelineFaultIT: S3 faults with seed " + faultSeed);
      FaultProxy.Policy random = FaultProxy.random(faultSeed, 0.05, 0.1, 0.05);
      Set<String> cut = ConcurrentHashMap.newKeySet();
      // Besides the seeded draws, the 3rd request gets a SlowDown and the 7th a stall, so every
      // kind of fault is met on every seed (a chain makes few enough requests for a 5% draw to
      // miss).
      AtomicInteger seen = new AtomicInteger();
      proxy
          .stallMillis(1500)
          .resetAfterBytes(2_000)
          .policy(
              r -> {
                if (r.method().equals("GET") && !r.target().contains("?") && cut.add(r.target())) {
                  return FaultProxy.Fault.RESET_MID_BODY;
                }
                int n = seen.incrementAndGet();
                if (n == 3) {
                  return FaultProxy.Fault.SLOW_DOWN;
                }
                if (n == 7) {
                  return FaultProxy.Fault.STALL;
                }
                return random.decide(r);
              });

      for (String task : CHAIN.subList(0, CHAIN.size() - 1)) {
        long start = System.nanoTime();
        StepProcess.Outcome outcome =
            StepProcess.run(task, env, args(task, "robust", warehouse, etag));
        System.out.printf(
            "PipelineFaultIT: %s on S3 under faults: exit %d in %d ms%n",
            task, outcome.exit(), (System.nanoTime() - start) / 1_000_000);
        if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(20)) {
          System.out.println("PipelineFaultIT: " + task + "'s log:\n" + outcome.stderr());
        }
        assertThat(outcome.exit()).as(task + ": " + outcome.stderr()).isZero();
      }
      proxy.policy(r -> FaultProxy.Fault.PASS);
      System.out.printf(
          "PipelineFaultIT: %d requests, %d SlowDown, %d resets, %d stalls%n",
          proxy.requests(),
          proxy.injected(FaultProxy.Fault.SLOW_DOWN),
          proxy.injected(FaultProxy.Fault.RESET_MID_BODY),
          proxy.injected(FaultProxy.Fault.STALL));
      assertThat(proxy.injected(FaultProxy.Fault.RESET_MID_BODY)).isGreaterThanOrEqualTo(5);
      assertThat(proxy.injected(FaultProxy.Fault.SLOW_DOWN)).isPositive();
      assertThat(proxy.injected(FaultProxy.Fault.STALL)).isPositive();
      Map<String, String> clean = new TreeMap<>(robust);
      clean.remove("runs/year=2015/load.json");
      Map<String, String> faulted = LakeState.of(direct, "lake", "s3/", etag);
      assertSameState(faulted, clean);
      assertThat(direct.listMultipartUploads(b -> b.bucket("lake")).uploads()).isEmpty();

      // Replaced between discover and download: download refuses the object.
      String replaced =
          unquote(
              direct
                  .putObject(
                      b -> b.bucket("lake").key(rawKey), RequestBody.fromFile(generated.labels()))
                  .eTag());
      StepProcess.Outcome download =
          StepProcess.run("download", env, args("download", "robust", warehouse, etag));

      System.out.println(
          "PipelineFaultIT: download exit " + download.exit() + ": " + download.error());
      assertThat(download.exit()).isEqualTo(3);
      assertThat(download.error()).isEqualTo(notTheDiscoveredObject(etag, replaced));
      assertSameState(LakeState.of(direct, "lake", "s3/", etag), faulted);

      // Replaced while a read of it is broken: the resumed read (If-Match) refuses the new one.
      String original =
          unquote(
              direct
                  .putObject(
                      b -> b.bucket("lake").key(rawKey), RequestBody.fromFile(generated.flights()))
                  .eTag());
      String[] during = new String[1];
      AtomicBoolean first = new AtomicBoolean(true);
      proxy
          .resetAfterBytes(100_000)
          .onReset(
              () ->
                  during[0] =
                      unquote(
                          direct
                              .putObject(
                                  b -> b.bucket("lake").key(rawKey),
                                  RequestBody.fromFile(generated.labels()))
                              .eTag()))
          .policy(
              r ->
                  r.method().equals("GET")
                          && r.target().contains("2015.csv.gz")
                          && first.getAndSet(false)
                      ? FaultProxy.Fault.RESET_MID_BODY
                      : FaultProxy.Fault.PASS);
      StepProcess.Outcome resumed =
          StepProcess.run("download", env, args("download", "robust", warehouse, original));
      proxy.onReset(() -> {}).policy(r -> FaultProxy.Fault.PASS);

      assertThat(resumed.exit()).as(resumed.stderr()).isEqualTo(3);
      assertThat(resumed.error()).isEqualTo(notTheDiscoveredObject(original, during[0]));
      assertSameState(LakeState.of(direct, "lake", "s3/", etag), faulted);
    }
  }

  // --- the steps -------------------------------------------------------------------------------

  private Map<String, String> dbEnv() {
    return Map.of(
        "DELAYWATCH_JDBC_URL", pg.getJdbcUrl("postgres", "postgres"), "PGUSER", "postgres");
  }

  private List<String> args(String task, String detector) {
    return args(task, detector, lake.toString(), rawEtag);
  }

  private static List<String> args(String task, String detector, String warehouse, String etag) {
    List<String> args =
        new ArrayList<>(List.of("--warehouse", warehouse, "--year", "" + YEAR, "--run-id", RUN));
    switch (task) {
      case "download" -> args.addAll(List.of("--expect-etag", etag));
      case "detect" -> args.addAll(List.of("--detector", detector));
      case "plot" -> args.addAll(List.of("--threads", "2"));
      case "load" -> args.addAll(List.of("--db-connect-attempts", "2"));
      default -> {}
    }
    return args;
  }

  private StepProcess.Outcome step(String task, String detector)
      throws IOException, InterruptedException {
    return step(task, detector, null);
  }

  private StepProcess.Outcome step(String task, String detector, StepProcess.Kill kill)
      throws IOException, InterruptedException {
    long start = System.nanoTime();
    StepProcess.Outcome outcome =
        StepProcess.runOrKill(
            task, task.equals("load") ? dbEnv() : Map.of(), args(task, detector), kill);
    if (kill == null) {
      durations.merge(task, (System.nanoTime() - start) / 1_000_000, Math::max);
    }
    if (outcome.exit() != 0 && outcome.exit() != 137) {
      System.out.println(
          "PipelineFaultIT: " + task + " exit " + outcome.exit() + ": " + outcome.error());
    }
    return outcome;
  }

  /** Runs {@code tasks} in order, each to exit 0. */
  private void steps(String detector, List<String> tasks) throws IOException, InterruptedException {
    for (String task : tasks) {
      StepProcess.Outcome outcome = step(task, detector);
      assertThat(outcome.exit()).as(task + ": " + outcome.stderr()).isZero();
    }
  }

  /**
   * The committed state from which running {@code task} with robust replaces zscore's outputs: the
   * steps before it ran with robust, it and the steps after it with zscore. (discover and download
   * do not depend on the detector: for them it is zscore's state.)
   */
  private void startBefore(String task) throws IOException, SQLException {
    switch (task) {
      case "plot" -> {
        restore("robust", "robust");
        Path zscoreLake = dir.resolve("snapshots/zscore");
        deleteTree(lake.resolve("plots"));
        copyTree(zscoreLake.resolve("plots"), lake.resolve("plots"));
        Files.copy(
            zscoreLake.resolve("runs/year=2015/plot.json"),
            lake.resolve("runs/year=2015/plot.json"),
            StandardCopyOption.REPLACE_EXISTING,
            StandardCopyOption.COPY_ATTRIBUTES);
      }
      case "load" -> restore("robust", "zscore");
      case "discover" -> restore("robust", "robust");
      default -> restore("zscore", "zscore");
    }
  }

  /** What runs again after a kill of {@code task}: it and every step whose input it changes. */
  private static List<String> rerunAfter(String task) {
    return switch (task) {
      case "discover", "plot", "load" -> List.of(task);
      default -> CHAIN.subList(CHAIN.indexOf(task), CHAIN.size());
    };
  }

  /**
   * Right after a kill: the next step reads the committed set or refuses with exit 3 naming the
   * killed step and changing nothing; a report is whole; the table holds one whole year.
   */
  private void afterTheKillOf(String task) throws Exception {
    switch (task) {
      case "download" -> nextStepReadsCommittedOrRefuses("transform", "download");
      case "transform" -> nextStepReadsCommittedOrRefuses("detect", "transform");
      case "detect" -> {
        boolean refused = nextStepReadsCommittedOrRefuses("plot", "detect");
        boolean loadRefused = nextStepReadsCommittedOrRefuses("load", "detect");
        assertThat(loadRefused).isEqualTo(refused);
        assertThat(rows()).isIn(zscoreRows, robustRows);
        if (refused) {
          assertThat(rows()).isEqualTo(zscoreRows);
        }
      }
      case "plot" -> assertTheEntryPageShowsAWholeReport();
      case "load" -> assertThat(rows()).isIn(zscoreRows, robustRows);
      default -> {}
    }
  }

  /**
   * @return whether {@code next} refused its input (exit 3 naming {@code killed})
   */
  private boolean nextStepReadsCommittedOrRefuses(String next, String killed) throws Exception {
    Map<String, String> before = state();
    StepProcess.Outcome outcome = step(next, "robust");
    if (outcome.exit() == 0) {
      return false;
    }
    assertThat(outcome.exit()).as(outcome.stderr()).isEqualTo(3);
    assertThat(outcome.error())
        .startsWith(lake.toUri().toString())
        .containsPattern(
            " (is not the file "
                + killed
                + " committed \\(|was not committed: |does not exist although )")
        .endsWith("; rerun " + killed + " for 2015");
    assertSameState(state(), before);
    return true;
  }

  private void plantStaleTemporaryFiles(String task) throws IOException {
    List<String> keys = new ArrayList<>(List.of("runs/year=2015/" + task + ".json"));
    switch (task) {
      case "download" ->
          keys.addAll(
              List.of(
                  "staged/flights/year=2015/flights.parquet",
                  "staged/rejected/year=2015/rejected.csv"));
      case "transform" -> keys.add("daily/airport_daily/year=2015/airport_daily.parquet");
      case "detect" -> keys.add("scored/airport_anomalies/year=2015/anomalies.parquet");
      case "plot" -> keys.add("plots/2015/index.html");
      default -> {}
    }
    FileTime anHourAgo = FileTime.from(Instant.now().minusSeconds(3600));
    for (String key : keys) {
      Path target = lake.resolve(key);
      Path part =
          Files.createDirectories(target.getParent())
              .resolve(".tmp-" + target.getFileName() + "-" + UUID.randomUUID() + ".part");
      Files.write(part, new byte[] {1, 2, 3});
      Files.setLastModifiedTime(part, anHourAgo);
    }
  }

  // --- the state -------------------------------------------------------------------------------

  private Map<String, String> state() throws IOException {
    return LakeState.of(lake, rawEtag);
  }

  /** Equal lake states; a failure lists only the objects that differ. */
  private static void assertSameState(Map<String, String> actual, Map<String, String> expected) {
    Map<String, String> differences = new TreeMap<>();
    for (String key : union(actual.keySet(), expected.keySet())) {
      String was = actual.get(key);
      String wanted = expected.get(key);
      if (!java.util.Objects.equals(was, wanted)) {
        differences.put(key, "expected " + wanted + "\n      but was " + was);
      }
    }
    assertThat(differences).as("objects that differ from the expected state").isEmpty();
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new java.util.TreeSet<>(a);
    all.addAll(b);
    return all;
  }

  /** The row checksum of the table: every column but the load time, in key order. */
  private String rows() throws SQLException {
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select count(*) || ':' || coalesce(md5(string_agg((to_jsonb(t) - 'loaded_at')"
                    + "::text, ';' order by airport, flight_date)), '')"
                    + " from airport_daily_summary t")) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** Saves the lake and the table as the committed state {@code name}. */
  private void snapshot(String name) throws IOException, SQLException {
    copyTree(lake, dir.resolve("snapshots").resolve(name));
    sql("drop table if exists fault_" + name);
    sql("create table fault_" + name + " as select * from airport_daily_summary");
  }

  /** The lake as committed in {@code lakeState}, the table as in {@code rowsState}. */
  private void restore(String lakeState, String rowsState) throws IOException, SQLException {
    deleteTree(lake);
    copyTree(dir.resolve("snapshots").resolve(lakeState), lake);
    String columns;
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select string_agg(column_name, ',' order by ordinal_position)"
                    + " from information_schema.columns where table_schema = 'public'"
                    + " and table_name = 'airport_daily_summary' and is_generated = 'NEVER'")) {
      rs.next();
      columns = rs.getString(1);
    }
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("delete from airport_daily_summary");
      s.execute(
          "insert into airport_daily_summary ("
              + columns
              + ") select "
              + columns
              + " from fault_"
              + rowsState);
      c.commit();
    }
    assertThat(rows()).isEqualTo(rowsState.equals("robust") ? robustRows : zscoreRows);
  }

  /** No scratch folder of any step is left: the killed one's was swept by its rerun. */
  private void assertNoScratchFolders() throws IOException {
    try (DirectoryStream<Path> left = Files.newDirectoryStream(tmp, "delaywatch-*")) {
      assertThat(left).as("scratch folders left in " + tmp).isEmpty();
    }
  }

  private String reportFolder() throws IOException {
    String html = Files.readString(lake.resolve("plots/2015/index.html"));
    int href = html.indexOf("href=\"") + 6;
    return html.substring(href, html.indexOf("/index.html\"", href));
  }

  private boolean newReportFolderStarted(String previous) {
    try (Stream<Path> folders = Files.list(lake.resolve("plots/2015"))) {
      return folders.anyMatch(
          f -> Files.isDirectory(f) && !f.getFileName().toString().equals(previous));
    } catch (IOException e) {
      return false;
    }
  }

  /** The entry page shows one run's whole report: the clean robust or zscore one, file for file. */
  private void assertTheEntryPageShowsAWholeReport() throws IOException {
    Map<String, String> shown = report(lake);
    assertThat(shown)
        .isIn(report(dir.resolve("snapshots/robust")), report(dir.resolve("snapshots/zscore")));
  }

  /** The files of the report the entry page of {@code root} points to, by their fingerprints. */
  private Map<String, String> report(Path root) throws IOException {
    String html = Files.readString(root.resolve("plots/2015/index.html"));
    int href = html.indexOf("href=\"") + 6;
    Path folder =
        root.resolve("plots/2015")
            .resolve(html.substring(href, html.indexOf("/index.html\"", href)));
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(folder)) {
      for (Path file : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
        files.put(folder.relativize(file).toString(), Fingerprints.of(file));
      }
    }
    return files;
  }

  // --- helpers ---------------------------------------------------------------------------------

  private String notCommitted(String key, String found, String committed, String producer) {
    String uri = lake.resolve(key).toUri().toString();
    return uri
        + " is not the file "
        + producer
        + " committed (it is "
        + found.substring(0, 19)
        + ", "
        + lake.resolve("runs/year=2015/" + producer + ".json").toUri()
        + " names "
        + committed.substring(0, 19)
        + ": "
        + producer
        + " stopped after writing it, or it was replaced); rerun "
        + producer
        + " for 2015";
  }

  private static String notTheDiscoveredObject(String expected, String found) {
    return "s3://lake/s3/raw/flights/2015.csv.gz is not the version expected (ETag "
        + expected
        + ", found "
        + found
        + "): it is not the object discover found; rerun discover for 2015";
  }

  private static String unquote(String etag) {
    return etag.replace("\"", "");
  }

  /** COPY sleeps 30 s on one row: a load that stays mid-COPY until a fault ends it. */
  private void slowCopy() throws SQLException {
    sql(
        "create or replace function fault_slow() returns trigger language plpgsql as $$"
            + " begin if new.flight_date = date '2015-07-01' then perform pg_sleep(30); end if;"
            + " return new; end $$");
    sql(
        "create trigger fault_slow before insert on airport_daily_summary"
            + " for each row execute function fault_slow()");
  }

  /**
   * @return whether a COPY asleep on the slow row was found and terminated within 60 s
   */
  private boolean terminateCopyWhenAsleep() throws SQLException, InterruptedException {
    for (int i = 0; i < 600; i++) {
      try (Connection c = pg.getPostgresDatabase().getConnection();
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "select pg_terminate_backend(pid) from pg_stat_activity"
                      + " where query ilike 'copy%' and wait_event = 'PgSleep'")) {
        if (rs.next()) {
          return true;
        }
      }
      Thread.sleep(100);
    }
    return false;
  }

  private void sql(String statement) throws SQLException {
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  /** Copies a folder, keeping modification times (the local raw object's ETag includes it). */
  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path source : (Iterable<Path>) all::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      for (Path path : (Iterable<Path>) all.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(path);
      }
    }
  }
}
