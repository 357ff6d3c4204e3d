/**
 * Anomaly detection on one airport's daily series. Entry points: {@link
 * io.delaywatch.anomaly.AnomalyScorer} (a year, every airport) and {@link
 * io.delaywatch.anomaly.DetectorRegistry} (detectors by name); a detector implements {@link
 * io.delaywatch.anomaly.DelayDetector}. Days without flights are gaps, never zeros. {@link
 * io.delaywatch.anomaly.ArimaCli} exposes the ARIMA fit as JSON for the statsmodels agreement test;
 * everything else not named here is not API.
 *
 * <h2>{@code robust} (the default)</h2>
 *
 * For airport a and day t, with x_t = avg_dep_delay, n_t = departed flights, k_t = flights delayed
 * 15+ min (delayed_15_share·n_t), f_t = scheduled flights and c_t = cancelled:
 *
 * <ol>
 *   <li>Baseline: expected_t = level_t + weekday effect w(dow(t)). level_t = median of (x_s −
 *       w(dow(s))) over the ordinary days s in the calendar window t ± 14 days, s ≠ t (four of each
 *       weekday; the window slides inward at the ends of the year, and falls back to the whole year
 *       below 7 neighbours); w(d) = median of (x_t − level_t) over the days on weekday d. Two
 *       passes (the first with w = 0). Medians and leaving t out keep the spike being looked for
 *       out of its own baseline. Holidays (New Year's Day, Memorial Day and Labor Day weekends,
 *       July 4, Thanksgiving Wednesday to Sunday, December 24-26 and 31) are judged against this
 *       baseline but never shape it.
 *   <li>Delay score: z_t = (x_t − expected_t) / sigma_t, sigma_t = sqrt(b² + 40² / n_t). 40 min is
 *       the standard deviation of one flight's departure delay (35-40 in the 2009-2018 data); b,
 *       the day-to-day spread of the airport's mean, is fitted so that median(|x_t − expected_t| /
 *       sigma_t) = 0.6745 (the 1.4826·MAD rule made volume-aware), at least 1 min. A day resting on
 *       3 flights thus gets a band several times wider than one resting on 300.
 *   <li>Late-count score: l_t = the normal-equivalent of the mid-p upper tail of k_t under a
 *       beta-binomial(n_t, q_t, rho): q_t pools the late and departed flights of the ordinary days
 *       within ± 28 days (t left out) times t's weekday ratio; rho, the day-to-day overdispersion
 *       of the share, is fitted robustly like b. Many late flights are evidence a mean lifted by
 *       one extreme delay is not.
 *   <li>Day score: S_t = (z_t + w_t·l_t) / sqrt(1 + w_t² + 2·w_t·r), Stouffer's sum, with w_t = the
 *       binomial share of the count's variance (near 1 at a small airport, where the count is the
 *       better evidence; lower at a hub, whose mean already says it all) and r the robust
 *       (Gnanadesikan-Kettenring) correlation of z and l over the airport's days, so that S is a
 *       standard score on ordinary days near its centre.
 *   <li>Heavy right tail: a positive S_t is divided by T_t = max(1, (q_t − 2·se_t) / 1.645), q_t
 *       the 95th percentile of S over the ordinary days within ± 120 days (t left out), se_t that
 *       quantile's standard error for a normal sample, so that a day is judged against its own
 *       season's bad days (UpperTail). HIGH_DELAY when S_t / T_t ≥ k (k = 4, {@code --threshold})
 *       and n_t ≥ 3, and below 10 departures at least 75% of them late (one flight hours late moves
 *       a mean of a few flights past the band); LOW_DELAY when S_t ≤ −k with {@code --two-sided}.
 *       Band: [expected_t − k·sigma_t, expected_t + k·sigma_t·T_t] (the delay part).
 *   <li>Runs: consecutive days all scoring ≥ 2.5 score together, R = L·min(s) / sqrt(L +
 *       2·Σ(L−j)·r^j), r their persistence (EventRuns); a day of a run with R ≥ k is flagged with
 *       the run's kind (delay, cancellations). A delay run may pass through days of one or two
 *       departures when every one was 15+ minutes late (never flagged alone), if the run's days had
 *       at least 3 departures in all.
 *   <li>Cancellation wave: p_t = the cancelled over the scheduled flights of the ordinary days
 *       within ± 28 days (t left out), the 10% of those days with the highest cancelled share
 *       dropped, at least 1%. A candidate has c_t/f_t ≥ max(3·p_t, p_t + 0.05); its score is the
 *       larger of its improbability, the normal-equivalent of P(X ≥ c_t) for X ~ BetaBinomial(f_t,
 *       p_t, max(rho_c, rho_0.9)) (rho_c the day-to-day overdispersion of the cancelled share
 *       fitted robustly like b, rho_0.9 the same fitted at the 90th percentile: beyond the
 *       airport's worst ordinary tenth), and, for a day of a wave's size (c_t/f_t ≥ 0.15 and ≥
 *       5·p_t, c_t ≥ 5, P(X ≥ c_t) < 0.001 under rho_c), k·min(share/0.15, share/(5·p_t)).
 *       CANCELLATIONS when the score reaches k, whatever the delay of the flights that did leave.
 *   <li>Schedule collapse: u_t = the median of f_s over the ordinary days s on t's weekday within ±
 *       28 days (± 56 below 3 such days), times 0.6 on a holiday; the collapse score is
 *       −ln(f_t/u_t) / sqrt(s² + 1/u_t), s the airport's robust spread of ln(f/u) (at least 0.05).
 *       COLLAPSE when it reaches k and f_t ≤ 0.6·u_t: a source without cancelled rows, or a
 *       pre-cancelled schedule.
 *   <li>A day flagged by several rules gets the kind with the largest score; a count kind reports
 *       its own (positive) score. Every scored day has a band, expected_t ± k·sigma_t on the delay
 *       axis (a day without departures: sigma of its weekday's usual volume).
 *   <li>Airports with fewer than 14 days with a delay are not scored.
 * </ol>
 *
 * <h2>{@code zscore}</h2>
 *
 * The reference projects' method: z = (x_t − mean) / sd over the airport's year, flagged at |z| ≥
 * 3; band mean ± 3·sd.
 *
 * <h2>{@code arima}</h2>
 *
 * One ARIMA(p, d, q) per airport-year on the calendar series of x_t (missing days and days without
 * a departure are NaN: the Kalman filter predicts through them, no value is invented). d by the
 * KPSS test at 5%, then (p, q) ≤ (3, 2) by AIC ({@code --order-search bic}, or {@code
 * walk-forward}: fit on the first two thirds, lowest one-step squared error on the rest, as the
 * reference projects did). Exact Gaussian likelihood by the Kalman filter (stationary initial
 * state, exact diffuse level for d = 1, μ and σ² concentrated out), maximised by Nelder-Mead on
 * statsmodels' stationarity transform from two starts. A day is flagged outside its one-step-ahead
 * prediction interval at {@code --level} (0.80 by default, like the reference projects: about one
 * day in five), both sides. Agrees with statsmodels' ARIMA (reference/test_arima_statsmodels.py).
 *
 * <h2>{@code rcf}</h2>
 *
 * Random Cut Forest (AWS's library): shingles of 4 days' centred delays, two seeded 30-tree forests
 * per airport each scoring the days the other was grown on, score = the attribution to the newest
 * day; flagged at mean + 3 sd of the scores of the airport ({@code --threshold-scope airport},
 * default) or of all airports of the year ({@code year}, the reference projects' single threshold).
 *
 * <h2>{@code iforest}</h2>
 *
 * Isolation Forest as Liu et al. (2008): 100 seeded trees of 256 days on (centred delay, late
 * share, cancelled share); flagged at an isolation score ≥ 0.7, or the top {@code --contamination}
 * share of each airport's days (the reference projects used 0.05). CANCELLATIONS when 30%+ of the
 * day's flights were cancelled.
 */
package io.delaywatch.anomaly;
