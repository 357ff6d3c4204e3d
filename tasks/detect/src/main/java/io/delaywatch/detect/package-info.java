/**
 * The detect task: {@link io.delaywatch.detect.Main} reads a year's daily file, scores it with a
 * detector of {@link io.delaywatch.anomaly.DetectorRegistry} and writes the scored file.
 */
package io.delaywatch.detect;
