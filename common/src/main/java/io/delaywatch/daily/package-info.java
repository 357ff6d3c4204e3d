/**
 * The daily and scored datasets: {@link io.delaywatch.daily.DailyAirportStats} and {@link
 * io.delaywatch.daily.ScoredDay}, stored by {@link io.delaywatch.daily.DailyCodec} and {@link
 * io.delaywatch.daily.ScoredCodec} under the column names of the contract.
 */
package io.delaywatch.daily;
