package io.delaywatch.flights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delaywatch.task.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The raw-file quirks of the data rules, read by both cursors alike. */
class FlightCsvReaderTest {
  static final String HEADER = String.join(",", RawColumns.KAGGLE_HEADER);

  static Stream<Function<byte[], CsvCursor>> cursors() {
    return Stream.of(
        bytes -> open(() -> new ByteCsvCursor(new ByteArrayInputStream(bytes), 64)),
        bytes -> open(() -> new CommonsCsvCursor(new ByteArrayInputStream(bytes))));
  }

  interface Opener {
    CsvCursor open() throws IOException;
  }

  static CsvCursor open(Opener opener) {
    try {
      return opener.open();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  record Read(List<Flight> flights, List<Rejection> rejections) {}

  static Read read(Function<byte[], CsvCursor> cursor, String text) throws IOException {
    return read(cursor, text.getBytes(StandardCharsets.UTF_8));
  }

  static Read read(Function<byte[], CsvCursor> cursor, byte[] bytes) throws IOException {
    List<Rejection> rejections = new ArrayList<>();
    List<Flight> flights = new ArrayList<>();
    try (FlightCsvReader reader =
        new FlightCsvReader(cursor.apply(bytes), "raw/flights/2015.csv", 2015, rejections::add)) {
      for (Flight f = reader.next(); f != null; f = reader.next()) {
        flights.add(f);
      }
      assertThat(reader.rowsRead()).isEqualTo(flights.size() + rejections.size());
    }
    return new Read(flights, rejections);
  }

  static String row(String date, String origin, String depDelay, String cancelled, String causes) {
    return date
        + ",AA,1,"
        + origin
        + ",ORD,1058,1100.0,"
        + depDelay
        + ",10.0,1110.0,1200.0,5.0,1205,1210.0,5.0,"
        + cancelled
        + ",,0.0,120.0,110.0,100.0,600.0,"
        + causes
        + ",";
  }

  static int day(String iso) {
    return (int) LocalDate.parse(iso).toEpochDay();
  }

  @ParameterizedTest
  @MethodSource("cursors")
  void readsCrlfRowsWithTheTrailingEmptyColumnAndFloatsInIntegerColumns(
      Function<byte[], CsvCursor> cursor) throws IOException {
    String csv =
        HEADER
            + "\r\n"
            + row("2015-01-01", "ATL", "-4.0", "0.0", "1.0,2.0,3.0,0.0,4.0")
            + "\r\n"
            + row("2015-01-02", "BOS", "1058.0", "1.0", ",,,,")
            + "\r\n";

    Read read = read(cursor, csv);

    assertThat(read.rejections()).isEmpty();
    assertThat(read.flights())
        .containsExactly(
            new Flight(day("2015-01-01"), "AA", "ATL", -4.0, false, false, 1, 2, 3, 0, 4),
            new Flight(
                day("2015-01-02"),
                "AA",
                "BOS",
                1058.0,
                true,
                false,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN));
  }

  @ParameterizedTest
  @MethodSource("cursors")
  void emptyFieldsAreAbsentNotZero(Function<byte[], CsvCursor> cursor) throws IOException {
    Read read = read(cursor, HEADER + "\n" + row("2015-03-01", "ATL", "", "1.0", ",,,,") + "\n");

    Flight f = read.flights().get(0);
    assertThat(f.depDelay()).isNaN();
    assertThat(f.carrierDelay()).isNaN();
  }

  @ParameterizedTest
  @MethodSource("cursors")
  void quotedFieldsAndALeadingByteOrderMarkAreRead(Function<byte[], CsvCursor> cursor)
      throws IOException {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    String csv =
        HEADER
            + "\n"
            + "\"2015-01-05\",\"A,A\",1,\"ATL\",ORD,1058,1100.0,\"12.5\",,,,,,,,0.0,,0.0,,,,600.0,,,,,,\n";
    byte[] text = csv.getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[bom.length + text.length];
    System.arraycopy(bom, 0, bytes, 0, 3);
    System.arraycopy(text, 0, bytes, 3, text.length);

    Read read = read(cursor, bytes);

    assertThat(read.rejections()).isEmpty();
    assertThat(read.flights())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.carrier()).isEqualTo("A,A");
              assertThat(f.origin()).isEqualTo("ATL");
              assertThat(f.depDelay()).isEqualTo(12.5);
            });
  }

  @ParameterizedTest
  @MethodSource("cursors")
  void unreadableRowsAreRejectedWithLineColumnAndReasonAndTheRestIsKept(
      Function<byte[], CsvCursor> cursor) throws IOException {
    String csv =
        String.join(
                "\n",
                HEADER,
                row("2015-01-01", "ATL", "3.0", "0.0", ",,,,"),
                row("2015-02-30", "ATL", "3.0", "0.0", ",,,,"),
                row("2014-12-31", "ATL", "3.0", "0.0", ",,,,"),
                row("2015-01-01", "ATL", "late", "0.0", ",,,,"),
                row("2015-01-01", "ATL", "3.0", "maybe", ",,,,"),
                row("2015-01-01", "", "3.0", "0.0", ",,,,"),
                "2015-01-01,AA,1,ATL",
                row("2015-01-01", "BOS", "3.0", "0.0", ",,,,"))
            + "\n";

    Read read = read(cursor, csv);

    assertThat(read.flights()).extracting(Flight::origin).containsExactly("ATL", "BOS");
    assertThat(read.rejections())
        .extracting(Rejection::line, Rejection::column)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(3L, "FL_DATE"),
            org.assertj.core.groups.Tuple.tuple(4L, "FL_DATE"),
            org.assertj.core.groups.Tuple.tuple(5L, "DEP_DELAY"),
            org.assertj.core.groups.Tuple.tuple(6L, "CANCELLED"),
            org.assertj.core.groups.Tuple.tuple(7L, "ORIGIN"),
            org.assertj.core.groups.Tuple.tuple(8L, ""));
    assertThat(read.rejections().get(1).reason())
        .isEqualTo("date 2014-12-31 is outside the year 2015");
    assertThat(read.rejections().get(2).reason())
        .isEqualTo("expected minutes as a number, found 'late'");
    assertThat(read.rejections().get(5).reason()).isEqualTo("expected 28 fields, found 4");
    assertThat(read.rejections().get(5).raw()).isEqualTo("2015-01-01,AA,1,ATL");
  }

  @ParameterizedTest
  @MethodSource("cursors")
  void wrongHeaderNamesTheFileAndTheMissingColumns(Function<byte[], CsvCursor> cursor) {
    String csv = HEADER.replace("DEP_DELAY", "DEPARTURE_DELAY").replace("ORIGIN", "FROM") + "\n";

    assertThatThrownBy(() -> read(cursor, csv))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "raw/flights/2015.csv line 1: wrong header, missing columns ORIGIN, DEP_DELAY;"
                + " expected the Kaggle header FL_DATE,OP_CARRIER,OP_CARRIER_FL_NUM,ORIGIN,DEST,"
                + "CRS_DEP_TIME,DEP_TIME,DEP_DELAY,TAXI_OUT,WHEELS_OFF,WHEELS_ON,TAXI_IN,"
                + "CRS_ARR_TIME,ARR_TIME,ARR_DELAY,CANCELLED,CANCELLATION_CODE,DIVERTED,"
                + "CRS_ELAPSED_TIME,ACTUAL_ELAPSED_TIME,AIR_TIME,DISTANCE,CARRIER_DELAY,"
                + "WEATHER_DELAY,NAS_DELAY,SECURITY_DELAY,LATE_AIRCRAFT_DELAY,Unnamed: 27;"
                // The found header is cut at 300 characters.
                + " found FL_DATE,OP_CARRIER,OP_CARRIER_FL_NUM,FROM,DEST,CRS_DEP_TIME,DEP_TIME,"
                + "DEPARTURE_DELAY,TAXI_OUT,WHEELS_OFF,WHEELS_ON,TAXI_IN,CRS_ARR_TIME,ARR_TIME,"
                + "ARR_DELAY,CANCELLED,CANCELLATION_CODE,DIVERTED,CRS_ELAPSED_TIME,"
                + "ACTUAL_ELAPSED_TIME,AIR_TIME,DISTANCE,CARRIER_DELAY,WEATHER_DELAY,NAS_DELAY,"
                + "SECURITY_DELAY,...");
  }

  @ParameterizedTest
  @MethodSource("cursors")
  void emptyFileIsRefusedNamingTheFile(Function<byte[], CsvCursor> cursor) {
    assertThatThrownBy(() -> read(cursor, ""))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "raw/flights/2015.csv: the file is empty; expected a header line starting with FL_DATE,OP_CARRIER,OP_CARRIER_FL_NUM,ORIGIN");
  }

  @ParameterizedTest
  @MethodSource("cursors")
  void columnsAreFoundByNameNotPosition(Function<byte[], CsvCursor> cursor) throws IOException {
    String csv =
        "ORIGIN,FL_DATE,CANCELLED,DIVERTED,DEP_DELAY,OP_CARRIER,CARRIER_DELAY,WEATHER_DELAY,NAS_DELAY,SECURITY_DELAY,LATE_AIRCRAFT_DELAY\n"
            + "SFO,2015-07-04,0,1,30,UA,30,0,0,0,0\n";

    Read read = read(cursor, csv);

    assertThat(read.flights())
        .containsExactly(
            new Flight(day("2015-07-04"), "UA", "SFO", 30, false, true, 30, 0, 0, 0, 0));
  }

  static String rows(int n, java.util.function.IntFunction<String> override) {
    StringBuilder csv = new StringBuilder(HEADER).append('\n');
    for (int i = 1; i <= n; i++) {
      String special = override.apply(i);
      csv.append(special != null ? special : row("2015-01-01", "ATL", "1.0", "0.0", ",,,,"))
          .append('\n');
    }
    return csv.toString();
  }

  @ParameterizedTest
  @MethodSource("cursors")
  void anUnterminatedQuoteFailsTheFileAtTheLineWhereItOpenedInsteadOfSwallowingTheRest(
      Function<byte[], CsvCursor> cursor) {
    String csv = rows(200, i -> i == 101 ? row("2015-01-01", "ATL", "\"1.0", "0.0", ",,,,") : null);

    assertThatThrownBy(() -> read(cursor, csv))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "raw/flights/2015.csv line 102: a quoted field opened on this line is never closed"
                + " (unterminated quote); the rest of the file cannot be read");
  }

  @ParameterizedTest
  @MethodSource("cursors")
  void aStrayQuoteClosedRowsLaterFailsTheFileRatherThanCountingOneRejection(
      Function<byte[], CsvCursor> cursor) {
    String csv =
        rows(
            50,
            i ->
                i == 10
                    ? row("2015-01-01", "ATL", "\"1.0", "0.0", ",,,,")
                    : i == 40 ? row("2015-01-01", "ATL", "1.0\"", "0.0", ",,,,") : null);

    assertThatThrownBy(() -> read(cursor, csv))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "raw/flights/2015.csv line 11: a quoted field opened on this line runs to line 41; the"
                + " yearly files have no line breaks inside fields, so this is a stray quote and the"
                + " file cannot be read safely from here");
  }

  @ParameterizedTest
  @MethodSource("cursors")
  void textAfterAClosingQuoteFailsTheFileNamingTheLine(Function<byte[], CsvCursor> cursor) {
    String csv = rows(5, i -> i == 3 ? row("2015-01-01", "ATL", "\"1.0\"x", "0.0", ",,,,") : null);

    assertThatThrownBy(() -> read(cursor, csv))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "raw/flights/2015.csv line 4: unexpected text after a closing quote; expected a comma"
                + " or the end of the line");
  }

  @ParameterizedTest
  @MethodSource("cursors")
  void aRecordOverTheLimitFailsTheFileNamingTheLine(Function<byte[], CsvCursor> cursor) {
    String csv =
        rows(
            3,
            i ->
                i == 2
                    ? row("2015-01-01", "ATL", "1.0", "0.0", ",,,,")
                        + "x".repeat(CsvCursor.MAX_RECORD_BYTES)
                    : null);

    assertThatThrownBy(() -> read(cursor, csv))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "raw/flights/2015.csv line 3: a record longer than 1048576 bytes starts on this line"
                + " (a Kaggle row is about 200); the file is corrupt");
  }

  @ParameterizedTest
  @MethodSource("cursors")
  void aSecondHeaderLineOfFilesJoinedEndToEndIsOneRejectedRowSaidSo(
      Function<byte[], CsvCursor> cursor) throws IOException {
    String csv =
        HEADER
            + "\n"
            + row("2015-01-01", "ATL", "5.0", "0.0", ",,,,")
            + "\n"
            + HEADER
            + "\n"
            + row("2015-07-01", "ORD", "7.0", "0.0", ",,,,")
            + "\n"
            + row("FL_DATES", "ORD", "7.0", "0.0", ",,,,")
            + "\n";

    Read read = read(cursor, csv);

    assertThat(read.flights()).extracting(Flight::origin).containsExactly("ATL", "ORD");
    assertThat(read.rejections())
        .extracting(r -> r.line() + " " + r.column() + ": " + r.reason())
        .containsExactly(
            "3 : expected a data row, found the header line again (files joined end to end?)",
            "5 FL_DATE: expected a date like 2015-01-31, found 'FL_DATES'");
  }

  @ParameterizedTest
  @MethodSource("cursors")
  void nonFiniteAndImplausibleDelaysAreRejectedRowsWithAReason(Function<byte[], CsvCursor> cursor)
      throws IOException {
    String csv =
        HEADER
            + "\n"
            + row("2015-01-01", "ATL", "1e400", "0.0", ",,,,")
            + "\n"
            + row("2015-01-01", "ATL", "-1e9", "0.0", ",,,,")
            + "\n"
            + row("2015-01-01", "ATL", "2880", "0.0", "2881,,,,")
            + "\n"
            + row("2015-01-01", "ATL", "-2880.0", "0.0", ",,,,")
            + "\n";

    Read read = read(cursor, csv);

    assertThat(read.flights()).extracting(Flight::depDelay).containsExactly(-2880.0);
    assertThat(read.rejections())
        .extracting(r -> r.line() + " " + r.column() + ": " + r.reason())
        .containsExactly(
            "2 DEP_DELAY: expected minutes within ±2880 (48 h), found '1e400'",
            "3 DEP_DELAY: expected minutes within ±2880 (48 h), found '-1e9'",
            "4 CARRIER_DELAY: expected minutes within ±2880 (48 h), found '2881'");
  }

  @ParameterizedTest
  @MethodSource("cursors")
  void aFileCutMidRecordIsToldFromOneThatEndsWithoutALineBreak(Function<byte[], CsvCursor> cursor)
      throws IOException {
    String whole = rows(3, i -> null);
    for (String text : List.of(whole, whole.substring(0, whole.length() - 1))) {
      try (FlightCsvReader reader = reader(cursor, text)) {
        while (reader.next() != null) {}
        assertThat(reader.endsMidRecord()).isFalse();
      }
    }
    try (FlightCsvReader reader = reader(cursor, whole.substring(0, whole.length() - 20))) {
      while (reader.next() != null) {}
      assertThat(reader.endsMidRecord()).isTrue();
      assertThat(reader.rowsRejected()).isEqualTo(1);
    }
  }

  static FlightCsvReader reader(Function<byte[], CsvCursor> cursor, String text)
      throws IOException {
    return new FlightCsvReader(
        cursor.apply(text.getBytes(StandardCharsets.UTF_8)), "raw/flights/2015.csv", 2015, r -> {});
  }
}
