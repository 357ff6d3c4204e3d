package io.delaywatch.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.delaywatch.flights.Flight;
import io.delaywatch.flights.FlightCodec;
import io.delaywatch.task.InvalidInputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The column-wise writer against parquet-java's own record reader, footer and statistics. */
class ColumnBatchWriterTest {
  @TempDir Path dir;

  private static final String[] CODES = {"ATL", "ORD", "DFW", "ÅRE", "JFK", "B6", "LAX1"};

  /** Flights with every kind of value: nulls, zeros of both signs, pages and row groups cut. */
  private static List<Flight> flights(int n, long seed) {
    Random random = new Random(seed);
    List<Flight> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          new Flight(
              16436 + random.nextInt(365),
              random.nextInt(5) == 0 ? "" : CODES[random.nextInt(CODES.length)],
              CODES[random.nextInt(CODES.length)],
              value(random),
              random.nextBoolean(),
              random.nextInt(50) == 0,
              value(random),
              value(random),
              value(random),
              value(random),
              value(random)));
    }
    return out;
  }

  private static double value(Random random) {
    return switch (random.nextInt(6)) {
      case 0 -> Double.NaN;
      case 1 -> -0.0;
      case 2 -> 0.0;
      case 3 -> random.nextInt(4000) - 100;
      default -> random.nextGaussian() * 30;
    };
  }

  private Path write(List<List<Flight>> rowGroups) throws IOException {
    Path file = dir.resolve("flights.parquet");
    int capacity = rowGroups.stream().mapToInt(List::size).max().orElse(0);
    ColumnBatch batch = new ColumnBatch(FlightCodec.INSTANCE.schema(), Math.max(1, capacity));
    try (ColumnBatchWriter out =
        ColumnBatchWriter.create(file, FlightCodec.INSTANCE.schema(), Map.of("k", "v"))) {
      for (List<Flight> rows : rowGroups) {
        StagedBatches.fill(batch, rows);
        out.write(batch);
      }
    }
    return file;
  }

  @Test
  void parquetJavaReadsBackEveryRowAcrossPagesAndRowGroups() throws IOException {
    List<Flight> first = flights(ColumnBatchWriter.PAGE_ROWS * 2 + 17, 1);
    List<Flight> second = flights(5, 2);
    Path file = write(List.of(first, List.of(), second));

    List<Flight> expected = new ArrayList<>(first);
    expected.addAll(second);
    // Records compare doubles as Double.compare does: NaN equals NaN, -0.0 is not 0.0.
    assertThat(ParquetRowReader.readAll(file, FlightCodec.INSTANCE)).isEqualTo(expected);
    try (ParquetFileReader footer = footer(file)) {
      assertThat(footer.getFooter().getBlocks()).hasSize(2);
      assertThat(footer.getFileMetaData().getKeyValueMetaData()).containsEntry("k", "v");
    }
  }

  @Test
  void batchesReadBackColumnByColumnAsWritten() throws IOException {
    List<Flight> rows = flights(ColumnBatchWriter.PAGE_ROWS + 3, 3);
    Path file = write(List.of(rows));
    List<Flight> read = new ArrayList<>();

    long count =
        ParquetRowReader.forEachBatch(
            file,
            "s3://lake/f.parquet",
            FlightCodec.INSTANCE.schema(),
            1000,
            b -> addRows(read, b));

    assertThat(count).isEqualTo(rows.size());
    assertThat(read).isEqualTo(rows);
  }

  /** The flights of a batch of FlightCodec's columns, as the writer was given them. */
  private static void addRows(List<Flight> out, ColumnBatch b) {
    for (int i = 0; i < b.rows(); i++) {
      String carrier = b.strings(1)[i];
      out.add(
          new Flight(
              b.ints(0)[i],
              carrier == null ? "" : carrier,
              b.strings(2)[i],
              b.doubles(3)[i],
              b.bools(4)[i],
              b.bools(5)[i],
              b.doubles(6)[i],
              b.doubles(7)[i],
              b.doubles(8)[i],
              b.doubles(9)[i],
              b.doubles(10)[i]));
    }
  }

  private static List<List<Flight>> rowGroups(int... sizes) {
    List<List<Flight>> groups = new ArrayList<>();
    for (int g = 0; g < sizes.length; g++) {
      groups.add(flights(sizes[g], 100 + g));
    }
    return groups;
  }

  private static List<Thread> decoders() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("parquet-decode"))
        .toList();
  }

  @Test
  @Timeout(60)
  void rowGroupsDecodedOnTwoThreadsComeInFileOrderToTheCallingThread() throws IOException {
    // Uneven row groups, batches that neither divide them nor fit them: the order is the file's.
    List<List<Flight>> groups = rowGroups(3000, 1, 2500, 4097, 10, 999);
    Path file = write(groups);
    List<Flight> read = new ArrayList<>();
    Set<Thread> actors = new HashSet<>();

    long count =
        ParquetRowReader.forEachBatch(
            file,
            "f",
            FlightCodec.INSTANCE.schema(),
            1000,
            b -> {
              actors.add(Thread.currentThread());
              addRows(read, b);
            });

    assertThat(read).isEqualTo(groups.stream().flatMap(List::stream).toList());
    assertThat(count).isEqualTo(read.size());
    assertThat(actors).containsExactly(Thread.currentThread());
    assertThat(decoders()).isEmpty();
  }

  @Test
  @Timeout(60)
  void aFailingActionStopsTheDecodersAndIsThrownAsItWas() throws IOException {
    Path file = write(rowGroups(3000, 3000, 3000, 3000, 3000));
    IllegalStateException failure = new IllegalStateException("the action failed");
    int[] calls = {0};

    assertThatThrownBy(
            () ->
                ParquetRowReader.forEachBatch(
                    file,
                    "f",
                    FlightCodec.INSTANCE.schema(),
                    1000,
                    b -> {
                      if (++calls[0] == 3) {
                        throw failure;
                      }
                    }))
        .isSameAs(failure);
    assertThat(calls[0]).isEqualTo(3);
    assertThat(decoders()).isEmpty();
  }

  @Test
  @Timeout(60)
  void aCorruptRowGroupOnTheSecondDecoderIsReportedAfterTheRowsBeforeIt() throws IOException {
    // Row groups after the corrupt one, on both decoders: the read ends at the corrupt one.
    List<List<Flight>> groups = rowGroups(2000, 2000, 2000, 2000, 2000, 2000);
    Path file = write(groups);
    long chunk;
    try (ParquetFileReader footer = footer(file)) {
      chunk = column(footer.getFooter().getBlocks().get(3), "dep_delay").getStartingPos();
    }
    // Row group 3 (the second decoder's second of three): its dep_delay page header overwritten.
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
      byte[] junk = new byte[16];
      Arrays.fill(junk, (byte) 0xff);
      out.write(ByteBuffer.wrap(junk), chunk);
    }
    List<Flight> read = new ArrayList<>();

    assertThatThrownBy(
            () ->
                ParquetRowReader.forEachBatch(
                    file,
                    "s3://lake/f.parquet",
                    FlightCodec.INSTANCE.schema(),
                    700,
                    b -> addRows(read, b)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("s3://lake/f.parquet: cannot be read as Parquet: ");
    assertThat(read).isEqualTo(groups.subList(0, 3).stream().flatMap(List::stream).toList());
    assertThat(decoders()).isEmpty();
  }

  @Test
  void columnChunkStatisticsAreExact() throws IOException {
    List<Flight> rows = flights(ColumnBatchWriter.PAGE_ROWS + 100, 4);
    Path file = write(List.of(rows));

    try (ParquetFileReader footer = footer(file)) {
      BlockMetaData block = footer.getFooter().getBlocks().get(0);
      ColumnChunkMetaData delay = column(block, "dep_delay");
      Statistics<?> stats = delay.getStatistics();
      double min =
          rows.stream()
              .mapToDouble(Flight::depDelay)
              .filter(d -> !Double.isNaN(d))
              .min()
              .orElseThrow();
      double max =
          rows.stream()
              .mapToDouble(Flight::depDelay)
              .filter(d -> !Double.isNaN(d))
              .max()
              .orElseThrow();
      assertThat(stats.genericGetMin()).isEqualTo(min);
      assertThat(stats.genericGetMax()).isEqualTo(max);
      assertThat(stats.getNumNulls())
          .isEqualTo(rows.stream().filter(f -> Double.isNaN(f.depDelay())).count());
      Statistics<?> origin = column(block, "origin").getStatistics();
      assertThat(origin.minAsString()).isEqualTo("ATL");
      assertThat(origin.maxAsString()).isEqualTo("ÅRE");
      assertThat(origin.getNumNulls()).isZero();
      Statistics<?> carrier = column(block, "carrier").getStatistics();
      assertThat(carrier.getNumNulls())
          .isEqualTo(rows.stream().filter(f -> f.carrier().isEmpty()).count());
      Statistics<?> date = column(block, "flight_date").getStatistics();
      assertThat(date.genericGetMin())
          .isEqualTo(rows.stream().mapToInt(Flight::epochDay).min().orElseThrow());
    }
  }

  @Test
  void aColumnWithMoreDistinctStringsThanTheDictionaryHoldsIsWrittenPlain() throws IOException {
    MessageType schema =
        Types.buildMessage().optional(PrimitiveTypeName.BINARY).named("s").named("strings");
    int n = ColumnBatchWriter.MAX_DICTIONARY + 10;
    ColumnBatch batch = new ColumnBatch(schema, n);
    for (int i = 0; i < n; i++) {
      batch.strings(0)[i] = i % 7 == 0 ? null : "v" + i;
    }
    batch.rows(n);
    Path file = dir.resolve("strings.parquet");
    try (ColumnBatchWriter out = ColumnBatchWriter.create(file, schema, Map.of())) {
      out.write(batch);
    }
    List<String> read = new ArrayList<>();

    ParquetRowReader.forEachBatch(
        file,
        "f",
        schema,
        4096,
        b -> {
          for (int i = 0; i < b.rows(); i++) {
            read.add(b.strings(0)[i]);
          }
        });

    assertThat(read).containsExactly(batch.strings(0));
  }

  private static ColumnChunkMetaData column(BlockMetaData block, String name) {
    return block.getColumns().stream()
        .filter(c -> c.getPath().toDotString().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private static ParquetFileReader footer(Path file) throws IOException {
    return ParquetFileReader.open(
        new LocalInputFile(file),
        ParquetReadOptions.builder(new PlainParquetConfiguration())
            .withCodecFactory(SnappyCodecFactory.INSTANCE)
            .build());
  }
}
