package io.delaywatch.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.delaywatch.flights.ByteCsvCursor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlightGeneratorOptionsTest {
  @TempDir Path dir;

  private static GeneratorConfig small(long seed, boolean crlf, boolean gzip) {
    return new GeneratorConfig(2016, 5, 5_000, seed, crlf, gzip);
  }

  @Test
  void theSameSeedGivesByteIdenticalFiles() throws IOException {
    GenerationResult first = FlightGenerator.generate(small(42, false, false), dir.resolve("a"));
    GenerationResult second = FlightGenerator.generate(small(42, false, false), dir.resolve("b"));

    assertThat(Files.mismatch(first.flights(), second.flights())).isEqualTo(-1);
    assertThat(Files.mismatch(first.labels(), second.labels())).isEqualTo(-1);
  }

  @Test
  void anotherSeedGivesAnotherYear() throws IOException {
    GenerationResult first = FlightGenerator.generate(small(42, false, false), dir.resolve("a"));
    GenerationResult other = FlightGenerator.generate(small(43, false, false), dir.resolve("b"));

    assertThat(Files.mismatch(first.flights(), other.flights())).isNotEqualTo(-1);
    assertThat(Labels.read(first.labels())).isNotEqualTo(Labels.read(other.labels()));
  }

  @Test
  void thePlantedDaysDoNotMoveWithTheRowCount() throws IOException {
    GenerationResult smaller = FlightGenerator.generate(small(42, false, false), dir.resolve("a"));
    GenerationResult bigger =
        FlightGenerator.generate(
            new GeneratorConfig(2016, 5, 20_000, 42, false, false), dir.resolve("b"));

    // Same plan; a smaller file only loses the labels of collapsed days left without a row.
    assertThat(Labels.read(bigger.labels())).containsAll(Labels.read(smaller.labels()));
  }

  @Test
  void endsLinesWithLineFeedsUnlessAskedForCrLf() throws IOException {
    Path lfFile = FlightGenerator.generate(small(1, false, false), dir.resolve("lf")).flights();
    Path crlfFile = FlightGenerator.generate(small(1, true, false), dir.resolve("crlf")).flights();
    String lf = Files.readString(lfFile);
    String crlf = Files.readString(crlfFile);

    assertThat(lf).doesNotContain("\r").endsWith(",\n");
    assertThat(crlf.split("\r\n", -1)).hasSize(lf.split("\n", -1).length);
    assertThat(crlf.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
    assertThat(crlf.replace("\r\n", "\n")).isEqualTo(lf);
  }

  @Test
  void gzipWritesTheSameRowsCompressed() throws IOException {
    GenerationResult plain = FlightGenerator.generate(small(1, false, false), dir.resolve("plain"));
    GenerationResult gzip = FlightGenerator.generate(small(1, false, true), dir.resolve("gzip"));

    assertThat(gzip.flights().getFileName()).hasToString("2016.csv.gz");
    try (InputStream in = new GZIPInputStream(Files.newInputStream(gzip.flights()))) {
      assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(plain.flights()));
    }
    YearTotals read = YearTotals.read(gzip.flights(), 2016, ByteCsvCursor::new);
    assertThat(read.rejections).isEmpty();
    assertThat(read.rowsRead).isEqualTo(gzip.rows());
  }

  @Test
  void aNewVariantOfTheYearReplacesTheOldOneAndLeavesNoPartialFile() throws IOException {
    FlightGenerator.generate(small(1, false, false), dir);
    FlightGenerator.generate(small(1, false, true), dir);

    assertThat(dir.toFile().list()).containsExactlyInAnyOrder("2016.csv.gz", "2016.labels.csv");
  }

  @Test
  void aSingleAirportFliesToTheRestOfTheCatalog() throws IOException {
    GenerationResult one =
        FlightGenerator.generate(new GeneratorConfig(2016, 1, 2_000, 1, false, false), dir);

    YearTotals read = YearTotals.read(one.flights(), 2016, ByteCsvCursor::new);
    assertThat(read.rejections).isEmpty();
    assertThat(read.byAirport.keySet()).containsExactly("ATL");
    assertThat(Files.readAllLines(one.flights(), StandardCharsets.US_ASCII).stream().skip(1))
        .allSatisfy(line -> assertThat(line.split(",")[4]).isNotEqualTo("ATL"));
  }

  @Test
  void theWholeCatalogIsReadWithoutRejections() throws IOException {
    GenerationResult all =
        FlightGenerator.generate(
            new GeneratorConfig(2016, GeneratorConfig.MAX_AIRPORTS, 300_000, 1, false, false), dir);

    YearTotals read = YearTotals.read(all.flights(), 2016, ByteCsvCursor::new);
    assertThat(read.rejections).isEmpty();
    assertThat(read.byAirport).containsKeys("ATL", "HNL", "ANC", "SJU", "GUM", "BGM", "OTH", "CDC");
    assertThat(all.airports()).isEqualTo(read.byAirport.size());
  }
}
