/**
 * Sample data: {@link io.delaywatch.sample.FlightGenerator} writes a realistic yearly on-time CSV
 * in the Kaggle schema with planted anomalies, and a labels file ({@link
 * io.delaywatch.sample.Labels}) saying which airport-days a detector should flag and which it
 * should not. Used by {@code ./delaywatch generate}, the demo, the tests and detector evaluation.
 */
package io.delaywatch.sample;
