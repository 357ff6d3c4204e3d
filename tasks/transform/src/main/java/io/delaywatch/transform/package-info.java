/**
 * The transform task: {@link io.delaywatch.transform.Main}; the work is {@link
 * io.delaywatch.transform.DailyAggregator}.
 */
package io.delaywatch.transform;
