package io.delaywatch.parquet;

import io.delaywatch.task.InvalidInputException;
import io.delaywatch.task.WorkerFailures;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.MessageColumnIO;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Streams rows out of a local Parquet file, projected onto the codec's schema by column name. Not
 * thread-safe.
 *
 * @param <T> the row type
 */
public final class ParquetRowReader<T> implements AutoCloseable {
  private final ParquetFileReader file;
  private final MessageColumnIO columns;
  private final Materializer<T> materializer;
  private RecordReader<T> rowGroup;
  private long leftInRowGroup;

  private ParquetRowReader(ParquetFileReader file, RowCodec<T> codec) {
    this.file = file;
    this.materializer = new Materializer<>(codec);
    this.columns =
        new ColumnIOFactory().getColumnIO(codec.schema(), file.getFileMetaData().getSchema());
  }

  /**
   * Opens {@code file}.
   *
   * @throws IOException if the file cannot be read
   * @throws IllegalArgumentException if it lacks a column of the codec's schema
   */
  public static <T> ParquetRowReader<T> open(Path file, RowCodec<T> codec) throws IOException {
    ParquetFileReader reader = openProjected(file, codec.schema());
    return new ParquetRowReader<>(reader, codec);
  }

  private static ParquetFileReader openProjected(Path file, MessageType projection)
      throws IOException {
    ParquetFileReader reader = ParquetFileReader.open(input(file), OPTIONS);
    try {
      MessageType schema = reader.getFileMetaData().getSchema();
      for (Type field : projection.getFields()) {
        if (!schema.containsField(field.getName())) {
          throw new IllegalArgumentException(
              file
                  + ": Parquet file has no column '"
                  + field.getName()
                  + "' (has "
                  + schema.getFields().stream().map(Type::getName).toList()
                  + ")");
        }
      }
      reader.setRequestedSchema(projection);
      return reader;
    } catch (RuntimeException e) {
      reader.close();
      throw e;
    }
  }

