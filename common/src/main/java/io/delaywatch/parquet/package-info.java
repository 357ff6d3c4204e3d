/**
 * Parquet without Hadoop: {@link io.delaywatch.parquet.RowCodec} describes a row type, {@link
 * io.delaywatch.parquet.ParquetRowWriter} and {@link io.delaywatch.parquet.ParquetRowReader} stream
 * it to and from local files. Remote objects are staged through a local file by the storage layer.
 */
package io.delaywatch.parquet;
