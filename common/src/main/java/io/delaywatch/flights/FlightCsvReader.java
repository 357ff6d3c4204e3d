package io.delaywatch.flights;

import io.delaywatch.parquet.ColumnBatch;
import io.delaywatch.task.InvalidInputException;
import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads flights from a raw yearly CSV: checks the header, types each row, and hands rows that
 * cannot be read to a rejection callback with their line number instead of failing the file.
 *
 * <p>Rules: FL_DATE, ORIGIN, CANCELLED and DIVERTED must be readable; FL_DATE must fall in the
 * expected year; numbers may be written as {@code 1058.0}; empty fields are absent values; a
 * trailing empty column (with or without a header name such as {@code Unnamed: 27}) is ignored. Not
 * thread-safe.
 */
public final class FlightCsvReader implements AutoCloseable {
  /**
   * The largest delay, in minutes either way, taken as real (48 hours); a DEP_DELAY or cause column
   * beyond it is a rejected row, as is a value that is not finite ({@code 1e400}).
   */
  public static final double MAX_DELAY_MINUTES = 2880;

  private final CsvCursor cursor;
  private final String source;
  private final int year;
  private final Consumer<Rejection> rejections;
  private final int headerFields;
  private final int date;
  private final int carrier;
  private final int origin;
  private final int depDelay;
  private final int cancelled;
  private final int diverted;
  private final int[] causes = new int[5];
  private final int minYearDay;
  private final int maxYearDay;
  private long rowsRead;
  private long rowsRejected;
  private boolean lastRejected;
  private boolean endsMidRecord;
  private final java.util.BitSet days = new java.util.BitSet(366);
  // The row parse() last read; minutes holds the five cause columns (NaN when absent).
  private int parsedDay;
  private String parsedCarrier;
  private String parsedOrigin;
  private double parsedDelay;
  private boolean parsedCancelled;
  private boolean parsedDiverted;
  private final double[] minutes = new double[5];

  /**
   * Reads the header.
   *
   * @param source the file's URI, for messages
   * @param year the year every row must belong to
   * @throws InvalidInputException when the file is empty or the header lacks a required column
   */
  public FlightCsvReader(CsvCursor cursor, String source, int year, Consumer<Rejection> rejections)
      throws IOException {
    this.cursor = cursor;
    this.source = source;
    this.year = year;
    this.rejections = rejections;
    if (!advance()) {
      throw new InvalidInputException(
          source
              + ": the file is empty; expected a header line starting with "
              + String.join(",", RawColumns.KAGGLE_HEADER.subList(0, 4)));
    }
    List<String> header = new ArrayList<>();
    for (int i = 0; i < cursor.fieldCount(); i++) {
      header.add(cursor.text(i).strip());
    }
    List<String> missing = new ArrayList<>();
    for (String column : RawColumns.REQUIRED) {
      if (!header.contains(column)) {
        missing.add(column);
      }
    }
    if (!missing.isEmpty()) {
      String found = String.join(",", header);
      throw new InvalidInputException(
          source
              + " line "
              + cursor.line()
              + ": wrong header, missing column"
              + (missing.size() > 1 ? "s " : " ")
              + String.join(", ", missing)
              + "; expected the Kaggle header "
              + String.join(",", RawColumns.KAGGLE_HEADER)
              + "; found "
              + (found.length() > 300 ? found.substring(0, 300) + "..." : found));
    }
    this.headerFields = header.size();
    this.date = header.indexOf(RawColumns.FL_DATE);
    this.carrier = header.indexOf(RawColumns.OP_CARRIER);
    this.origin = header.indexOf(RawColumns.ORIGIN);
    this.depDelay = header.indexOf(RawColumns.DEP_DELAY);
    this.cancelled = header.indexOf(RawColumns.CANCELLED);
    this.diverted = header.indexOf(RawColumns.DIVERTED);
    this.causes[0] = header.indexOf(RawColumns.CARRIER_DELAY);
    this.causes[1] = header.indexOf(RawColumns.WEATHER_DELAY);
    this.causes[2] = header.indexOf(RawColumns.NAS_DELAY);
    this.causes[3] = header.indexOf(RawColumns.SECURITY_DELAY);
    this.causes[4] = header.indexOf(RawColumns.LATE_AIRCRAFT_DELAY);
    this.minYearDay = (int) LocalDate.of(year, 1, 1).toEpochDay();
    this.maxYearDay = (int) LocalDate.of(year, 12, 31).toEpochDay();
  }