  /** The next row, or null at the end. */
  public T next() {
    try {
      while (leftInRowGroup == 0) {
        PageReadStore pages = file.readNextRowGroup();
        if (pages == null) {
          return null;
        }
        leftInRowGroup = pages.getRowCount();
        rowGroup = columns.getRecordReader(pages, materializer);
      }
      leftInRowGroup--;
      return rowGroup.read();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    file.close();
  }

  // The plain configuration: the no-argument builder instantiates a Hadoop Configuration.
  private static final ParquetReadOptions OPTIONS =
      ParquetReadOptions.builder(new PlainParquetConfiguration())
          .withCodecFactory(SnappyCodecFactory.INSTANCE)
          .build();

  /** Calls {@code action} for every row of {@code file}, in file order. */
  public static <T> long forEach(Path file, RowCodec<T> codec, Consumer<? super T> action)
      throws IOException {
    long rows = 0;
    try (ParquetRowReader<T> in = open(file, codec)) {
      for (T row = in.next(); row != null; row = in.next()) {
        action.accept(row);
        rows++;
      }
    }
    return rows;
  }

  /**
   * Like {@link #forEach(Path, RowCodec, Consumer)}, for a file fetched from the lake: a file that
   * is not readable Parquet (cut off, corrupt, lacking a column) is invalid input named {@code
   * name}, its lake URI, with no trace of the local copy.
   *
   * @throws InvalidInputException when the file cannot be read as Parquet of the codec's schema
   */
  public static <T> long forEach(
      Path file, String name, RowCodec<T> codec, Consumer<? super T> action) throws IOException {
    long rows = 0;
    ParquetRowReader<T> in;
    try {
      in = open(file, codec);
    } catch (IOException | RuntimeException e) {
      throw unreadable(file, name, e);
    }
    try (in) {
      while (true) {
        T row;
        try {
          row = in.next();
        } catch (RuntimeException e) {
          // Corrupt pages surface as whatever the decoder trips on (an index, a bad length), and
          // a read error as UncheckedIOException.
          throw unreadable(file, name, e);
        }
        if (row == null) {
          return rows;
        }
        action.accept(row);
        rows++;
      }
    }
  }

  /**
   * Like {@link #forEach(Path, String, RowCodec, Consumer)}, column by column: hands {@code action}
   * the rows of {@code file} in file order, projected onto the flat {@code projection}, up to
   * {@code batchRows} at a time in a reused {@link ColumnBatch} (valid only during the call).
   * Values go from parquet-java's column readers straight into primitive arrays, with no object per
   * row; dictionary strings are decoded once per row group.
   *
   * <p>Pages are read, decompressed and decoded on {@link #DECODERS} threads, each taking every
   * other row group, a batch or two ahead of {@code action}; {@code action} runs on the calling
   * thread, batch after batch in file order, so the result is the same as reading and acting in
   * turn.
   *
   * @throws InvalidInputException when the file cannot be read as Parquet of the projection
   */
  public static long forEachBatch(
      Path file, String name, MessageType projection, int batchRows, Consumer<ColumnBatch> action)
      throws IOException {
    ParquetFileReader first;
    try {
      first = openProjected(file, projection);
    } catch (IOException | RuntimeException e) {
      throw unreadable(file, name, e);
    }
    List<BlockMetaData> blocks = first.getRowGroups();
    int threads = Math.max(1, Math.min(DECODERS, blocks.size()));
    Read read = new Read(file, name, projection, batchRows, new ConcurrentHashMap<>());
    ColumnBatch end = new ColumnBatch(projection, 0);
    List<Decoder> decoders = new ArrayList<>();
    try {
      for (int k = 0; k < threads; k++) {
        ParquetFileReader reader;
        try {
          reader = k == 0 ? first : openProjected(file, projection);
        } catch (IOException | RuntimeException e) {
          throw unreadable(file, name, e);
        }
        Decoder decoder = new Decoder(reader, read, k, threads, end);
        decoders.add(decoder);
        decoder.start();
      }
    } catch (RuntimeException e) {
      if (decoders.isEmpty()) {
        closeQuietly(first);
      }
      stop(decoders);
      throw e;
    }
    boolean consumed = false;
    long rows = 0;
    try {
      // Row group b comes from decoder b % threads, in as many batches as it has rows for.
      for (int g = 0; g < blocks.size(); g++) {
        Decoder decoder = decoders.get(g % threads);
        long left = blocks.get(g).getRowCount();
        while (left > 0) {
          ColumnBatch batch = decoder.filled.take();
          if (batch == end) {
            // It ended before its row group did, so it failed (and is done): throw its error; the
            // finally below stops the others.
            decoder.await();
            throw unreadable(
                file, name, new IllegalStateException("row group " + g + " ended early"));
          }
          int n = batch.rows(); // read before the batch goes back to be refilled
          action.accept(batch);
          decoder.free.add(batch);
          rows += n;
          left -= n;
        }
      }
      consumed = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while reading " + name);
    } finally {
      if (!consumed) {
        // A decoder or action failed (or this thread was interrupted): stop the decoders, which
        // wait for a free batch or end the one they fill, and let them close the file first.
        stop(decoders);
      }
    }
    for (Decoder decoder : decoders) {
      decoder.await();
    }
    return rows;
  }

  /** Threads that decode a file's row groups for {@link #forEachBatch}: the machine's two cores. */
  static final int DECODERS = Math.min(2, Runtime.getRuntime().availableProcessors());

  private static void stop(List<Decoder> decoders) {
    for (Decoder decoder : decoders) {
      decoder.thread.interrupt();
    }
    for (Decoder decoder : decoders) {
      decoder.joinQuietly();
    }
  }

  private static void closeQuietly(ParquetFileReader reader) {
    try {
      reader.close();
    } catch (IOException | RuntimeException e) {
      // the read failed already; that error is the one reported
    }
  }

  /**
   * What every decoder of one {@link #forEachBatch} call reads: the file, its name for errors, the
   * projection, the batch size, and the canonical instances of its strings (shared, so that equal
   * strings of different row groups are one instance).
   */
  private record Read(
      Path file,
      String name,
      MessageType projection,
      int batchRows,
      Map<String, String> canonical) {}

  /**
   * One decoding thread of {@link #forEachBatch}: row groups k, k + n, k + 2n, … of the file,
   * filled into two batches that it hands over in order through {@link #filled}, then {@code end}.
   * A queue never holds more than the two batches and the end mark, so a put never waits.
   */
  private static final class Decoder {
    final BlockingQueue<ColumnBatch> free = new ArrayBlockingQueue<>(2);
    final BlockingQueue<ColumnBatch> filled = new ArrayBlockingQueue<>(3);
    final FutureTask<Void> task;
    final Thread thread;

    private final Read read;

    Decoder(ParquetFileReader reader, Read read, int k, int n, ColumnBatch end) {
      this.read = read;
      free.add(new ColumnBatch(read.projection(), read.batchRows()));
      free.add(new ColumnBatch(read.projection(), read.batchRows()));
      task =
          new FutureTask<>(
              () -> {
                try (reader) {
                  decode(reader, k, n);
                } finally {
                  filled.add(end);
                }
                return null;
              });
      thread = new Thread(task, "parquet-decode-" + k);
      thread.setDaemon(true);
    }

    void start() {
      thread.start();
    }

    void await() throws IOException {
      WorkerFailures.await(task, "decoding " + read.name());
    }

    void joinQuietly() {
      boolean interrupted = false;
      while (true) {
        try {
          thread.join();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }

    private void decode(ParquetFileReader reader, int k, int n)
        throws IOException, InterruptedException {
      Path file = read.file();
      String name = read.name();
      MessageType projection = read.projection();
      List<ColumnDescriptor> columns = projection.getColumns();
      ColumnBatchFill[] fills = new ColumnBatchFill[columns.size()];
      for (int c = 0; c < fills.length; c++) {
        fills[c] = new ColumnBatchFill(columns.get(c));
      }
      GroupConverter root =
          new GroupConverter() {
            @Override
            public Converter getConverter(int fieldIndex) {
              return fills[fieldIndex];
            }

            @Override
            public void start() {}

            @Override
            public void end() {}
          };
      String createdBy = reader.getFileMetaData().getCreatedBy();
      List<BlockMetaData> blocks = reader.getRowGroups();
      for (int b = k; b < blocks.size(); b += n) {
        PageReadStore pages;
        ColumnReader[] readers = null;
        ColumnChunkDecoder[] decoders = null;
        try {
          pages = reader.readRowGroup(b);
          if (decodable(blocks.get(b), columns)) {
            decoders = new ColumnChunkDecoder[fills.length];
            for (int c = 0; c < decoders.length; c++) {
              decoders[c] =
                  new ColumnChunkDecoder(
                      columns.get(c), pages.getPageReader(columns.get(c)), read.canonical());
            }
          } else {
            ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, root, projection, createdBy);
            readers = new ColumnReader[fills.length];
            for (int c = 0; c < readers.length; c++) {
              readers[c] = store.getColumnReader(columns.get(c));
            }
          }
        } catch (IOException | RuntimeException e) {
          throw unreadable(file, name, e);
        }
        if (pages.getRowCount() != blocks.get(b).getRowCount()) {
          throw unreadable(
              file,
              name,
              new IllegalStateException(
                  "row group "
                      + b
                      + " has "
                      + pages.getRowCount()
                      + " rows, its footer says "
                      + blocks.get(b).getRowCount()));
        }
        long left = pages.getRowCount();
        while (left > 0) {
          int rows = (int) Math.min(left, read.batchRows());
          ColumnBatch batch = free.take();
          try {
            for (int c = 0; c < fills.length; c++) {
              if (decoders != null) {
                decoders[c].fill(batch, c, rows);
              } else {
                fills[c].fill(readers[c], batch, c, rows);
              }
            }
          } catch (RuntimeException e) {
            throw unreadable(file, name, e);
          }
          batch.rows(rows);
          filled.add(batch);
          left -= rows;
        }
      }
    }
  }

  private static boolean decodable(BlockMetaData block, List<ColumnDescriptor> columns) {
    for (ColumnDescriptor column : columns) {
      ColumnPath path = ColumnPath.get(column.getPath());
      ColumnChunkMetaData chunk =
          block.getColumns().stream()
              .filter(c -> c.getPath().equals(path))
              .findFirst()
              .orElse(null);
      if (chunk == null || !ColumnChunkDecoder.supports(chunk, column)) {
        return false;
      }
    }
    return true;
  }

  /** Copies one column's values into a batch; decodes each dictionary string once. */
  private static final class ColumnBatchFill extends PrimitiveConverter {
    private final ColumnDescriptor column;
    private final int maxDefinition;
    private String[] dictionary;
    private String value;

    ColumnBatchFill(ColumnDescriptor column) {
      this.column = column;
      this.maxDefinition = column.getMaxDefinitionLevel();
    }

    void fill(ColumnReader in, ColumnBatch batch, int c, int n) {
      switch (column.getPrimitiveType().getPrimitiveTypeName()) {
        case INT32 -> {
          int[] out = batch.ints(c);
          for (int i = 0; i < n; i++) {
            if (in.getCurrentDefinitionLevel() != maxDefinition) {
              throw new IllegalArgumentException("null in INT32 column " + column);
            }
            out[i] = in.getInteger();
            in.consume();
          }
        }
        case DOUBLE -> {
          double[] out = batch.doubles(c);
          for (int i = 0; i < n; i++) {
            out[i] = in.getCurrentDefinitionLevel() == maxDefinition ? in.getDouble() : Double.NaN;
            in.consume();
          }
        }
        case BOOLEAN -> {
          boolean[] out = batch.bools(c);
          for (int i = 0; i < n; i++) {
            if (in.getCurrentDefinitionLevel() != maxDefinition) {
              throw new IllegalArgumentException("null in BOOLEAN column " + column);
            }
            out[i] = in.getBoolean();
            in.consume();
          }
        }
        case BINARY -> {
          String[] out = batch.strings(c);
          for (int i = 0; i < n; i++) {
            if (in.getCurrentDefinitionLevel() == maxDefinition) {
              in.writeCurrentValueToConverter();
              out[i] = value;
            } else {
              out[i] = null;
            }
            in.consume();
          }
        }
        default -> throw new IllegalStateException("checked by ColumnBatch");
      }
    }

    @Override
    public boolean hasDictionarySupport() {
      return true;
    }

    @Override
    public void setDictionary(Dictionary dict) {
      if (column.getPrimitiveType().getPrimitiveTypeName()
          != PrimitiveType.PrimitiveTypeName.BINARY) {
        return;
      }
      dictionary = new String[dict.getMaxId() + 1];
      for (int id = 0; id < dictionary.length; id++) {
        dictionary[id] = dict.decodeToBinary(id).toStringUsingUTF8();
      }
    }

    @Override
    public void addValueFromDictionary(int dictionaryId) {
      value = dictionary[dictionaryId];
    }

    @Override
    public void addBinary(Binary binary) {
      value = binary.toStringUsingUTF8();
    }
  }

  private static InvalidInputException unreadable(Path file, String name, Exception e) {
    String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    Throwable cause = e.getCause();
    if (e instanceof UncheckedIOException && cause != null && cause.getMessage() != null) {
      reason = cause.getMessage();
    }
    reason = reason.replace(file.toString(), name).replace('\n', ' ');
    if (reason.startsWith(name)) {
      reason = reason.substring(name.length()).replaceFirst("^:? ", "");
    }
    return new InvalidInputException(name + ": cannot be read as Parquet: " + reason, e);
  }

  /** A local file whose messages name its path (parquet-java prints the InputFile). */
  private static LocalInputFile input(Path file) {
    return new LocalInputFile(file) {
      @Override
      public String toString() {
        return file.toString();
      }
    };
  }

  /** All rows of {@code file}; for the small daily and scored sets only. */
  public static <T> List<T> readAll(Path file, RowCodec<T> codec) throws IOException {
    List<T> rows = new ArrayList<>();
    forEach(file, codec, rows::add);
    return rows;
  }

  /** The number of rows recorded in the footer of {@code file}. */
  public static long rowCount(Path file) throws IOException {
    try (ParquetFileReader footer = ParquetFileReader.open(input(file), OPTIONS)) {
      return footer.getRecordCount();
    }
  }

  private static final class Materializer<T> extends RecordMaterializer<T> {
    private final RowCodec<T> codec;
    private final RowReader row;
    private final GroupConverter root;

    Materializer(RowCodec<T> codec) {
      this.codec = codec;
      MessageType schema = codec.schema();
      this.row = new RowReader(schema.getFieldCount());
      Converter[] fields = new Converter[schema.getFieldCount()];
      for (int i = 0; i < fields.length; i++) {
        PrimitiveType type = schema.getType(i).asPrimitiveType();
        fields[i] =
            new Field(
                row, i, type.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BINARY);
      }
      this.root =
          new GroupConverter() {
            @Override
            public Converter getConverter(int fieldIndex) {
              return fields[fieldIndex];
            }

            @Override
            public void start() {
              row.clear();
            }

            @Override
            public void end() {}
          };
    }

    @Override
    public T getCurrentRecord() {
      return codec.read(row);
    }

    @Override
    public GroupConverter getRootConverter() {
      return root;
    }
  }

  /** Stores one column's value into the shared row; decodes each dictionary entry once. */
  private static final class Field extends PrimitiveConverter {
    private final RowReader row;
    private final int index;
    private final boolean text;
    private String[] dictionary;

    Field(RowReader row, int index, boolean text) {
      this.row = row;
      this.index = index;
      this.text = text;
    }

    @Override
    public boolean hasDictionarySupport() {
      return text;
    }

    @Override
    public void setDictionary(Dictionary dict) {
      dictionary = new String[dict.getMaxId() + 1];
      for (int id = 0; id < dictionary.length; id++) {
        dictionary[id] = dict.decodeToBinary(id).toStringUsingUTF8();
      }
    }

    @Override
    public void addValueFromDictionary(int dictionaryId) {
      row.strings[index] = dictionary[dictionaryId];
      row.present[index] = true;
    }

    @Override
    public void addBinary(Binary value) {
      row.strings[index] = value.toStringUsingUTF8();
      row.present[index] = true;
    }

    @Override
    public void addBoolean(boolean value) {
      row.longs[index] = value ? 1 : 0;
      row.present[index] = true;
    }

    @Override
    public void addDouble(double value) {
      row.doubles[index] = value;
      row.present[index] = true;
    }

    @Override
    public void addFloat(float value) {
      row.doubles[index] = value;
      row.present[index] = true;
    }

    @Override
    public void addInt(int value) {
      row.longs[index] = value;
      row.doubles[index] = value;
      row.present[index] = true;
    }

    @Override
    public void addLong(long value) {
      row.longs[index] = value;
      row.doubles[index] = value;
      row.present[index] = true;
    }
  }
}
