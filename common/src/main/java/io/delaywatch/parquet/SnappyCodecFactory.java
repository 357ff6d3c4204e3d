package io.delaywatch.parquet;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.parquet.bytes.BytesInput;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.xerial.snappy.Snappy;

/**
 * Snappy and uncompressed pages straight through snappy-java. parquet-hadoop's own factory builds a
 * Hadoop {@code Configuration} (and so needs the Hadoop stack on the class path) just to find its
 * codec classes; this one needs nothing but snappy-java. Thread-safe.
 */
final class SnappyCodecFactory implements CompressionCodecFactory {
  static final SnappyCodecFactory INSTANCE = new SnappyCodecFactory();

  private SnappyCodecFactory() {}

  @Override
  public BytesInputCompressor getCompressor(CompressionCodecName codec) {
    return switch (codec) {
      case SNAPPY ->
          new BytesInputCompressor() {
            // toByteArray() is deprecated for its copy; Snappy's array API needs the copy anyway.
            @SuppressWarnings("deprecation")
            @Override
            public BytesInput compress(BytesInput bytes) throws IOException {
              return BytesInput.from(Snappy.compress(bytes.toByteArray()));
            }

            @Override
            public CompressionCodecName getCodecName() {
              return CompressionCodecName.SNAPPY;
            }

            @Override
            public void release() {}
          };
      case UNCOMPRESSED ->
          new BytesInputCompressor() {
            @Override
            public BytesInput compress(BytesInput bytes) {
              return bytes;
            }

            @Override
            public CompressionCodecName getCodecName() {
              return CompressionCodecName.UNCOMPRESSED;
            }

            @Override
            public void release() {}
          };
      default -> throw new UnsupportedOperationException("Parquet codec not supported: " + codec);
    };
  }

  @Override
  public BytesInputDecompressor getDecompressor(CompressionCodecName codec) {
    return switch (codec) {
      case SNAPPY ->
          new BytesInputDecompressor() {
            // toByteArray(): see compress above.
            @SuppressWarnings("deprecation")
            @Override
            public BytesInput decompress(BytesInput bytes, int uncompressedSize)
                throws IOException {
              byte[] out = new byte[uncompressedSize];
              Snappy.uncompress(bytes.toByteArray(), 0, (int) bytes.size(), out, 0);
              return BytesInput.from(out);
            }

            @Override
            public void decompress(
                ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize)
                throws IOException {
              byte[] in = new byte[compressedSize];
              input.get(in);
              byte[] out = new byte[uncompressedSize];
              Snappy.uncompress(in, 0, compressedSize, out, 0);
              output.put(out);
            }

            @Override
            public void release() {}
          };
      case UNCOMPRESSED ->
          new BytesInputDecompressor() {
            // toByteArray(): see compress above.
            @SuppressWarnings("deprecation")
            @Override
            public BytesInput decompress(BytesInput bytes, int uncompressedSize) {
              return bytes;
            }

            @Override
            public void decompress(
                ByteBuffer input, int compressedSize, ByteBuffer output, int uncompressedSize) {
              ByteBuffer slice = input.slice();
              slice.limit(compressedSize);
              output.put(slice);
            }

            @Override
            public void release() {}
          };
      default ->
          throw new UnsupportedOperationException(
              "Parquet codec not supported: "
                  + codec
                  + " (DelayWatch reads Snappy or uncompressed files)");
    };
  }

  @Override
  public void release() {}
}
