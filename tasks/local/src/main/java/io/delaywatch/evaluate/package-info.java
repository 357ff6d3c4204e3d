/**
 * Detector evaluation on generated data: {@link io.delaywatch.evaluate.EvaluateCommand} (the {@code
 * ./delaywatch evaluate} command) generates years with planted, labelled anomalies, runs every
 * detector of {@link io.delaywatch.anomaly.DetectorRegistry} on their daily rows and prints
 * precision, recall and F1 overall, per planted kind and per airport size. The rest of the package
 * is not API.
 */
package io.delaywatch.evaluate;
