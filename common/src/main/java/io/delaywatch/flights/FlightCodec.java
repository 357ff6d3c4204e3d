package io.delaywatch.flights;

import io.delaywatch.parquet.RowCodec;
import io.delaywatch.parquet.RowReader;
import io.delaywatch.parquet.RowWriter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/** The staged flights dataset ({@code staged/flights/year=YYYY/flights.parquet}). */
public final class FlightCodec implements RowCodec<Flight> {
  public static final FlightCodec INSTANCE = new FlightCodec();

  private static final MessageType SCHEMA =
      Types.buildMessage()
          .required(PrimitiveTypeName.INT32)
          .as(LogicalTypeAnnotation.dateType())
          .named("flight_date")
          .optional(PrimitiveTypeName.BINARY)
          .as(LogicalTypeAnnotation.stringType())
          .named("carrier")
          .required(PrimitiveTypeName.BINARY)
          .as(LogicalTypeAnnotation.stringType())
          .named("origin")
          .optional(PrimitiveTypeName.DOUBLE)
          .named("dep_delay")
          .required(PrimitiveTypeName.BOOLEAN)
          .named("cancelled")
          .required(PrimitiveTypeName.BOOLEAN)
          .named("diverted")
          .optional(PrimitiveTypeName.DOUBLE)
          .named("carrier_delay")
          .optional(PrimitiveTypeName.DOUBLE)
          .named("weather_delay")
          .optional(PrimitiveTypeName.DOUBLE)
          .named("nas_delay")
          .optional(PrimitiveTypeName.DOUBLE)
          .named("security_delay")
          .optional(PrimitiveTypeName.DOUBLE)
          .named("late_aircraft_delay")
          .named("flight");

  /**
   * Reads staged flights without the carrier column (every {@link Flight#carrier()} is empty): what
   * the daily aggregate needs, so transform skips decoding a column it never uses. Read only;
   * {@code write} throws {@link UnsupportedOperationException}.
   */
  // After SCHEMA: the projection is built from it.
  public static final RowCodec<Flight> WITHOUT_CARRIER = new WithoutCarrier();

  private FlightCodec() {}

  @Override
  public MessageType schema() {
    return SCHEMA;
  }

  @Override
  public void write(Flight f, RowWriter out) {
    out.epochDay(0, f.epochDay());
    out.string(1, f.carrier().isEmpty() ? null : f.carrier());
    out.string(2, f.origin());
    out.float64(3, f.depDelay());
    out.bool(4, f.cancelled());
    out.bool(5, f.diverted());
    out.float64(6, f.carrierDelay());
    out.float64(7, f.weatherDelay());
    out.float64(8, f.nasDelay());
    out.float64(9, f.securityDelay());
    out.float64(10, f.lateAircraftDelay());
  }

  @Override
  public Flight read(RowReader in) {
    String carrier = in.string(1);
    return new Flight(
        in.epochDay(0),
        carrier == null ? "" : carrier,
        in.string(2),
        in.float64(3),
        in.bool(4),
        in.bool(5),
        in.float64(6),
        in.float64(7),
        in.float64(8),
        in.float64(9),
        in.float64(10));
  }

  private static final class WithoutCarrier implements RowCodec<Flight> {
    private static final MessageType PROJECTED =
        new MessageType(
            SCHEMA.getName(),
            SCHEMA.getFields().stream().filter(f -> !f.getName().equals("carrier")).toList());

    @Override
    public MessageType schema() {
      return PROJECTED;
    }

    @Override
    public void write(Flight row, RowWriter out) {
      throw new UnsupportedOperationException("a read-only projection");
    }

    @Override
    public Flight read(RowReader in) {
      return new Flight(
          in.epochDay(0),
          "",
          in.string(1),
          in.float64(2),
          in.bool(3),
          in.bool(4),
          in.float64(5),
          in.float64(6),
          in.float64(7),
          in.float64(8),
          in.float64(9));
    }
  }
}
