package io.delaywatch.parquet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * Streams rows into a local Parquet file (Snappy, dictionary encoding). Not thread-safe.
 *
 * @param <T> the row type
 */
public final class ParquetRowWriter<T> implements AutoCloseable {
  private final ParquetWriter<T> writer;
  private long rows;

  private ParquetRowWriter(ParquetWriter<T> writer) {
    this.writer = writer;
  }

  /**
   * Creates (or overwrites) {@code file}.
   *
   * @param metadata key-value pairs stored in the footer (e.g. run id)
   */
  public static <T> ParquetRowWriter<T> create(
      Path file, RowCodec<T> codec, Map<String, String> metadata) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    ParquetWriter<T> writer =
        new Builder<>(new LocalOutputFile(file), codec)
            .withConf(new PlainParquetConfiguration())
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            .withCodecFactory(SnappyCodecFactory.INSTANCE)
            .withExtraMetaData(metadata)
            .build();
    return new ParquetRowWriter<>(writer);
  }

  public void write(T row) {
    try {
      writer.write(row);
      rows++;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public long rows() {
    return rows;
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }

  private static final class Builder<T> extends ParquetWriter.Builder<T, Builder<T>> {
    private final RowCodec<T> codec;

    Builder(OutputFile file, RowCodec<T> codec) {
      super(file);
      this.codec = codec;
    }

    @Override
    protected Builder<T> self() {
      return this;
    }

    // Abstract in parquet-java although deprecated: Hadoop-free callers still have to implement it.
    @SuppressWarnings("deprecation")
    @Override
    protected WriteSupport<T> getWriteSupport(Configuration conf) {
      return new CodecWriteSupport<>(codec);
    }

    @Override
    protected WriteSupport<T> getWriteSupport(ParquetConfiguration conf) {
      return new CodecWriteSupport<>(codec);
    }
  }

  private static final class CodecWriteSupport<T> extends WriteSupport<T> {
    private final RowCodec<T> codec;
    private RowWriter out;

    CodecWriteSupport(RowCodec<T> codec) {
      this.codec = codec;
    }

    // Abstract in parquet-java although deprecated (see getWriteSupport above).
    @SuppressWarnings("deprecation")
    @Override
    public WriteContext init(Configuration configuration) {
      return new WriteContext(codec.schema(), Map.of());
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
      return new WriteContext(codec.schema(), Map.of());
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      out = new RowWriter(recordConsumer, codec.schema());
    }

    @Override
    public void write(T record) {
      out.startRecord();
      codec.write(record, out);
      out.endRecord();
    }
  }
}
