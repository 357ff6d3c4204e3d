/**
 * The download task: {@link io.delaywatch.download.Main}; the work is {@link
 * io.delaywatch.download.FlightStager}.
 */
package io.delaywatch.download;
