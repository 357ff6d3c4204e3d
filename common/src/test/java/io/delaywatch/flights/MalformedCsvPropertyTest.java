package io.delaywatch.flights;

import static org.assertj.core.api.Assertions.assertThat;

import io.delaywatch.task.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Both cursors on malformed text: stray and unclosed quotes, text after a closing quote, cut
 * records, blanks and line breaks anywhere. They must give the same records at the same lines, and
 * stop with the same error at the same line.
 */
class MalformedCsvPropertyTest {
  static final String HEADER = String.join(",", RawColumns.KAGGLE_HEADER);

  @Property(tries = 1000)
  void bothCursorsReadMalformedTextAlike(
      @ForAll("malformedTexts") String csv, @ForAll("bufferSizes") int bufferSize) {
    byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
    assertThat(walk(new ByteArrayInputStream(bytes), bufferSize, true))
        .isEqualTo(walk(new ByteArrayInputStream(bytes), bufferSize, false));
  }

  @Property(tries = 500)
  void bothParsersGiveTheSameFlightsRejectionsAndErrors(
      @ForAll("damagedFiles") String csv, @ForAll("bufferSizes") int bufferSize) {
    byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
    assertThat(readFlights(bytes, bufferSize, true))
        .isEqualTo(readFlights(bytes, bufferSize, false));
  }

  /** Every record as (line, last line, fields), then how the input ended. */
  static List<String> walk(ByteArrayInputStream in, int bufferSize, boolean fast) {
    List<String> out = new ArrayList<>();
    try (CsvCursor cursor = fast ? new ByteCsvCursor(in, bufferSize) : new CommonsCsvCursor(in)) {
      while (cursor.next()) {
        List<String> fields = new ArrayList<>();
        for (int i = 0; i < cursor.fieldCount(); i++) {
          fields.add(cursor.text(i));
        }
        out.add(cursor.line() + "-" + cursor.lastLine() + " " + fields);
      }
      out.add("end, line break: " + cursor.endsWithLineBreak());
    } catch (CsvFormatException e) {
      out.add("error at line " + e.line() + ": " + e.getMessage());
    } catch (IOException e) {
      out.add("other " + e);
    }
    return out;
  }

  static List<String> readFlights(byte[] bytes, int bufferSize, boolean fast) {
    List<String> out = new ArrayList<>();
    try (FlightCsvReader reader =
        new FlightCsvReader(
            fast
                ? new ByteCsvCursor(new ByteArrayInputStream(bytes), bufferSize)
                : new CommonsCsvCursor(new ByteArrayInputStream(bytes)),
            "raw/flights/2015.csv",
            2015,
            r -> out.add("rejected " + r))) {
      for (Flight f = reader.next(); f != null; f = reader.next()) {
        out.add(f.toString());
      }
      out.add("read " + reader.rowsRead() + ", mid-record end " + reader.endsMidRecord());
      out.add(reader.coverage().toString());
    } catch (InvalidInputException e) {
      out.add("exit 3: " + e.getMessage());
    } catch (IOException e) {
      out.add("other " + e);
    }
    return out;
  }

  @Provide
  Arbitrary<Integer> bufferSizes() {
    return Arbitraries.of(4, 5, 16, 1 << 16);
  }

  @Provide
  Arbitrary<String> malformedTexts() {
    Arbitrary<String> piece =
        Arbitraries.oneOf(
            Arbitraries.strings().withChars("a1,\"\r\n \t").ofMaxLength(6),
            Arbitraries.of(
                "\"\"", "\" ", "\"a\"b", "\"a\" ,", "\"a\"\u3000,", "é", "\r\n", "\u00a0"));
    return piece.list().ofMaxSize(12).map(ps -> String.join("", ps));
  }

  @Provide
  Arbitrary<String> damagedFiles() {
    Arbitrary<String> rows =
        Combinators.combine(
                Arbitraries.integers().between(1, 12),
                Arbitraries.integers().between(1, 28),
                Arbitraries.of("ATL", "BOS", "SEA"),
                Arbitraries.of("-4.0", "12", "", "1e400", "-3000", "2880", "x"))
            .as(
                (month, day, origin, delay) ->
                    String.format("2015-%02d-%02d", month, day)
                        + ",AA,1,"
                        + origin
                        + ",ORD,1058,1100.0,"
                        + delay
                        + ",10.0,1110.0,1200.0,5.0,1205,1210.0,5.0,0.0,,0.0,120.0,110.0,100.0,600.0,,,,,,")
            .list()
            .ofMinSize(1)
            .ofMaxSize(6)
            .map(rs -> HEADER + "\n" + String.join("\n", rs) + "\n");
    Arbitrary<String> damage = Arbitraries.of("\"", ",", "\n", "\"\"", "\"x\"y", "\r", "");
    return Combinators.combine(
            rows, damage, Arbitraries.doubles().between(0, 1), Arbitraries.doubles().between(0, 1))
        .as(
            (text, insert, at, cut) -> {
              int header = HEADER.length() + 1;
              int position = header + (int) (at * (text.length() - header));
              String damaged = text.substring(0, position) + insert + text.substring(position);
              int end =
                  cut < 0.3
                      ? header + (int) (cut / 0.3 * (damaged.length() - header))
                      : damaged.length();
              return damaged.substring(0, end);
            });
  }
}
