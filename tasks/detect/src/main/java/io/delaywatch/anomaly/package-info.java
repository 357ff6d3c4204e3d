/**
 * Anomaly detection on one airport's daily series. Entry points: {@link
 * io.delaywatch.anomaly.AnomalyScorer} (a year, every airport) and {@link
 * io.delaywatch.anomaly.DetectorRegistry} (detectors by name); a detector implements {@link
 * io.delaywatch.anomaly.DelayDetector}. Days without flights are gaps, never zeros.
 *
 * <h2>{@code robust} (the default)</h2>
 *
 * For airport a and day t, with x_t = avg_dep_delay, n_t = departed flights, f_t = scheduled
 * flights and c_t = cancelled:
 *
 * <ol>
 *   <li>Baseline: expected_t = level_t + weekday effect w(dow(t)). level_t = median of (x_s −
 *       w(dow(s))) over the days s in the calendar window t ± 14 days, s ≠ t (four of each
 *       weekday; the window slides inward at the ends of the year, and falls back to the whole
 *       year below 7 neighbours); w(d) = median of (x_t − level_t) over the days on weekday d.
 *       Two passes (the first with w = 0). Medians and leaving t out keep the spike being looked
 *       for out of its own baseline.
 *   <li>Noise: sigma_t = sqrt(b² + 40² / n_t). 40 min is the standard deviation of one flight's
 *       departure delay (35–40 in the 2009–2018 data); b, the day-to-day spread of the airport's
 *       mean, is fitted so that median(|x_t − expected_t| / sigma_t) = 0.6745 (the 1.4826·MAD
 *       rule made volume-aware), at least 1 min. A day resting on 3 flights thus gets a band
 *       several times wider than one resting on 300 (23 min of noise against 2.3, plus b).
 *   <li>Delay score: z_t = (x_t − expected_t) / sigma_t; HIGH_DELAY when z_t ≥ k (k = 3.5,
 *       {@code --threshold}) and more flights than usual were late: the day's count of flights
 *       delayed 15+ min (delayed_15_share·n_t) has a one-sided binomial p ≤ 5% against the
 *       airport's yearly share, so one flight hours late cannot flag a small airport's day.
 *       LOW_DELAY when z_t ≤ −k with {@code --two-sided}. Band: expected_t ± k·sigma_t.
 *   <li>Closure: when c_t ≥ 0.3·f_t, the closure score is the normal-equivalent of P(X ≥ c_t), X ~
 *       Binomial(f_t, p0), p0 = the airport's yearly cancellation rate (at least 1%); CLOSURE
 *       when it reaches k, whatever the delay of the flights that did leave (a day with every
 *       flight cancelled included). A thinner schedule without cancellations (holidays) is never a
 *       closure; one cancellation out of two flights is not significant.
 *   <li>Airports with fewer than 14 days with a delay are not scored.
 * </ol>
 *
 * <h2>{@code zscore}</h2>
 *
 * The seed projects' method: z = (x_t − mean) / sd over the airport's year, flagged at |z| ≥ 3;
 * band mean ± 3·sd.
 */
package io.delaywatch.anomaly;
