package io.delaywatch.fault;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.delaywatch.sample.FlightGenerator;
import io.delaywatch.sample.GenerationResult;
import io.delaywatch.sample.GeneratorConfig;
import io.delaywatch.storage.FaultProxy;
import io.delaywatch.storage.S3ProxyServer;
import io.delaywatch.task.Fingerprints;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The fault-injection suite (docs/reliability.md): every step as its own process against a local
 * lake, an in-process S3 server behind {@link FaultProxy}, and an embedded PostgreSQL; kill -9 of
 * each step at a seeded random moment, S3 and PostgreSQL faults. Each case asserts the exit code,
 * the message, and the state afterwards: the fingerprint of every lake object, the committed
 * fingerprints of every manifest, the row checksum of the table, and no leftovers.
 *
 * <p>The seed is printed; {@code -Ddelaywatch.fault.seed=N} replays a run.
 */
// Not yet in the default mvn verify: on this shared 2-core machine it took 10.5 min, and the
// reruns after kill -9 of download did not yet converge byte for byte (docs/reliability.md).
@EnabledIfSystemProperty(named = "delaywatch.fault", matches = "on")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PipelineFaultIT {
  private static final int YEAR = 2015;
  private static final String RUN = "fault-run";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;

  private final long seed = Long.getLong("delaywatch.fault.seed", System.nanoTime() % 100_000);
  private final Random random = new Random(seed);
  private EmbeddedPostgres pg;
  private Path lake;
  private GenerationResult generated;
  private final Map<String, Long> durations = new LinkedHashMap<>();
  private Map<String, String> robust;
  private Map<String, String> zscore;
  private String robustRows;
  private String zscoreRows;

  @BeforeAll
  void start() throws Exception {
    System.out.println("PipelineFaultIT seed " + seed + " (-Ddelaywatch.fault.seed=" + seed + ")");
    generated = FlightGenerator.generate(new GeneratorConfig(YEAR, 4, 12_000, 5, false, true), dir);
    lake = Files.createDirectories(dir.resolve("lake"));
    Files.createDirectories(lake.resolve("raw/flights"));
    Files.copy(generated.flights(), lake.resolve("raw/flights/" + YEAR + ".csv.gz"));
    pg = EmbeddedPostgres.start();
  }

  @AfterAll
  void stop() throws IOException {
    pg.close();
  }

  // --- the steps -------------------------------------------------------------------------------

  private Map<String, String> dbEnv() {
    return Map.of(
        "DELAYWATCH_JDBC_URL", pg.getJdbcUrl("postgres", "postgres"), "PGUSER", "postgres");
  }

  private List<String> args(String task, String warehouse, String detector, String etag) {
    List<String> args =
        new ArrayList<>(List.of("--warehouse", warehouse, "--year", "" + YEAR, "--run-id", RUN));
    switch (task) {
      case "download" -> {
        if (etag != null) {
          args.addAll(List.of("--expect-etag", etag));
        }
      }
      case "detect" -> args.addAll(List.of("--detector", detector));
      case "plot" -> args.addAll(List.of("--threads", "2"));
      case "load" -> args.addAll(List.of("--db-connect-attempts", "2"));
      default -> {}
    }
    return args;
  }

  private StepProcess.Outcome step(String task, String detector, long killAfter)
      throws IOException, InterruptedException {
    return step(task, lake.toString(), Map.of(), detector, killAfter);
  }

  private StepProcess.Outcome step(
      String task, String warehouse, Map<String, String> env, String detector, long killAfter)
      throws IOException, InterruptedException {
    Map<String, String> all = new LinkedHashMap<>(env);
    if (task.equals("load")) {
      all.putAll(dbEnv());
    }
    String etag = task.equals("download") ? discoveredEtag(warehouse, all) : null;
    long started = System.nanoTime();
    StepProcess.Outcome outcome =
        StepProcess.runOrKill(task, all, args(task, warehouse, detector, etag), killAfter);
    if (killAfter < 0) {
      durations.merge(task, (System.nanoTime() - started) / 1_000_000, Math::max);
    }
    return outcome;
  }

  private String discoveredEtag(String warehouse, Map<String, String> env)
      throws IOException, InterruptedException {
    StepProcess.Outcome discover =
        StepProcess.run("discover", env, args("discover", warehouse, null, null));
    assertThat(discover.exit()).as(discover.stderr()).isZero();
    return discover.manifest().path("details").path("etag").asText();
  }

  /** Runs {@code tasks} in order, each to exit 0. */
  private void steps(String detector, String... tasks) throws IOException, InterruptedException {
    for (String task : tasks) {
      StepProcess.Outcome outcome = step(task, detector, -1);
      assertThat(outcome.exit()).as(task + ": " + outcome.stderr()).isZero();
    }
  }

  /** A moment during the step's run, drawn from the seed (the clean run gave its duration). */
  private long killMoment(String task) {
    long duration = durations.getOrDefault(task, 3_000L);
    long moment = 200 + (long) (random.nextDouble() * duration * 0.9);
    System.out.println("PipelineFaultIT: kill -9 " + task + " after " + moment + " ms");
    return moment;
  }

  // --- the state -------------------------------------------------------------------------------

  /**
   * Every lake object's fingerprint, manifests by what they commit (their times differ), with the
   * leftover checks: no temporary file anywhere in the lake.
   */
  private Map<String, String> state() throws IOException {
    Map<String, String> state = new TreeMap<>();
    try (Stream<Path> files = Files.walk(lake)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String key = lake.relativize(file).toString();
        assertThat(file.getFileName().toString())
            .as("leftover in the lake")
            .doesNotStartWith(".tmp-");
        if (key.startsWith("runs/")) {
          JsonNode manifest = JSON.readTree(file.toFile());
          state.put(key, manifest.path("status").asText() + " " + manifest.path("fingerprints"));
        } else {
          state.put(key, Fingerprints.of(file));
        }
      }
    }
    return state;
  }

  private String rows() throws SQLException {
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select count(*) || ':' || coalesce(md5(string_agg(concat_ws('|', airport,"
                    + " flight_date, flights, departed, cancelled, diverted, avg_dep_delay,"
                    + " delayed_15_share, expected_dep_delay, lower_bound, upper_bound,"
                    + " anomaly_score, is_anomaly, detector, run_id), ';' order by airport,"
                    + " flight_date)), '') from airport_daily_summary")) {
      rs.next();
      return rs.getString(1);
    }
  }

  /** No scratch folder of a killed process is left once the task ran again. */
  private static void assertNoScratchOf(String task, long pid) throws IOException {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    try (DirectoryStream<Path> left =
        Files.newDirectoryStream(tmp, "delaywatch-" + task + "-" + pid + "-*")) {
      assertThat(left.iterator().hasNext()).as("scratch folder of killed " + task).isFalse();
    }
  }

  // --- the cases -------------------------------------------------------------------------------

  @Test
  @Order(1)
  void cleanRunsGiveTheReferenceStatesAndARerunChangesNothing() throws Exception {
    steps("robust", "download", "transform", "detect", "plot", "load");
    robust = state();
    robustRows = rows();
    steps("robust", "download", "transform", "detect", "plot", "load");
    assertThat(state()).isEqualTo(robust);
    assertThat(rows()).isEqualTo(robustRows);

    steps("zscore", "detect", "plot", "load");
    zscore = state();
    zscoreRows = rows();
    assertThat(zscore).isNotEqualTo(robust);
    assertThat(zscoreRows).isNotEqualTo(robustRows);
  }

  @Test
  @Order(2)
  void detectKilledWhileReplacingTheScoredSetIsNeverReadHalfCommittedAndARerunConverges()
      throws Exception {
    StepProcess.Outcome killed = step("detect", "robust", killMoment("detect"));

    StepProcess.Outcome plot = step("plot", "robust", -1);
    StepProcess.Outcome load = step("load", "robust", -1);
    String scored =
        lake.resolve("scored/airport_anomalies/year=2015/anomalies.parquet").toUri().toString();
    if (killed.exit() == 0) {
      assertThat(plot.exit()).isZero();
    } else if (!Fingerprints.of(
            lake.resolve("scored/airport_anomalies/year=2015/anomalies.parquet"))
        .equals(zscore.get("scored/airport_anomalies/year=2015/anomalies.parquet"))) {
      // The new scored set is there but detect's manifest still commits the old one.
      assertThat(plot.exit()).isEqualTo(3);
      assertThat(plot.error())
          .startsWith(scored + " is not the file detect committed")
          .endsWith("rerun detect for 2015");
      assertThat(load.exit()).isEqualTo(3);
      assertThat(load.error()).isEqualTo(plot.error());
      assertThat(rows()).isEqualTo(zscoreRows);
    } else {
      assertThat(plot.exit()).isZero();
      assertThat(rows()).isEqualTo(zscoreRows);
    }

    steps("robust", "detect", "plot", "load");
    assertNoScratchOf("detect", killed.pid());
    assertThat(state()).isEqualTo(robust);
    assertThat(rows()).isEqualTo(robustRows);
  }

  @Test
  @Order(3)
  void plotKilledMidReportLeavesAWholeReportAndARerunConverges() throws Exception {
    steps("zscore", "detect");
    StepProcess.Outcome killed = step("plot", "zscore", killMoment("plot"));

    // Whatever the moment, the entry page points to a folder with its page and every chart.
    Path entry = lake.resolve("plots/2015/index.html");
    String html = Files.readString(entry);
    int href = html.indexOf("href=\"") + 6;
    String target = html.substring(href, html.indexOf("/index.html\"", href));
    Path folder = lake.resolve("plots/2015").resolve(target);
    assertThat(folder.resolve("index.html")).exists();
    try (Stream<Path> airports = Files.list(folder).filter(Files::isDirectory)) {
      for (Path airport : airports.toList()) {
        assertThat(airport.resolve("daily_flights.png")).exists();
        assertThat(airport.resolve("delay_vs_expected.png")).exists();
      }
    }

    steps("zscore", "plot", "load");
    assertNoScratchOf("plot", killed.pid());
    assertThat(state()).isEqualTo(zscore);
    assertThat(rows()).isEqualTo(zscoreRows);
  }

  @Test
  @Order(4)
  void downloadKilledAtARandomMomentThenRerunConverges() throws Exception {
    StepProcess.Outcome killed = step("download", "zscore", killMoment("download"));

    steps("zscore", "download", "transform", "detect", "plot", "load");
    assertNoScratchOf("download", killed.pid());
    assertThat(state()).isEqualTo(zscore);
  }

  @Test
  @Order(5)
  void transformKilledAtARandomMomentThenRerunConverges() throws Exception {
    StepProcess.Outcome killed = step("transform", "zscore", killMoment("transform"));

    steps("zscore", "transform", "detect", "plot", "load");
    assertNoScratchOf("transform", killed.pid());
    assertThat(state()).isEqualTo(zscore);
  }

  @Test
  @Order(6)
  void loadKilledMidLoadLeavesOneWholeYearAndARerunConverges() throws Exception {
    steps("robust", "detect", "plot");
    step("load", "robust", killMoment("load"));

    assertThat(rows()).isIn(zscoreRows, robustRows);
    steps("robust", "load");
    assertThat(rows()).isEqualTo(robustRows);
    assertThat(state()).isEqualTo(robust);
  }

  @Test
  @Order(7)
  void aBackendTerminatedMidCopyExitsFourAndLeavesThePreviousRows() throws Exception {
    steps("zscore", "detect", "plot");
    slowCopy();
    try {
      Thread terminator =
          new Thread(
              () -> {
                try {
                  terminateCopyWhenAsleep();
                } catch (SQLException | InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });
      terminator.start();
      StepProcess.Outcome load = step("load", "zscore", -1);
      terminator.join();

      assertThat(load.exit()).isEqualTo(4);
      assertThat(load.error()).isEqualTo("Database connection failed when writing to copy");
      assertThat(rows()).isEqualTo(robustRows);
    } finally {
      sql("drop trigger if exists fault_slow on airport_daily_summary");
    }
    steps("zscore", "load");
    assertThat(rows()).isEqualTo(zscoreRows);
    assertThat(state()).isEqualTo(zscore);
  }

  @Test
  @Order(8)
  void aStatementTimeoutExitsFourAndLeavesThePreviousRows() throws Exception {
    steps("robust", "detect", "plot");
    slowCopy();
    sql("alter database postgres set statement_timeout = '3s'");
    try {
      StepProcess.Outcome load = step("load", "robust", -1);

      assertThat(load.exit()).isEqualTo(4);
      assertThat(load.error()).contains("statement timeout");
    } finally {
      sql("alter database postgres reset statement_timeout");
      sql("drop trigger if exists fault_slow on airport_daily_summary");
    }
    assertThat(rows()).isEqualTo(zscoreRows);
    steps("robust", "load");
    assertThat(rows()).isEqualTo(robustRows);
  }

  @Test
  @Order(9)
  void aDatabaseThatIsDownExitsFourNamingItAfterItsAttempts() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    List<String> args = args("load", lake.toString(), null, null);
    StepProcess.Outcome load =
        StepProcess.run("load", Map.of("DELAYWATCH_JDBC_URL", url, "PGUSER", "postgres"), args);

    assertThat(load.exit()).isEqualTo(4);
    assertThat(load.error())
        .startsWith("cannot connect to postgresql://127.0.0.1:" + port + "/postgres as postgres: ");
    assertThat(rows()).isEqualTo(robustRows);
  }

  @Test
  @Order(10)
  void theS3LakeBehindAFaultProxyGivesTheSameObjectsAsWithoutFaults() throws Exception {
    try (S3ProxyServer s3 = new S3ProxyServer();
        FaultProxy proxy = new FaultProxy(s3.endpoint());
        S3Client direct = s3.client()) {
      s3.createBucket("lake");
      direct.putObject(
          b -> b.bucket("lake").key("s3/raw/flights/2015.csv.gz"),
          RequestBody.fromFile(generated.flights()));
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
      for (String task : List.of("download", "transform", "detect", "plot")) {
        StepProcess.Outcome outcome = step(task, warehouse, env, "robust", -1);
        assertThat(outcome.exit()).as(task + outcome.stderr()).isZero();
      }
      Map<String, String> clean = objects(direct);

      long faultSeed = random.nextLong();
      System.out.println("PipelineFaultIT: S3 faults with seed " + faultSeed);
      proxy
          .stallMillis(1500)
          .resetAfterBytes(20_000)
          .policy(FaultProxy.random(faultSeed, 0.05, 0.1, 0.05));
      for (String task : List.of("download", "transform", "detect", "plot")) {
        StepProcess.Outcome outcome = step(task, warehouse, env, "robust", -1);
        assertThat(outcome.exit()).as(task + outcome.stderr()).isZero();
      }
      proxy.policy(r -> FaultProxy.Fault.PASS);
      System.out.printf(
          "PipelineFaultIT: %d requests, %d SlowDown, %d resets, %d stalls%n",
          proxy.requests(),
          proxy.injected(FaultProxy.Fault.SLOW_DOWN),
          proxy.injected(FaultProxy.Fault.RESET_MID_BODY),
          proxy.injected(FaultProxy.Fault.STALL));
      assertThat(proxy.injected(FaultProxy.Fault.SLOW_DOWN)).isPositive();
      assertThat(objects(direct)).isEqualTo(clean);
      assertThat(direct.listMultipartUploads(b -> b.bucket("lake")).uploads()).isEmpty();

      // The raw object replaced between discover and download: download refuses it.
      String etag = discoveredEtag(warehouse, env);
      direct.putObject(
          b -> b.bucket("lake").key("s3/raw/flights/2015.csv.gz"),
          RequestBody.fromFile(generated.labels()));
      StepProcess.Outcome download =
          StepProcess.run("download", env, args("download", warehouse, null, etag));
      String now =
          direct
              .headObject(b -> b.bucket("lake").key("s3/raw/flights/2015.csv.gz"))
              .eTag()
              .replace("\"", "");

      assertThat(download.exit()).isEqualTo(3);
      assertThat(download.error())
          .isEqualTo(
              "s3://lake/s3/raw/flights/2015.csv.gz is not the version expected (ETag "
                  + etag
                  + ", found "
                  + now
                  + "): it is not the object discover found; rerun discover for 2015");
      assertThat(objects(direct)).isEqualTo(clean);
    }
  }

  // --- helpers ---------------------------------------------------------------------------------

  private Map<String, String> objects(S3Client s3) throws IOException {
    Map<String, String> state = new TreeMap<>();
    for (S3Object object :
        s3.listObjectsV2Paginator(b -> b.bucket("lake").prefix("s3/")).contents()) {
      if (object.key().startsWith("s3/raw/")) {
        continue;
      }
      try (InputStream in =
          s3.getObject(
              b -> b.bucket("lake").key(object.key()), ResponseTransformer.toInputStream())) {
        if (object.key().startsWith("s3/runs/")) {
          JsonNode manifest = JSON.readTree(in);
          state.put(
              object.key(), manifest.path("status").asText() + " " + manifest.path("fingerprints"));
        } else {
          state.put(object.key(), Fingerprints.of(in));
        }
      }
    }
    return state;
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

  private void terminateCopyWhenAsleep() throws SQLException, InterruptedException {
    for (int i = 0; i < 600; i++) {
      try (Connection c = pg.getPostgresDatabase().getConnection();
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "select pg_terminate_backend(pid) from pg_stat_activity"
                      + " where query ilike 'copy%' and wait_event = 'PgSleep'")) {
        if (rs.next()) {
          return;
        }
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("no COPY reached the slow row in 60 s");
  }

  private void sql(String statement) throws SQLException {
    try (Connection c = pg.getPostgresDatabase().getConnection();
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }
}
