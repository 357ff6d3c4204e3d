package io.delaywatch.parquet;

import java.time.LocalDate;

/**
 * The fields of the record being read, by position in the codec's schema. Valid only inside {@link
 * RowCodec#read}; not thread-safe.
 */
public final class RowReader {
  final long[] longs;
  final double[] doubles;
  final String[] strings;
  final boolean[] present;

  RowReader(int fields) {
    longs = new long[fields];
    doubles = new double[fields];
    strings = new String[fields];
    present = new boolean[fields];
  }

  public boolean isNull(int field) {
    return !present[field];
  }

  public int int32(int field) {
    return (int) longs[field];
  }

  /** The value, or NaN when null. */
  public double float64(int field) {
    return present[field] ? doubles[field] : Double.NaN;
  }

  /** The value, or null. */
  public Double float64OrNull(int field) {
    return present[field] ? doubles[field] : null;
  }

  public boolean bool(int field) {
    return longs[field] != 0;
  }

  /** The value, or null. */
  public String string(int field) {
    return present[field] ? strings[field] : null;
  }

  /** The DATE value, or null. */
  public LocalDate date(int field) {
    return present[field] ? LocalDate.ofEpochDay(longs[field]) : null;
  }

  /** The DATE value as days since 1970-01-01 (undefined when null). */
  public int epochDay(int field) {
    return (int) longs[field];
  }

  void clear() {
    java.util.Arrays.fill(present, false);
  }
}
