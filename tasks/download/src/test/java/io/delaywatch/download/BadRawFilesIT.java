package io.delaywatch.download;

import static org.assertj.core.api.Assertions.assertThat;

import io.delaywatch.flights.CsvCursor;
import io.delaywatch.flights.CsvFormatException;
import io.delaywatch.flights.RawColumns;
import io.delaywatch.flights.RawStreams;
import io.delaywatch.task.TaskHarness;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of bad raw files, generated here: each must end with its exit code and exact message,
 * the same under both CSV parsers, and leave the staged outputs of the previous good run byte for
 * byte as they were.
 */
class BadRawFilesIT {
  static final String HEADER = String.join(",", RawColumns.KAGGLE_HEADER);
  static final int ROWS_PER_DAY = 20;
  static final String SRC = "$SRC";

  @TempDir static Path template;
  @TempDir Path lake;

  /** A bad file: its raw/flights/ name and bytes, the exit code, the message ($SRC = its URI). */
  record Case(String name, String file, byte[] bytes, int exit, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static String row(LocalDate date, String origin, String delay, String carrier) {
    return date
        + ","
        + carrier
        + ",1,"
        + origin
        + ",ORD,1058,1100.0,"
        + delay
        + ",10.0,1110.0,1200.0,5.0,1205,1210.0,5.0,0.0,,0.0,120.0,110.0,100.0,600.0,,,,,,";
  }

  /**
   * A year of rows ({@value #ROWS_PER_DAY} a day) on the days {@code keep} lets through; row {@code
   * i} (1-based, line i + 1) replaced by {@code override.apply(i)} when that is not null.
   */
  static String year(Predicate<LocalDate> keep, IntFunction<String> override, String eol) {
    StringBuilder csv = new StringBuilder(HEADER).append(eol);
    int i = 0;
    for (LocalDate d = LocalDate.of(2015, 1, 1); d.getYear() == 2015; d = d.plusDays(1)) {
      if (!keep.test(d)) {
        continue;
      }
      for (int k = 0; k < ROWS_PER_DAY; k++) {
        i++;
        String special = override.apply(i);
        csv.append(
                special != null
                    ? special
                    : row(d, k % 2 == 0 ? "ATL" : "BOS", (k - 5) + ".0", "AA"))
            .append(eol);
      }
    }
    return csv.toString();
  }

  static String good() {
    return year(d -> true, i -> null, "\n");
  }

  static String withRow(int at, Function<LocalDate, String> special) {
    return year(d -> true, i -> i == at ? special.apply(LocalDate.of(2015, 1, 1)) : null, "\n");
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The line a reader is at when the decompressor fails, and its message, as the task says it. */
  static String gzipFailure(byte[] gz) {
    long newlines = 0;
    try (InputStream in = RawStreams.decoded(new ByteArrayInputStream(gz), true)) {
      byte[] buf = new byte[4096];
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        for (int i = 0; i < n; i++) {
          newlines += buf[i] == '\n' ? 1 : 0;
        }
      }
    } catch (CsvFormatException e) {
      return SRC
          + (e.line() > 0 ? " line " + e.line() : " near line " + (newlines + 1))
          + ": "
          + e.getMessage();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new AssertionError("the gzip data decodes fine");
  }

  static final String NEVER_CLOSED =
      ": a quoted field opened on this line is never closed (unterminated quote); the rest of the"
          + " file cannot be read";
  static final String AFTER_QUOTE =
      ": unexpected text after a closing quote; expected a comma or the end of the line";
  static final String TOO_LONG =
      ": a record longer than "
          + CsvCursor.MAX_RECORD_BYTES
          + " bytes starts on this line (a Kaggle row is about 200); the file is corrupt";
  static final String PARTIAL = ": looks like a partial year: ";
  static final String UPLOAD = "; upload the whole year, or pass --accept-partial-year";

  static String runsTo(int from, int to) {
    return SRC
        + " line "
        + from
        + ": a quoted field opened on this line runs to line "
        + to
        + "; the yearly files have no line breaks inside fields, so this is a stray quote and the"
        + " file cannot be read safely from here";
  }

  static List<Case> corpus() {
    List<Case> cases = new ArrayList<>();
    String good = good();
    int rows = 365 * ROWS_PER_DAY;
    LocalDate jan1 = LocalDate.of(2015, 1, 1);
    // Unclosed and stray quotes
    cases.add(
        new Case(
            "unterminated quote on row 101",
            "2015.csv",
            utf8(withRow(101, d -> row(d, "ATL", "\"1.0", "AA"))),
            3,
            SRC + " line 102" + NEVER_CLOSED));
    cases.add(
        new Case(
            "unterminated quote on the last row",
            "2015.csv",
            utf8(year(d -> true, i -> i == rows ? row(jan1, "ATL", "1.0", "\"AA") : null, "\n")),
            3,
            SRC + " line " + (rows + 1) + NEVER_CLOSED));
    cases.add(
        new Case(
            "unterminated quote in a CRLF file",
            "2015.csv",
            utf8(year(d -> true, i -> i == 7 ? row(jan1, "\"ATL", "1.0", "AA") : null, "\r\n")),
            3,
            SRC + " line 8" + NEVER_CLOSED));
    cases.add(
        new Case(
            "unterminated quote in a file with CR line ends",
            "2015.csv",
            utf8(year(d -> true, i -> i == 9 ? row(jan1, "ATL", "\"", "AA") : null, "\r")),
            3,
            SRC + " line 10" + NEVER_CLOSED));
    cases.add(
        new Case(
            "quote opened in the header",
            "2015.csv",
            utf8("\"" + good),
            3,
            SRC + " line 1" + NEVER_CLOSED));
    cases.add(
        new Case(
            "stray quotes in DEP_DELAY on rows 10 and 40",
            "2015.csv",
            utf8(
                year(
                    d -> true,
                    i ->
                        i == 10
                            ? row(jan1, "ATL", "\"1.0", "AA")
                            : i == 40 ? row(jan1, "ATL", "1.0\"", "AA") : null,
                    "\n")),
            3,
            runsTo(11, 41)));
    cases.add(
        new Case(
            "stray quotes in the carrier column, which a swallowed row would pass",
            "2015.csv",
            utf8(
                year(
                    d -> true,
                    i ->
                        i == 5
                            ? row(jan1, "ATL", "1.0", "\"AA")
                            : i == 35 ? row(jan1, "ATL", "1.0", "AA\"") : null,
                    "\n")),
            3,
            runsTo(6, 36)));
    cases.add(
        new Case(
            "text after a closing quote",
            "2015.csv",
            utf8(withRow(3, d -> row(d, "ATL", "\"1.0\"x", "AA"))),
            3,
            SRC + " line 4" + AFTER_QUOTE));
    cases.add(
        new Case(
            "text after a quoted date on the first row",
            "2015.csv",
            utf8(withRow(1, d -> "\"" + d + "\"0" + row(d, "ATL", "1", "AA").substring(10))),
            3,
            SRC + " line 2" + AFTER_QUOTE));
    // Records over the limit
    String longRow = row(jan1, "ATL", "1.0", "AA") + "x".repeat(CsvCursor.MAX_RECORD_BYTES);
    cases.add(
        new Case(
            "a record over the limit",
            "2015.csv",
            utf8(withRow(50, d -> longRow)),
            3,
            SRC + " line 51" + TOO_LONG));
    cases.add(
        new Case(
            "a record over the limit as the first row",
            "2015.csv",
            utf8(withRow(1, d -> longRow)),
            3,
            SRC + " line 2" + TOO_LONG));
    cases.add(
        new Case(
            "a record over the limit in a gzip file",
            "2015.csv.gz",
            gzip(utf8(withRow(2, d -> longRow))),
            3,
            SRC + " line 3" + TOO_LONG));
    // Broken gzip
    byte[] gz = gzip(utf8(good));
    for (double cut : new double[] {0.1, 0.5, 0.99}) {
      byte[] cutOff = Arrays.copyOf(gz, (int) (gz.length * cut));
      cases.add(
          new Case(
              "gzip cut off at " + (int) (cut * 100) + "%",
              "2015.csv.gz",
              cutOff,
              3,
              gzipFailure(cutOff)));
    }
    byte[] crlfGz = gzip(utf8(year(d -> true, i -> null, "\r\n")));
    byte[] crlfCut = Arrays.copyOf(crlfGz, crlfGz.length / 3);
    cases.add(new Case("CRLF gzip cut off", "2015.csv.gz", crlfCut, 3, gzipFailure(crlfCut)));
    cases.add(
        new Case(
            "a plain CSV named .csv.gz",
            "2015.csv.gz",
            utf8(good),
            3,
            SRC + " line 1: not a gzip file (Not in GZIP format)"));
    cases.add(
        new Case(
            "an empty .csv.gz",
            "2015.csv.gz",
            new byte[0],
            3,
            SRC + " line 1: the gzip file is empty or cut off in its header"));
    byte[] headerOnly = Arrays.copyOf(gz, 10);
    cases.add(
        new Case(
            "a gzip header and nothing else",
            "2015.csv.gz",
            headerOnly,
            3,
            gzipFailure(headerOnly)));
    byte[] corrupt = gz.clone();
    for (int i = corrupt.length / 2; i < corrupt.length / 2 + 64; i++) {
      corrupt[i] = (byte) (corrupt[i] ^ 0x5a);
    }
    cases.add(
        new Case("gzip data corrupt mid-way", "2015.csv.gz", corrupt, 3, gzipFailure(corrupt)));
    byte[] badCrc = gz.clone();
    badCrc[badCrc.length - 6] ^= 0x01;
    cases.add(new Case("gzip with a wrong CRC", "2015.csv.gz", badCrc, 3, gzipFailure(badCrc)));
    // Cut and partial files
    cases.add(
        new Case(
            "cut mid-record",
            "2015.csv",
            utf8(good.substring(0, good.length() - 20)),
            3,
            SRC
                + " line "
                + (rows + 1)
                + ": the file ends mid-record (no line break after a row that cannot be read); a"
                + " truncated upload? Upload the whole file, or pass --accept-partial-year"));
    String half = good.substring(0, good.length() / 2 + 7);
    cases.add(
        new Case(
            "gzip of a file cut mid-record",
            "2015.csv.gz",
            gzip(utf8(half)),
            3,
            SRC
                + " line "
                + (half.chars().filter(c -> c == '\n').count() + 1)
                + ": the file ends mid-record (no line break after a row that cannot be read); a"
                + " truncated upload? Upload the whole file, or pass --accept-partial-year"));
    String first806 = String.join("\n", Arrays.asList(good.split("\n")).subList(0, 807)) + "\n";
    cases.add(
        new Case(
            "cut after 806 rows",
            "2015.csv",
            utf8(first806),
            3,
            SRC
                + PARTIAL
                + "rows on 41 of the year's 365 days (at least 329 expected), from"
                + " 2015-01-01 to 2015-02-10"
                + UPLOAD));
    cases.add(
        new Case(
            "first half of the year",
            "2015.csv",
            utf8(year(d -> d.getMonthValue() <= 6, i -> null, "\n")),
            3,
            SRC
                + PARTIAL
                + "rows on 181 of the year's 365 days (at least 329 expected), from"
                + " 2015-01-01 to 2015-06-30"
                + UPLOAD));
    cases.add(
        new Case(
            "every other day",
            "2015.csv",
            utf8(year(d -> d.getDayOfYear() % 2 == 1, i -> null, "\n")),
            3,
            SRC
                + PARTIAL
                + "rows on 183 of the year's 365 days (at least 329 expected), from"
                + " 2015-01-01 to 2015-12-31"
                + UPLOAD));
    cases.add(
        new Case(
            "December missing",
            "2015.csv",
            utf8(year(d -> d.getMonthValue() < 12, i -> null, "\n")),
            3,
            SRC + PARTIAL + "the last row is on 2015-11-30 (expected from 2015-12-01)" + UPLOAD));
    cases.add(
        new Case(
            "January missing",
            "2015.csv",
            utf8(year(d -> d.getMonthValue() > 1, i -> null, "\n")),
            3,
            SRC + PARTIAL + "the first row is on 2015-02-01 (expected by 2015-01-31)" + UPLOAD));
    // Implausible values
    cases.add(
        new Case(
            "every DEP_DELAY 1e400",
            "2015.csv",
            utf8(year(d -> true, i -> row(jan1, "ATL", "1e400", "AA"), "\n")),
            3,
            SRC
                + ": no valid row ("
                + rows
                + " rows read, "
                + rows
                + " rejected; first: line 2 column DEP_DELAY: expected minutes within ±2880 (48 h),"
                + " found '1e400')"));
    cases.add(
        new Case(
            "one row in ten with a delay of -1e9 minutes",
            "2015.csv",
            utf8(year(d -> true, i -> i % 10 == 3 ? row(jan1, "ATL", "-1e9", "AA") : null, "\n")),
            3,
            SRC
                + ": "
                + rows / 10
                + " of "
                + rows
                + " rows (10.0%) could not be read, above --max-rejected-share 0.050; first: line 4"
                + " column DEP_DELAY: expected minutes within ±2880 (48 h), found '-1e9'"));
    cases.add(
        new Case(
            "every row of another year",
            "2015.csv",
            utf8(good.replace("\n2015-", "\n2014-")),
            3,
            SRC
                + ": no valid row ("
                + rows
                + " rows read, "
                + rows
                + " rejected; first: line 2 column FL_DATE: date 2014-01-01 is outside the year"
                + " 2015)"));
    // Headers and empty files
    String wrongHeader = HEADER.replace("CANCELLED", "CANCELED");
    cases.add(
        new Case(
            "wrong header",
            "2015.csv",
            utf8(wrongHeader + good.substring(HEADER.length())),
            3,
            SRC
                + " line 1: wrong header, missing column CANCELLED; expected the Kaggle header "
                + HEADER
                + "; found "
                + wrongHeader.substring(0, 300)
                + "..."));
    cases.add(
        new Case(
            "an empty file",
            "2015.csv",
            new byte[0],
            3,
            SRC
                + ": the file is empty; expected a header line starting with"
                + " FL_DATE,OP_CARRIER,OP_CARRIER_FL_NUM,ORIGIN"));
    cases.add(
        new Case(
            "a header and no rows",
            "2015.csv",
            utf8(HEADER + "\n"),
            3,
            SRC + ": no valid row (0 rows read, 0 rejected)"));
    cases.add(
        new Case(
            "an empty gzip of nothing",
            "2015.csv.gz",
            gzip(new byte[0]),
            3,
            SRC
                + ": the file is empty; expected a header line starting with"
                + " FL_DATE,OP_CARRIER,OP_CARRIER_FL_NUM,ORIGIN"));
    return cases;
  }

  static Stream<Arguments> cases() {
    return corpus().stream()
        .flatMap(c -> Stream.of(Arguments.of(c, "fast"), Arguments.of(c, "commons")));
  }

  @BeforeAll
  static void aGoodYearIsStaged() throws IOException {
    Files.createDirectories(template.resolve("raw/flights"));
    Files.writeString(template.resolve("raw/flights/2015.csv"), good());
    TaskHarness.Outcome outcome =
        TaskHarness.run(
            new Main(), "--warehouse", template.toString(), "--year", "2015", "--run-id", "good");
    assertThat(outcome.exit()).isZero();
    Files.delete(template.resolve("raw/flights/2015.csv"));
  }

  @ParameterizedTest(name = "{0} ({1})")
  @MethodSource("cases")
  void aBadRawFileExitsThreeNamingFileAndLineAndLeavesTheStagedYearAsItWas(Case bad, String parser)
      throws IOException {
    copy(template, lake);
    Map<String, String> before = files(lake.resolve("staged"));
    Path raw = lake.resolve("raw/flights").resolve(bad.file());
    Files.write(raw, bad.bytes());

    TaskHarness.Outcome outcome =
        TaskHarness.run(
            new Main(),
            "--warehouse",
            lake.toString(),
            "--year",
            "2015",
            "--run-id",
            "bad",
            "--csv-parser",
            parser);

    assertThat(outcome.exit()).isEqualTo(bad.exit());
    assertThat(outcome.manifest().get("error").asText())
        .isEqualTo(bad.message().replace(SRC, raw.toUri().toString()));
    assertThat(files(lake.resolve("staged"))).isEqualTo(before);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("parsers")
  void bothRawFilesOfAYearAreAmbiguous(String parser) throws IOException {
    copy(template, lake);
    Map<String, String> before = files(lake.resolve("staged"));
    Path plain = lake.resolve("raw/flights/2015.csv");
    Path gzipped = lake.resolve("raw/flights/2015.csv.gz");
    Files.writeString(plain, good());
    Files.write(gzipped, gzip(utf8(good())));

    TaskHarness.Outcome outcome =
        TaskHarness.run(
            new Main(), "--warehouse", lake.toString(), "--year", "2015", "--csv-parser", parser);

    assertThat(outcome.exit()).isEqualTo(3);
    assertThat(outcome.manifest().get("error").asText())
        .isEqualTo(
            "ambiguous raw file for 2015: both "
                + plain.toUri()
                + " and "
                + gzipped.toUri()
                + " exist; remove the one that is not the published year");
    assertThat(files(lake.resolve("staged"))).isEqualTo(before);
  }

  static Stream<String> parsers() {
    return Stream.of("fast", "commons");
  }

  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  /** Every file under {@code root} by relative path, with a hex dump of its bytes. */
  static Map<String, String> files(Path root) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        if (Files.isRegularFile(p)) {
          out.put(root.relativize(p).toString(), HexFormat.of().formatHex(Files.readAllBytes(p)));
        }
      }
    }
    assertThat(out).isNotEmpty();
    return out;
  }
}
