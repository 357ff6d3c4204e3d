package io.delaywatch.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delaywatch.daily.AnomalyKind;
import io.delaywatch.daily.DailyAirportStats;
import io.delaywatch.daily.DailyCodec;
import io.delaywatch.daily.ScoredCodec;
import io.delaywatch.daily.ScoredDay;
import io.delaywatch.flights.Flight;
import io.delaywatch.flights.FlightCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetRoundTripTest {
  @TempDir Path dir;

  @Test
  void flightsSurviveTheRoundTripWithAbsentNumbersStillAbsent() throws IOException {
    Random random = new Random(7);
    List<Flight> flights = new ArrayList<>();
    String[] airports = {"ATL", "ORD", "BOS", "XWA"};
    for (int i = 0; i < 10_000; i++) {
      boolean cancelled = random.nextInt(50) == 0;
      flights.add(
          new Flight(
              16_436 + random.nextInt(365),
              i % 7 == 0 ? "" : "AA",
              airports[random.nextInt(airports.length)],
              cancelled ? Double.NaN : random.nextInt(200) - 20,
              cancelled,
              random.nextInt(300) == 0,
              random.nextBoolean() ? Double.NaN : random.nextInt(60),
              Double.NaN,
              random.nextInt(9),
              0.0,
              -0.0));
    }
    Path file = dir.resolve("flights.parquet");
    try (ParquetRowWriter<Flight> out =
        ParquetRowWriter.create(file, FlightCodec.INSTANCE, Map.of("run_id", "r1"))) {
      flights.forEach(out::write);
      assertThat(out.rows()).isEqualTo(10_000);
    }

    assertThat(ParquetRowReader.readAll(file, FlightCodec.INSTANCE)).isEqualTo(flights);
    assertThat(ParquetRowReader.rowCount(file)).isEqualTo(10_000);
  }

  @Test
  void scoredRowsKeepNullsAndTheDailyColumnsReadBackAsDaily() throws IOException {
    DailyAirportStats closed =
        new DailyAirportStats(
            "BOS", LocalDate.of(2015, 1, 27), 120, 0, 120, 0, null, null, 0, 0, 0, 0, 0);
    DailyAirportStats normal =
        new DailyAirportStats(
            "BOS", LocalDate.of(2015, 1, 28), 300, 290, 10, 2, 12.5, 0.21, 10, 20, 30, 0, 40);
    List<ScoredDay> scored =
        List.of(
            new ScoredDay(closed, 9.0, null, 31.0, 12.0, AnomalyKind.CANCELLATIONS, "robust"),
            new ScoredDay(normal, null, null, null, null, null, "robust"));
    Path file = dir.resolve("scored.parquet");
    try (ParquetRowWriter<ScoredDay> out =
        ParquetRowWriter.create(file, ScoredCodec.INSTANCE, Map.of())) {
      scored.forEach(out::write);
    }

    assertThat(ParquetRowReader.readAll(file, ScoredCodec.INSTANCE)).isEqualTo(scored);
    assertThat(ParquetRowReader.readAll(file, DailyCodec.INSTANCE)).containsExactly(closed, normal);
  }

  @Test
  void scoredRowsReadColumnWiseAreTheRowsTheRecordReaderReads() throws IOException {
    // plot reads the scored year through forEachBatch and ScoredCodec.read(batch, i): every value,
    // null and kind as the record reader gives them, across batches.
    java.util.Random random = new java.util.Random(5);
    AnomalyKind[] kinds = AnomalyKind.values();
    List<ScoredDay> scored = new java.util.ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      boolean departed = random.nextInt(20) > 0;
      DailyAirportStats day =
          new DailyAirportStats(
              "A" + random.nextInt(30),
              LocalDate.of(2015, 1, 1).plusDays(random.nextInt(365)),
              random.nextInt(900),
              departed ? random.nextInt(800) : 0,
              random.nextInt(50),
              random.nextInt(3),
              departed ? random.nextGaussian() * 30 : null,
              departed ? random.nextDouble() : null,
              random.nextInt(1000),
              random.nextDouble() * 100,
              random.nextInt(5),
              0,
              random.nextDouble());
      boolean baseline = random.nextInt(10) > 0;
      AnomalyKind kind = random.nextInt(8) == 0 ? kinds[random.nextInt(kinds.length)] : null;
      scored.add(
          new ScoredDay(
              day,
              baseline ? random.nextGaussian() * 10 : null,
              baseline && random.nextBoolean() ? -random.nextDouble() * 40 : null,
              baseline ? random.nextDouble() * 40 : null,
              baseline ? random.nextGaussian() * 3 : null,
              kind,
              random.nextBoolean() ? "robust" : "zscore"));
    }
    Path file = dir.resolve("scored.parquet");
    try (ParquetRowWriter<ScoredDay> out =
        ParquetRowWriter.create(file, ScoredCodec.INSTANCE, Map.of())) {
      scored.forEach(out::write);
    }
    List<ScoredDay> columnWise = new java.util.ArrayList<>();

    long rows =
        ParquetRowReader.forEachBatch(
            file,
            "scored",
            ScoredCodec.INSTANCE.schema(),
            777,
            batch -> {
              for (int i = 0; i < batch.rows(); i++) {
                columnWise.add(ScoredCodec.INSTANCE.read(batch, i));
              }
            });

    assertThat(rows).isEqualTo(scored.size());
    assertThat(columnWise).isEqualTo(scored);
    assertThat(columnWise).isEqualTo(ParquetRowReader.readAll(file, ScoredCodec.INSTANCE));
  }

  @Test
  void readingAFileWithoutTheCodecsColumnsNamesTheMissingColumn() throws IOException {
    Path file = dir.resolve("daily.parquet");
    try (ParquetRowWriter<DailyAirportStats> out =
        ParquetRowWriter.create(file, DailyCodec.INSTANCE, Map.of())) {
      out.write(
          new DailyAirportStats(
              "BOS", LocalDate.of(2015, 1, 28), 1, 1, 0, 0, 1.0, 0.0, 0, 0, 0, 0, 0));
    }

    assertThatThrownBy(() -> ParquetRowReader.readAll(file, ScoredCodec.INSTANCE))
        .hasMessage(
            file
                + ": Parquet file has no column 'expected_dep_delay' (has [airport, flight_date,"
                + " flights, departed, cancelled, diverted, avg_dep_delay, delayed_15_share,"
                + " carrier_delay_min, weather_delay_min, nas_delay_min, security_delay_min,"
                + " late_aircraft_delay_min])");
  }
}