  /** A reader of another part of the same file, after the header: this one's layout, own counts. */
  private FlightCsvReader(
      FlightCsvReader layout, CsvCursor cursor, Consumer<Rejection> rejections) {
    this.cursor = cursor;
    this.source = layout.source;
    this.year = layout.year;
    this.rejections = rejections;
    this.headerFields = layout.headerFields;
    this.date = layout.date;
    this.carrier = layout.carrier;
    this.origin = layout.origin;
    this.depDelay = layout.depDelay;
    this.cancelled = layout.cancelled;
    this.diverted = layout.diverted;
    System.arraycopy(layout.causes, 0, this.causes, 0, causes.length);
    this.minYearDay = layout.minYearDay;
    this.maxYearDay = layout.maxYearDay;
  }

  /**
   * Reads the rows of a part of this file whose records {@code cursor} walks (no header: the part
   * starts at a record boundary after it), by this reader's header, with its own counts: to parse
   * parts of a file on several threads. Line numbers are the cursor's.
   */
  public FlightCsvReader part(CsvCursor cursor, Consumer<Rejection> rejections) {
    return new FlightCsvReader(this, cursor, rejections);
  }

  /**
   * Counts a part read to its end as rows of this reader, after the ones it has: rows read and
   * rejected, dates, and whether the file ends mid-record (the part being the file's last so far).
   */
  public void absorb(FlightCsvReader part) {
    rowsRead += part.rowsRead;
    rowsRejected += part.rowsRejected;
    days.or(part.days);
    if (part.rowsRead > 0) {
      lastRejected = part.lastRejected;
    }
    endsMidRecord = lastRejected && !part.cursor.endsWithLineBreak();
  }

  /**
   * The next readable flight, or null at the end of the file.
   *
   * @throws InvalidInputException when the file cannot be read on (see {@link CsvFormatException}),
   *     or a record spans lines: RFC 4180 allows line breaks in quoted fields, but the yearly files
   *     have none, and a stray quote would otherwise swallow the rows up to the next quote
   */
  public Flight next() throws IOException {
    if (!advanceToReadable()) {
      return null;
    }
    return new Flight(
        parsedDay,
        parsedCarrier,
        parsedOrigin,
        parsedDelay,
        parsedCancelled,
        parsedDiverted,
        minutes[0],
        minutes[1],
        minutes[2],
        minutes[3],
        minutes[4]);
  }

  /**
   * Appends readable flights to {@code batch} (of {@link FlightCodec}'s schema) from its current
   * row count until it is full or the file ends; the same rows, rejections and errors as {@link
   * #next()}, without an object per row.
   *
   * @return false when the file has ended (the batch may still have got rows)
   * @throws InvalidInputException as {@link #next()}
   */
  public boolean readInto(ColumnBatch batch) throws IOException {
    int n = batch.rows();
    int capacity = batch.capacity();
    int[] dates = batch.ints(0);
    String[] carriers = batch.strings(1);
    String[] origins = batch.strings(2);
    double[] delays = batch.doubles(3);
    boolean[] cancels = batch.bools(4);
    boolean[] diverts = batch.bools(5);
    double[] carrierMinutes = batch.doubles(6);
    double[] weatherMinutes = batch.doubles(7);
    double[] nasMinutes = batch.doubles(8);
    double[] securityMinutes = batch.doubles(9);
    double[] lateMinutes = batch.doubles(10);
    try {
      while (n < capacity) {
        if (!advanceToReadable()) {
          return false;
        }
        dates[n] = parsedDay;
        carriers[n] = parsedCarrier.isEmpty() ? null : parsedCarrier;
        origins[n] = parsedOrigin;
        delays[n] = parsedDelay;
        cancels[n] = parsedCancelled;
        diverts[n] = parsedDiverted;
        carrierMinutes[n] = minutes[0];
        weatherMinutes[n] = minutes[1];
        nasMinutes[n] = minutes[2];
        securityMinutes[n] = minutes[3];
        lateMinutes[n] = minutes[4];
        n++;
      }
      return true;
    } finally {
      batch.rows(n);
    }
  }

  /** Moves to the next readable row and parses it into the parsed* fields; false at the end. */
  private boolean advanceToReadable() throws IOException {
    while (advance()) {
      rowsRead++;
      if (cursor.lastLine() > cursor.line()) {
        throw new InvalidInputException(
            source
                + " line "
                + cursor.line()
                + ": a quoted field opened on this line runs to line "
                + cursor.lastLine()
                + "; the yearly files have no line breaks inside fields, so this is a stray quote"
                + " and the file cannot be read safely from here");
      }
      boolean readable = parse();
      lastRejected = !readable;
      if (readable) {
        days.set(parsedDay - minYearDay);
        return true;
      }
      rowsRejected++;
    }
    endsMidRecord = lastRejected && !cursor.endsWithLineBreak();
    return false;
  }

  private boolean advance() throws IOException {
    try {
      return cursor.next();
    } catch (CsvFormatException e) {
      long at = e.line() > 0 ? e.line() : cursor.lastLine() + 1;
      throw new InvalidInputException(
          source + (e.line() > 0 ? " line " : " near line ") + at + ": " + e.getMessage(), e);
    }
  }

