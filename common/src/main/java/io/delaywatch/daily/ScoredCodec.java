package io.delaywatch.daily;

import io.delaywatch.parquet.ColumnBatch;
import io.delaywatch.parquet.RowCodec;
import io.delaywatch.parquet.RowReader;
import io.delaywatch.parquet.RowWriter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;

/** The scored dataset ({@code scored/airport_anomalies/year=YYYY/anomalies.parquet}). */
public final class ScoredCodec implements RowCodec<ScoredDay> {
  public static final ScoredCodec INSTANCE = new ScoredCodec();

  private static final int F = DailyCodec.FIELDS;
  private static final MessageType SCHEMA =
      DailyCodec.dailyColumns()
          .optional(PrimitiveTypeName.DOUBLE)
          .named("expected_dep_delay")
          .optional(PrimitiveTypeName.DOUBLE)
          .named("lower_bound")
          .optional(PrimitiveTypeName.DOUBLE)
          .named("upper_bound")
          .optional(PrimitiveTypeName.DOUBLE)
          .named("anomaly_score")
          .required(PrimitiveTypeName.BOOLEAN)
          .named("is_anomaly")
          .required(PrimitiveTypeName.BINARY)
          .as(LogicalTypeAnnotation.stringType())
          .named("detector")
          .optional(PrimitiveTypeName.BINARY)
          .as(LogicalTypeAnnotation.stringType())
          .named("anomaly_kind")
          .named("airport_anomalies");

  private ScoredCodec() {}

  @Override
  public MessageType schema() {
    return SCHEMA;
  }

  @Override
  public void write(ScoredDay s, RowWriter out) {
    DailyCodec.INSTANCE.write(s.day(), out);
    out.float64(F, s.expectedDepDelay());
    out.float64(F + 1, s.lowerBound());
    out.float64(F + 2, s.upperBound());
    out.float64(F + 3, s.anomalyScore());
    out.bool(F + 4, s.anomaly());
    out.string(F + 5, s.detector());
    out.string(F + 6, s.kind() == null ? null : s.kind().name());
  }

  @Override
  public ScoredDay read(RowReader in) {
    return new ScoredDay(
        DailyCodec.INSTANCE.read(in),
        in.float64OrNull(F),
        in.float64OrNull(F + 1),
        in.float64OrNull(F + 2),
        in.float64OrNull(F + 3),
        kind(in.bool(F + 4), in.string(F + 6)),
        in.string(F + 5));
  }

  /**
   * Row {@code i} of {@code batch} of this schema's columns, as {@link
   * io.delaywatch.parquet.ParquetRowReader#forEachBatch} fills them, read as {@link
   * #read(RowReader)} reads a record (plot reads the year this way: no record assembly, no object
   * per value).
   */
  public ScoredDay read(ColumnBatch batch, int i) {
    return new ScoredDay(
        DailyCodec.read(batch, i),
        DailyCodec.orNull(batch.doubles(F)[i]),
        DailyCodec.orNull(batch.doubles(F + 1)[i]),
        DailyCodec.orNull(batch.doubles(F + 2)[i]),
        DailyCodec.orNull(batch.doubles(F + 3)[i]),
        kind(batch.bools(F + 4)[i], batch.strings(F + 6)[i]),
        batch.strings(F + 5)[i]);
  }

  private static AnomalyKind kind(boolean flagged, String kind) {
    if (flagged != (kind != null)) {
      throw new IllegalArgumentException(
          "is_anomaly " + flagged + " disagrees with anomaly_kind " + kind);
    }
    return kind == null ? null : AnomalyKind.valueOf(kind);
  }
}
