/**
 * The raw flights: {@link io.delaywatch.flights.FlightCsvReader} reads a yearly CSV through a
 * {@link io.delaywatch.flights.CsvCursor} into {@link io.delaywatch.flights.Flight} records, which
 * {@link io.delaywatch.flights.FlightCodec} stages as Parquet.
 */
package io.delaywatch.flights;
