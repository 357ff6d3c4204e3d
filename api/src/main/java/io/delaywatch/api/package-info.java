/**
 * The read-only HTTP API over the results table: {@link io.delaywatch.api.Main} parses the options
 * and starts an {@link io.delaywatch.api.ApiServer}, whose routes read through {@link
 * io.delaywatch.api.ResultsStore}; {@link io.delaywatch.api.RiskEstimator} is the delay-risk model.
 * Every other class is a helper of these, not API.
 */
package io.delaywatch.api;
