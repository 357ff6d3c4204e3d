package io.delaywatch.parquet;

import org.apache.parquet.schema.MessageType;

/**
 * How one kind of row is stored in Parquet: its schema, how to write a row, how to rebuild it.
 *
 * <p>Field indexes used by {@link #write} and {@link #read} are positions in {@link #schema()}.
 * Implementations are stateless and thread-safe.
 *
 * @param <T> the row type
 */
public interface RowCodec<T> {

  /** The Parquet schema; reading projects a file onto it by column name. */
  MessageType schema();

  /** Writes one row's fields; a field left unwritten is null (it must be optional). */
  void write(T row, RowWriter out);

  /** Builds one row from the current record's fields. */
  T read(RowReader in);
}
