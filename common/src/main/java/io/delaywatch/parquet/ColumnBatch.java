package io.delaywatch.parquet;

import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Rows of a flat schema held column by column in primitive arrays, for {@link ColumnBatchWriter}:
 * INT32 in {@code int[]}, DOUBLE in {@code double[]} (NaN = null), BOOLEAN in {@code boolean[]},
 * BINARY strings in {@code String[]} (null = null). Filled by index by whoever produces the rows;
 * not thread-safe.
 */
public final class ColumnBatch {
  private final MessageType schema;
  private final Object[] columns;
  private int rows;

  public ColumnBatch(MessageType schema, int capacity) {
    this.schema = schema;
    this.columns = new Object[schema.getFieldCount()];
    for (int i = 0; i < columns.length; i++) {
      Type field = schema.getType(i);
      if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
        throw new IllegalArgumentException("not a flat column: " + field);
      }
      PrimitiveType.PrimitiveTypeName type = field.asPrimitiveType().getPrimitiveTypeName();
      columns[i] =
          switch (type) {
            case INT32 -> new int[capacity];
            case DOUBLE -> new double[capacity];
            case BOOLEAN -> new boolean[capacity];
            case BINARY -> new String[capacity];
            default -> throw new IllegalArgumentException("column type not supported: " + field);
          };
    }
  }

  public MessageType schema() {
    return schema;
  }

  public int capacity() {
    return java.lang.reflect.Array.getLength(columns[0]);
  }

  /** Rows filled, from index 0. */
  public int rows() {
    return rows;
  }

  public void rows(int rows) {
    if (rows < 0 || rows > capacity()) {
      throw new IllegalArgumentException("rows " + rows + " outside 0.." + capacity());
    }
    this.rows = rows;
  }

  /**
   * Copies rows [from, from + n) of {@code other} (of the same schema) after this batch's rows.
   *
   * @throws IllegalArgumentException when they do not fit
   */
  public void append(ColumnBatch other, int from, int n) {
    if (!other.schema.equals(schema) || rows + n > capacity() || from + n > other.rows) {
      throw new IllegalArgumentException(
          "cannot append " + n + " rows at " + from + " to " + rows + " of " + capacity());
    }
    for (int c = 0; c < columns.length; c++) {
      System.arraycopy(other.columns[c], from, columns[c], rows, n);
    }
    rows += n;
  }

  public int[] ints(int column) {
    return (int[]) columns[column];
  }

  public double[] doubles(int column) {
    return (double[]) columns[column];
  }

  public boolean[] bools(int column) {
    return (boolean[]) columns[column];
  }

  public String[] strings(int column) {
    return (String[]) columns[column];
  }

  Object column(int column) {
    return columns[column];
  }
}
