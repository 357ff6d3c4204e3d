package io.delaywatch.daily;

import io.delaywatch.parquet.ColumnBatch;
import io.delaywatch.parquet.RowCodec;
import io.delaywatch.parquet.RowReader;
import io.delaywatch.parquet.RowWriter;
import java.time.LocalDate;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/** The daily dataset ({@code daily/airport_daily/year=YYYY/airport_daily.parquet}). */
public final class DailyCodec implements RowCodec<DailyAirportStats> {
  public static final DailyCodec INSTANCE = new DailyCodec();

  /** The daily columns, in order; the scored schema starts with them. */
  static Types.GroupBuilder<MessageType> dailyColumns() {
    return Types.buildMessage()
        .required(PrimitiveTypeName.BINARY)
        .as(LogicalTypeAnnotation.stringType())
        .named("airport")
        .required(PrimitiveTypeName.INT32)
        .as(LogicalTypeAnnotation.dateType())
        .named("flight_date")
        .required(PrimitiveTypeName.INT32)
        .named("flights")
        .required(PrimitiveTypeName.INT32)
        .named("departed")
        .required(PrimitiveTypeName.INT32)
        .named("cancelled")
        .required(PrimitiveTypeName.INT32)
        .named("diverted")
        .optional(PrimitiveTypeName.DOUBLE)
        .named("avg_dep_delay")
        .optional(PrimitiveTypeName.DOUBLE)
        .named("delayed_15_share")
        .required(PrimitiveTypeName.DOUBLE)
        .named("carrier_delay_min")
        .required(PrimitiveTypeName.DOUBLE)
        .named("weather_delay_min")
        .required(PrimitiveTypeName.DOUBLE)
        .named("nas_delay_min")
        .required(PrimitiveTypeName.DOUBLE)
        .named("security_delay_min")
        .required(PrimitiveTypeName.DOUBLE)
        .named("late_aircraft_delay_min");
  }

  static final int FIELDS = 13;
  private static final MessageType SCHEMA = dailyColumns().named("airport_daily");

  private DailyCodec() {}

  @Override
  public MessageType schema() {
    return SCHEMA;
  }

  @Override
  public void write(DailyAirportStats d, RowWriter out) {
    out.string(0, d.airport());
    out.date(1, d.flightDate());
    out.int32(2, d.flights());
    out.int32(3, d.departed());
    out.int32(4, d.cancelled());
    out.int32(5, d.diverted());
    out.float64(6, d.avgDepDelay());
    out.float64(7, d.delayed15Share());
    out.float64(8, d.carrierDelayMin());
    out.float64(9, d.weatherDelayMin());
    out.float64(10, d.nasDelayMin());
    out.float64(11, d.securityDelayMin());
    out.float64(12, d.lateAircraftDelayMin());
  }

  /**
   * Row {@code i} of {@code batch}, whose first columns are this schema's (as {@link
   * io.delaywatch.parquet.ParquetRowReader#forEachBatch} fills them: NaN for null), read as {@link
   * #read(RowReader)} reads a record.
   */
  static DailyAirportStats read(ColumnBatch batch, int i) {
    return new DailyAirportStats(
        batch.strings(0)[i],
        LocalDate.ofEpochDay(batch.ints(1)[i]),
        batch.ints(2)[i],
        batch.ints(3)[i],
        batch.ints(4)[i],
        batch.ints(5)[i],
        orNull(batch.doubles(6)[i]),
        orNull(batch.doubles(7)[i]),
        batch.doubles(8)[i],
        batch.doubles(9)[i],
        batch.doubles(10)[i],
        batch.doubles(11)[i],
        batch.doubles(12)[i]);
  }

  /** A batch's double as a nullable value: NaN stands for null there. */
  static Double orNull(double value) {
    return Double.isNaN(value) ? null : value;
  }

  @Override
  public DailyAirportStats read(RowReader in) {
    return new DailyAirportStats(
        in.string(0),
        in.date(1),
        in.int32(2),
        in.int32(3),
        in.int32(4),
        in.int32(5),
        in.float64OrNull(6),
        in.float64OrNull(7),
        in.float64(8),
        in.float64(9),
        in.float64(10),
        in.float64(11),
        in.float64(12));
  }
}
