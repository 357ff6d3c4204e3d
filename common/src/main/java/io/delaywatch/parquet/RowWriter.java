package io.delaywatch.parquet;

import java.time.LocalDate;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/** Writes the fields of one record by schema position; not thread-safe, not API beyond codecs. */
public final class RowWriter {
  private final RecordConsumer consumer;
  private final String[] names;

  RowWriter(RecordConsumer consumer, MessageType schema) {
    this.consumer = consumer;
    this.names = new String[schema.getFieldCount()];
    for (int i = 0; i < names.length; i++) {
      names[i] = schema.getFieldName(i);
    }
  }

  public void int32(int field, int value) {
    consumer.startField(names[field], field);
    consumer.addInteger(value);
    consumer.endField(names[field], field);
  }

  /** Writes {@code value}; NaN is written as null. */
  public void float64(int field, double value) {
    if (Double.isNaN(value)) {
      return;
    }
    consumer.startField(names[field], field);
    consumer.addDouble(value);
    consumer.endField(names[field], field);
  }

  /** Writes {@code value}; null is written as null. */
  public void float64(int field, Double value) {
    if (value != null) {
      float64(field, value.doubleValue());
    }
  }

  public void bool(int field, boolean value) {
    consumer.startField(names[field], field);
    consumer.addBoolean(value);
    consumer.endField(names[field], field);
  }

  /** Writes {@code value}; null is written as null. */
  public void string(int field, String value) {
    if (value == null) {
      return;
    }
    consumer.startField(names[field], field);
    consumer.addBinary(Binary.fromString(value));
    consumer.endField(names[field], field);
  }

  /** Writes a DATE (days since 1970-01-01); null is written as null. */
  public void date(int field, LocalDate value) {
    if (value != null) {
      int32(field, (int) value.toEpochDay());
    }
  }

  /** Writes a DATE given as days since 1970-01-01. */
  public void epochDay(int field, int epochDay) {
    int32(field, epochDay);
  }

  void startRecord() {
    consumer.startMessage();
  }

  void endRecord() {
    consumer.endMessage();
  }
}
