package io.delaywatch.parquet;

import io.delaywatch.flights.Flight;
import io.delaywatch.flights.FlightCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Staged flights as download lays them into column batches, for tests of the readers. */
public final class StagedBatches {
  private StagedBatches() {}

  /** Puts {@code rows} into {@code batch}, in the staged schema's column order. */
  public static void fill(ColumnBatch batch, List<Flight> rows) {
    int n = 0;
    for (Flight f : rows) {
      batch.ints(0)[n] = f.epochDay();
      batch.strings(1)[n] = f.carrier().isEmpty() ? null : f.carrier();
      batch.strings(2)[n] = f.origin();
      batch.doubles(3)[n] = f.depDelay();
      batch.bools(4)[n] = f.cancelled();
      batch.bools(5)[n] = f.diverted();
      batch.doubles(6)[n] = f.carrierDelay();
      batch.doubles(7)[n] = f.weatherDelay();
      batch.doubles(8)[n] = f.nasDelay();
      batch.doubles(9)[n] = f.securityDelay();
      batch.doubles(10)[n] = f.lateAircraftDelay();
      n++;
    }
    batch.rows(n);
  }

  /** Writes {@code flights} column-wise to {@code file} as one row group, as download does. */
  public static void write(Path file, List<Flight> flights) throws IOException {
    ColumnBatch batch = new ColumnBatch(FlightCodec.INSTANCE.schema(), Math.max(1, flights.size()));
    fill(batch, flights);
    try (ColumnBatchWriter out =
        ColumnBatchWriter.create(file, FlightCodec.INSTANCE.schema(), Map.of())) {
      out.write(batch);
    }
  }
}
