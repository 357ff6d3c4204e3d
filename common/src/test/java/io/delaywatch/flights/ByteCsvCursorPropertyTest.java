package io.delaywatch.flights;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The fast scanner against Commons CSV, its reference, on generated CSV text. */
class ByteCsvCursorPropertyTest {

  @Property(tries = 300)
  void fastCursorSplitsAndTypesFieldsExactlyLikeCommonsCsv(
      @ForAll("csvTexts") String csv, @ForAll("bufferSizes") int bufferSize) throws IOException {
    byte[] bytes = csv.getBytes(StandardCharsets.UTF_8);
    List<List<String>> fast = new ArrayList<>();
    List<List<String>> reference = new ArrayList<>();
    try (CsvCursor f = new ByteCsvCursor(new ByteArrayInputStream(bytes), bufferSize);
        CsvCursor c = new CommonsCsvCursor(new ByteArrayInputStream(bytes))) {
      while (true) {
        boolean more = f.next();
        assertThat(c.next()).isEqualTo(more);
        if (!more) {
          break;
        }
        fast.add(fieldsAndTypes(f));
        reference.add(fieldsAndTypes(c));
      }
    }
    assertThat(fast).isEqualTo(reference);
  }

  @Example
  void everyDateOfLeapAndCommonYearsTypesLikeTheReference() throws IOException {
    StringBuilder csv = new StringBuilder();
    int lines = 0;
    for (int year : new int[] {1, 1600, 1900, 1970, 1999, 2000, 2015, 2016, 2100, 9999}) {
      for (int month = 0; month <= 13; month++) {
        for (int day = 0; day <= 32; day++) {
          csv.append(String.format("%04d-%02d-%02d,x%n", year, month, day));
          lines++;
        }
      }
    }
    byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
    int valid = 0;
    try (CsvCursor f = new ByteCsvCursor(new ByteArrayInputStream(bytes));
        CsvCursor c = new CommonsCsvCursor(new ByteArrayInputStream(bytes))) {
      for (int i = 0; i < lines; i++) {
        assertThat(f.next()).isTrue();
        assertThat(c.next()).isTrue();
        String expected = attempt(() -> String.valueOf(c.epochDay(0)));
        assertThat(attempt(() -> String.valueOf(f.epochDay(0)))).as(c.text(0)).isEqualTo(expected);
        valid += expected.equals("error") ? 0 : 1;
      }
    }
    // 365 real dates a year, 366 in the leap years 1600, 2000 and 2016 (not 1900 or 2100).
    assertThat(valid).isEqualTo(10 * 365 + 3);
  }

  /** Each field's text followed by how it types as a number, a date, a code and a flag. */
  private static List<String> fieldsAndTypes(CsvCursor cursor) {
    List<String> out = new ArrayList<>();
    for (int field = 0; field < cursor.fieldCount(); field++) {
      int i = field;
      out.add(cursor.text(i));
      out.add(String.valueOf(cursor.isEmpty(i)));
      out.add(attempt(() -> String.valueOf(Double.doubleToRawLongBits(cursor.number(i)))));
      out.add(attempt(() -> String.valueOf(cursor.epochDay(i))));
      out.add(cursor.code(i));
      out.add(String.valueOf(cursor.flag(i)));
    }
    return out;
  }

  private static String attempt(java.util.function.Supplier<String> typed) {
    try {
      return typed.get();
    } catch (RuntimeException e) {
      return "error";
    }
  }

  @Provide
  Arbitrary<Integer> bufferSizes() {
    return Arbitraries.of(4, 7, 16, 64, 1 << 16);
  }

  @Provide
  Arbitrary<String> csvTexts() {
    Arbitrary<String> plain =
        Arbitraries.oneOf(
            Arbitraries.of(
                "",
                "0",
                "0.0",
                "1.0",
                "1",
                "0.00",
                "1.5",
                "2.0",
                "0.1",
                "10",
                "TRUE",
                " false",
                "-4.0",
                "1058.0",
                "12",
                "-0.0",
                "3.25",
                "1e3",
                "+7",
                ".5",
                "5.",
                "NaN",
                "1f",
                " 12 ",
                "007",
                "123456789012345678",
                "2015-01-31",
                "2015-02-30",
                "2016-02-29",
                "2015-02-29",
                "2000-02-29",
                "1900-02-29",
                "2015-12-31",
                "2015-03-01",
                "2015-13-01",
                "2015-00-10",
                "2015-04-31",
                "0000-01-01",
                "0001-01-01",
                "1969-12-31",
                "9999-12-31",
                "1/31/2015",
                "2015-01-31 00:00:00",
                "ATL",
                "AA",
                "XYZW",
                "Unnamed: 27"),
            Arbitraries.strings().withChars("abc019-. ,\"\r\n").ofMaxLength(8));
    Arbitrary<String> field =
        Arbitraries.oneOf(
            plain.filter(
                s ->
                    !s.contains(",")
                        && !s.contains("\"")
                        && !s.contains("\n")
                        && !s.contains("\r")),
            plain.map(s -> "\"" + s.replace("\"", "\"\"") + "\""));
    Arbitrary<String> record =
        field.list().ofMinSize(1).ofMaxSize(6).map(fs -> String.join(",", fs));
    Arbitrary<String> ending = Arbitraries.of("\n", "\r\n");
    return Combinators.combine(
            record.list().ofMinSize(1).ofMaxSize(8), ending, Arbitraries.of(true, false))
        .as(
            (records, eol, finalEol) -> {
              List<String> nonEmpty = records.stream().filter(r -> !r.isEmpty()).toList();
              return String.join(eol, nonEmpty) + (finalEol && !nonEmpty.isEmpty() ? eol : "");
            });
  }
}