  /**
   * True once {@link #next()} has returned null if the file's last record was rejected and has no
   * line break after it: the file was cut mid-record (a truncated upload).
   */
  public boolean endsMidRecord() {
    return endsMidRecord;
  }

  /** The dates of the rows kept so far. */
  public DateCoverage coverage() {
    return DateCoverage.of(year, days);
  }

  /** Data rows seen so far (header excluded). */
  public long rowsRead() {
    return rowsRead;
  }

  /** Data rows rejected so far. */
  public long rowsRejected() {
    return rowsRejected;
  }

  private boolean parse() {
    int fields = cursor.fieldCount();
    boolean trailingEmpty = fields == headerFields + 1 && cursor.isEmpty(fields - 1);
    boolean lacksEmptyLast = fields == headerFields - 1 && headerFields - 1 > maxRequiredIndex();
    if (fields != headerFields && !trailingEmpty && !lacksEmptyLast) {
      return reject("", "expected " + headerFields + " fields, found " + fields);
    }
    int day;
    try {
      day = cursor.epochDay(date);
    } catch (DateTimeParseException e) {
      if (cursor.text(date).strip().equals(RawColumns.FL_DATE)) {
        // Two files joined end to end (e.g. a year's halves): the second one's header is a row.
        return reject(
            "", "expected a data row, found the header line again (files joined end to end?)");
      }
      return reject(
          RawColumns.FL_DATE,
          "expected a date like " + year + "-01-31, found '" + cursor.text(date) + "'");
    }
    if (day < minYearDay || day > maxYearDay) {
      return reject(
          RawColumns.FL_DATE, "date " + LocalDate.ofEpochDay(day) + " is outside the year " + year);
    }
    String airport = cursor.code(origin);
    if (!validAirport(airport)) {
      return reject(
          RawColumns.ORIGIN,
          "expected an airport code of 3 letters or digits, found '" + cursor.text(origin) + "'");
    }
    double delay = Double.NaN;
    if (!cursor.isEmpty(depDelay)) {
      try {
        delay = cursor.number(depDelay);
      } catch (NumberFormatException e) {
        return reject(
            RawColumns.DEP_DELAY,
            "expected minutes as a number, found '" + cursor.text(depDelay) + "'");
      }
      if (!plausible(delay)) {
        return reject(RawColumns.DEP_DELAY, implausible(depDelay));
      }
    }
    int isCancelled = cursor.flag(cancelled);
    if (isCancelled < 0) {
      return reject(
          RawColumns.CANCELLED, "expected 0 or 1, found '" + cursor.text(cancelled) + "'");
    }
    int isDiverted = cursor.flag(diverted);
    if (isDiverted < 0) {
      return reject(RawColumns.DIVERTED, "expected 0 or 1, found '" + cursor.text(diverted) + "'");
    }
    for (int i = 0; i < 5; i++) {
      minutes[i] = Double.NaN;
      if (!cursor.isEmpty(causes[i])) {
        try {
          minutes[i] = cursor.number(causes[i]);
        } catch (NumberFormatException e) {
          return reject(
              RawColumns.REQUIRED.get(6 + i),
              "expected minutes as a number, found '" + cursor.text(causes[i]) + "'");
        }
        if (!plausible(minutes[i])) {
          return reject(RawColumns.REQUIRED.get(6 + i), implausible(causes[i]));
        }
      }
    }
    parsedDay = day;
    parsedCarrier = cursor.code(carrier);
    parsedOrigin = airport;
    parsedDelay = delay;
    parsedCancelled = isCancelled == 1;
    parsedDiverted = isDiverted == 1;
    return true;
  }

  private int maxRequiredIndex() {
    int max = date;
    for (int index : new int[] {carrier, origin, depDelay, cancelled, diverted}) {
      max = Math.max(max, index);
    }
    for (int index : causes) {
      max = Math.max(max, index);
    }
    return max;
  }

  private static boolean plausible(double minutes) {
    return Math.abs(minutes) <= MAX_DELAY_MINUTES;
  }

  private String implausible(int field) {
    return "expected minutes within ±"
        + (int) MAX_DELAY_MINUTES
        + " (48 h), found '"
        + cursor.text(field).strip()
        + "'";
  }

  private static boolean validAirport(String code) {
    if (code.length() < 3 || code.length() > 4) {
      return false;
    }
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9')) {
        return false;
      }
    }
    return true;
  }

  private boolean reject(String column, String reason) {
    rejections.accept(new Rejection(cursor.line(), column, reason, cursor.raw()));
    return false;
  }

  @Override
  public void close() throws IOException {
    cursor.close();
  }
}
