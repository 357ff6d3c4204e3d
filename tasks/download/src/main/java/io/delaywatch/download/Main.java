package io.delaywatch.download;

import io.delaywatch.flights.CommonsCsvCursor;
import io.delaywatch.flights.RawStreams;
import io.delaywatch.storage.LakePaths;
import io.delaywatch.storage.ObjectChangedException;
import io.delaywatch.storage.ObjectInfo;
import io.delaywatch.storage.ObjectStore;
import io.delaywatch.storage.RawFiles;
import io.delaywatch.task.Fingerprints;
import io.delaywatch.task.InvalidInputException;
import io.delaywatch.task.LakeOptions;
import io.delaywatch.task.TaskCommandLine;
import io.delaywatch.task.TaskRun;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The download task: the raw CSV of a year, streamed into typed staged Parquet. */
@Command(
    name = "download",
    mixinStandardHelpOptions = true,
    description = {
      "Streams raw/flights/YYYY.csv (or .csv.gz) into staged/flights/year=YYYY/flights.parquet,",
      "keeping only the columns the pipeline needs, typed. Rows that cannot be read are counted,",
      "written with their line number and reason to staged/rejected/year=YYYY/rejected.csv, and the",
      "first ones are named in the manifest. A wrong header, an empty file, no valid row, more",
      "rejected rows than --max-rejected-share, a file that cannot be read on (a quote never closed,",
      "corrupt gzip), both YYYY.csv and YYYY.csv.gz present, or a partial year exits 3.",
      "",
      "Example: download --warehouse s3://my-lake --year 2015"
    })
public final class Main implements Callable<Integer> {
  @Mixin LakeOptions lake;

  @Option(
      names = "--max-rejected-share",
      defaultValue = "0.05",
      description =
          "Fail (exit 3) when more than this share of rows cannot be read (default ${DEFAULT-VALUE}).")
  double maxRejectedShare;

  @Option(
      names = "--accept-partial-year",
      description =
          "Stage a file that ends mid-record or whose rows cover too few days (under 90%% of the"
              + " year's days, first row after Jan 31 or last row before Dec 1) instead of exiting 3.")
  boolean acceptPartialYear;

  @Option(
      names = "--csv-parser",
      defaultValue = "fast",
      description =
          "fast (byte scanner, default) or commons (Apache Commons CSV, slower): ${COMPLETION-CANDIDATES}.")
  CsvParser csvParser;

  @Option(
      names = "--expect-etag",
      paramLabel = "ETAG",
      description =
          "Read only the raw object with this ETag, the one discover found (the DAG passes its"
              + " manifest's details.etag); every resumed read asks for it (If-Match). Another object"
              + " exits 3: rerun discover.")
  String expectEtag;

  /** The CSV readers; both type fields identically (see CsvCursor). */
  enum CsvParser {
    fast,
    commons
  }

  public static void main(String[] args) {
    System.exit(TaskCommandLine.of(new Main()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    int year = lake.year();
    try (ObjectStore store = lake.openWarehouse();
        TaskRun run = TaskRun.start("download", lake.runId(), year)) {
      refuseAmbiguousRawFiles(store, year);
      ObjectInfo raw =
          RawFiles.list(store)
              .forYear(year)
              .orElseThrow(
                  () ->
                      new InvalidInputException(
                          "no raw file for "
                              + year
                              + ": expected "
                              + store.uri(LakePaths.rawCsv(year, false))
                              + " or "
                              + store.uri(LakePaths.rawCsv(year, true))));
      String source = store.uri(raw.key());
      String etag = expectEtag == null || expectEtag.isBlank() ? raw.etag() : expectEtag;
      run.sweepLeftovers(store, LakePaths.staged(year), LakePaths.rejected(year));
      run.input(raw.key(), source, Fingerprints.ofEtag(etag));
      Path staged = run.tempDir().resolve("flights.parquet");
      Path rejected = run.tempDir().resolve("rejected.csv");
      StagingResult result;
      try (InputStream in = open(store, raw.key(), etag)) {
        FlightStager stager =
            new FlightStager(source, year, maxRejectedShare, run.fileMetadata(), acceptPartialYear);
        result =
            csvParser == CsvParser.fast
                ? stager.stageInParts(in, staged, rejected)
                : stager.stage(new CommonsCsvCursor(in), staged, rejected);
      } catch (ObjectChangedException e) {
        throw new InvalidInputException(
            e.getMessage() + ": it is not the object discover found; rerun discover for " + year,
            e);
      }
      run.commit(store, staged, LakePaths.staged(year), "application/vnd.apache.parquet")
          .commit(store, rejected, LakePaths.rejected(year), "text/csv")
          .count("raw_bytes", raw.size())
          .count("rows_read", result.rowsRead())
          .count("rows_kept", result.rowsKept())
          .count("rows_rejected", result.rowsRejected())
          .count("airports", result.airports())
          .detail("raw_etag", raw.etag())
          .detail("first_rejections", result.firstRejections())
          .detail("date_coverage", result.coverage().toMap());
      return run.done(store);
    }
  }

  private static InputStream open(ObjectStore store, String key, String etag) throws IOException {
    InputStream in = new BufferedInputStream(store.open(key, etag), 1 << 16);
    return RawStreams.decoded(in, key.endsWith(".gz"));
  }

  /** Which of the two would be meant is a guess: the user must remove one. */
  private static void refuseAmbiguousRawFiles(ObjectStore store, int year) throws IOException {
    String plain = LakePaths.rawCsv(year, false);
    String gzip = LakePaths.rawCsv(year, true);
    boolean hasPlain = false;
    boolean hasGzip = false;
    for (ObjectInfo object : store.list(LakePaths.RAW_FLIGHTS)) {
      hasPlain |= object.key().equals(plain);
      hasGzip |= object.key().equals(gzip);
    }
    if (hasPlain && hasGzip) {
      throw new InvalidInputException(
          "ambiguous raw file for "
              + year
              + ": both "
              + store.uri(plain)
              + " and "
              + store.uri(gzip)
              + " exist; remove the one that is not the published year");
    }
  }
}
