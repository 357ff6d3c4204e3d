package io.delaywatch.anomaly;

import io.delaywatch.daily.AnomalyKind;
import io.delaywatch.daily.DailyAirportStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The default detector: a day is anomalous when its average departure delay and its count of late
 * flights, taken together, are far above what the airport's recent ordinary days and its weekday
 * predict, each measured against the noise of that many flights and beyond its own season's bad
 * days (HIGH_DELAY, LOW_DELAY), alone or over a run of consecutive bad days; when far more of its
 * schedule was cancelled than the airport's normal rate explains (CANCELLATIONS); or when far fewer
 * flights were scheduled than that weekday usually has (COLLAPSE). The method and its formulas are
 * in the package documentation.
 */
public final class RobustDetector implements DelayDetector {
  public static final String NAME = "robust";
  public static final double DEFAULT_THRESHOLD = 4.0;

  /**
   * A day resting on fewer departures than this is never flagged for its delay (cancellations and
   * collapses still are): the mean and the late count of one or two flights cannot tell a bad day
   * from two unlucky flights.
   */
  static final int MIN_DEPARTED = 3;

  /**
   * Below this many departures one flight hours late can carry the day's mean past the threshold:
   * such a day is flagged for its delay only when most of its flights were late ({@link
   * #FEW_MIN_LATE_SHARE}), as on a field's real bad day, not for one bad flight.
   */
  static final int FEW_DEPARTED = 10;

  static final double FEW_MIN_LATE_SHARE = 0.75;

  /** An airport with fewer days with a delay than this has no baseline: its days are unscored. */
  static final int MIN_DAYS = 14;

  private final Flagging flagging;

  public RobustDetector(DetectorSettings settings) {
    // Early departures are good news; only --two-sided reports them.
    this.flagging =
        new Flagging(settings.thresholdOr(DEFAULT_THRESHOLD), settings.twoSidedOr(false));
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, Object> parameters() {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("threshold", flagging.threshold());
    parameters.put("two_sided", flagging.twoSided());
    parameters.put("half_window_days", RollingBaseline.HALF_WINDOW_DAYS);
    parameters.put("flight_sd_minutes", DayNoise.FLIGHT_SD);
    parameters.put("min_between_sd_minutes", DayNoise.MIN_BETWEEN_SD);
    parameters.put("tail_quantile", UpperTail.QUANTILE);
    parameters.put("tail_half_window_days", UpperTail.HALF_WINDOW_DAYS);
    parameters.put("run_min_day_score", EventRuns.MIN_DAY_SCORE);
    parameters.put("cancel_min_rate", CancellationWave.MIN_RATE);
    parameters.put("cancel_min_ratio", CancellationWave.MIN_RATIO);
    parameters.put("cancel_min_excess", CancellationWave.MIN_EXCESS);
    parameters.put("cancel_tail_quantile", CancellationWave.TAIL_QUANTILE);
    parameters.put("wave_share", CancellationWave.WAVE_SHARE);
    parameters.put("wave_ratio", CancellationWave.WAVE_RATIO);
    parameters.put("wave_min_significance", CancellationWave.WAVE_MIN_SIGNIFICANCE);
    parameters.put("wave_min_cancelled", CancellationWave.WAVE_MIN_CANCELLED);
    parameters.put("collapse_max_ratio", ScheduleCollapse.MAX_RATIO);
    parameters.put("collapse_holiday_factor", ScheduleCollapse.HOLIDAY_FACTOR);
    parameters.put("min_departed", MIN_DEPARTED);
    parameters.put("few_departed", FEW_DEPARTED);
    parameters.put("few_min_late_share", FEW_MIN_LATE_SHARE);
    parameters.put("min_days", MIN_DAYS);
    return parameters;
  }

  /**
   * Scores every airport against the span of all of them: an airport without a row on a day of that
   * span had no flight (see {@link ScheduleCollapse}).
   */
  @Override
  public List<List<Verdict>> scoreAirports(List<List<DailyAirportStats>> airports) {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (List<DailyAirportStats> series : airports) {
      if (!series.isEmpty()) {
        first = Math.min(first, series.get(0).flightDate().toEpochDay());
        last = Math.max(last, series.get(series.size() - 1).flightDate().toEpochDay());
      }
    }
    List<List<Verdict>> verdicts = new ArrayList<>(airports.size());
    for (List<DailyAirportStats> series : airports) {
      verdicts.add(score(series, first, last));
    }
    return verdicts;
  }

  /** Scores one airport on its own: the data's span is its own first to last day. */
  @Override
  public List<Verdict> score(List<DailyAirportStats> series) {
    return scoreAirports(List.of(series)).get(0);
  }

  private List<Verdict> score(List<DailyAirportStats> series, long dataFirst, long dataLast) {
    int n = series.size();
    double[] delays = new double[n];
    int[] epochDays = new int[n];
    int withDelay = 0;
    for (int i = 0; i < n; i++) {
      DailyAirportStats day = series.get(i);
      delays[i] = day.avgDepDelay() == null ? Double.NaN : day.avgDepDelay();
      epochDays[i] = (int) day.flightDate().toEpochDay();
      withDelay += day.avgDepDelay() == null ? 0 : 1;
    }
    List<Verdict> verdicts = new ArrayList<>(n);
    if (withDelay < MIN_DAYS) {
      series.forEach(day -> verdicts.add(Verdict.UNSCORED));
      return verdicts;
    }
    // Holidays are judged against the baseline but never shape it.
    boolean[] ordinary = new boolean[n];
    double[] ordinaryDelays = delays.clone();
    int ordinaryWithDelay = 0;
    for (int i = 0; i < n; i++) {
      ordinary[i] = !TravelHolidays.contains(series.get(i).flightDate());
      if (!ordinary[i]) {
        ordinaryDelays[i] = Double.NaN;
      }
      ordinaryWithDelay += Double.isNaN(ordinaryDelays[i]) ? 0 : 1;
    }
    // A series of little but holidays still needs a baseline: then holidays shape it too.
    double[] expected =
        RollingBaseline.expected(ordinaryWithDelay == 0 ? delays : ordinaryDelays, epochDays);
    DayNoise noise = fitNoise(series, delays, expected, withDelay);
    LateCount lateCount = LateCount.of(series, ordinary);
    double[] delayZ = new double[n];
    double[] lateZ = new double[n];
    double[] weight = new double[n];
    for (int i = 0; i < n; i++) {
      DailyAirportStats day = series.get(i);
      delayZ[i] =
          Double.isNaN(delays[i])
              ? Double.NaN
              : (delays[i] - expected[i]) / noise.sigma(day.departed());
      lateZ[i] = lateCount.score(i, day);
      weight[i] = lateCount.samplingShare(i, day);
    }
    double correlation = robustCorrelation(delayZ, lateZ);
    double[] combined = new double[n];
    for (int i = 0; i < n; i++) {
      combined[i] = combine(delayZ[i], lateZ[i], weight[i], correlation);
    }
    double[] tail = UpperTail.scales(combined, epochDays, ordinary);
    CancellationWave cancellations = CancellationWave.of(series, ordinary);
    ScheduleCollapse schedule = ScheduleCollapse.of(series, ordinary, dataFirst, dataLast);
    double[] delayScore = new double[n];
    double[] delayCandidate = new double[n];
    // A day of one or two departures is never flagged alone, but a storm's run may pass through
    // it when every one of its flights was late: days of a small field's few flights, all late,
    // add up; the run must rest on MIN_DEPARTED departures in all.
    double[] runCandidate = new double[n];
    int[] departed = new int[n];
    double[] cancelScore = new double[n];
    double[] collapseScore = new double[n];
    double threshold = flagging.threshold();
    for (int i = 0; i < n; i++) {
      DailyAirportStats day = series.get(i);
      delayScore[i] = combined[i] > 0 ? combined[i] / tail[i] : combined[i];
      delayCandidate[i] = delayCandidate(day, delayScore[i]);
      runCandidate[i] =
          Double.isNaN(delayCandidate[i])
              ? fewFlightsAllLate(day, delayScore[i])
              : delayCandidate[i];
      departed[i] = day.departed();
      cancelScore[i] = cancellations.score(i, day, threshold);
      collapseScore[i] = schedule.score(i, day);
    }
    // A delay level can drift for weeks (congestion, construction), and the airport's day-to-day
    // spread b is that of weather and traffic, which persist: only the sampling noise of a day's
    // few flights averages out over a run, so a run is no stronger than its days at a hub.
    double delayLag = EventRuns.lagCorrelation(delayScore, epochDays);
    double[] persistence = new double[n];
    for (int i = 0; i < n; i++) {
      double between = noise.between() * noise.between();
      double total = noise.sigma(Math.max(1, series.get(i).departed()));
      persistence[i] = Math.max(delayLag, between / (total * total));
    }
    double[] delayRun =
        EventRuns.scores(runCandidate, epochDays, persistence, departed, MIN_DEPARTED);
    double[] cancelRun =
        EventRuns.scores(
            cancelScore,
            epochDays,
            EventRuns.lagCorrelation(cancellations.excess(series), epochDays));
    int[] usualDeparted = usualDepartedByWeekday(series, epochDays);
    for (int i = 0; i < n; i++) {
      DailyAirportStats day = series.get(i);
      boolean hasDelay = !Double.isNaN(delays[i]);
      // A day without departures has no mean to judge; its band is that of a usual day. Every day
      // gets a band, flagged or not, so that a chart can draw it and a reader can compare.
      int flights = hasDelay ? day.departed() : usualDeparted[weekday(day)];
      double sigma = noise.sigma(flights);
      double lower = expected[i] - threshold * sigma;
      // The upper band widens with the airport's heavy right tail, as its score is divided by it.
      double upper = expected[i] + threshold * sigma * tail[i];
      Double score = hasDelay ? delayScore[i] : null;
      AnomalyKind kind = null;
      double strongest = Double.NEGATIVE_INFINITY;
      double delayEvidence = Math.max(nanToLowest(delayCandidate[i]), nanToLowest(delayRun[i]));
      if (!Double.isNaN(delayCandidate[i]) || !Double.isNaN(delayRun[i])) {
        double evidence = delayCandidate[i] < 0 ? delayCandidate[i] : delayEvidence;
        kind = flagging.ofDelay(evidence);
        if (kind != null) {
          score = evidence;
          strongest = Math.abs(score);
        }
      }
      // A count kind outranks a delay kind when its evidence is stronger: the day is then reported
      // with the count's score (positive: how improbable so many cancellations or so few flights
      // are), its band still that of the delay.
      double cancel = Math.max(nanToLowest(cancelScore[i]), nanToLowest(cancelRun[i]));
      if (flagging.flags(cancel) && cancel > strongest) {
        kind = AnomalyKind.CANCELLATIONS;
        score = cancel;
        strongest = cancel;
      }
      if (flagging.flags(collapseScore[i]) && collapseScore[i] > strongest) {
        kind = AnomalyKind.COLLAPSE;
        score = collapseScore[i];
      }
      verdicts.add(new Verdict(expected[i], lower, upper, score, kind));
    }
    return verdicts;
  }

  /** The day's delay score if its delay may flag it, else NaN. */
  private static double delayCandidate(DailyAirportStats day, double score) {
    if (day.departed() < MIN_DEPARTED) {
      return Double.NaN;
    }
    boolean oneBadFlight =
        day.departed() < FEW_DEPARTED
            && score > 0
            && (day.delayed15Share() == null || day.delayed15Share() < FEW_MIN_LATE_SHARE);
    return oneBadFlight ? Double.NaN : score;
  }

  /**
   * The delay score of a day of fewer than {@link #MIN_DEPARTED} departures that may take part in a
   * run (at least one departure, every one {@link #FEW_MIN_LATE_SHARE} 15+ minutes late: 1 of 1, 2
   * of 2), else NaN.
   */
  private static double fewFlightsAllLate(DailyAirportStats day, double score) {
    boolean allLate =
        day.departed() >= 1
            && day.departed() < MIN_DEPARTED
            && score > 0
            && day.delayed15Share() != null
            && day.delayed15Share() >= FEW_MIN_LATE_SHARE;
    return allLate ? score : Double.NaN;
  }

  private static double nanToLowest(double value) {
    return Double.isNaN(value) ? Double.NEGATIVE_INFINITY : value;
  }

  /**
   * Stouffer's sum of two standard scores, divided by its own spread on ordinary days (the two rise
   * together then): a day is judged on how late and how many. NaN without a delay.
   */
  private static double combine(double delayZ, double lateZ, double weight, double r) {
    if (Double.isNaN(delayZ)) {
      return Double.NaN;
    }
    return Double.isNaN(lateZ)
        ? delayZ
        : (delayZ + weight * lateZ) / Math.sqrt(1 + weight * weight + 2 * weight * r);
  }

  /**
   * The correlation of two scores over the days that have both, estimated robustly from the spreads
   * of their sum and difference (Gnanadesikan–Kettenring with the MAD): on an ordinary day both
   * move together, and the combined score must not count that twice. 0 when fewer than 10 days have
   * both.
   */
  static double robustCorrelation(double[] a, double[] b) {
    double[] sum = new double[a.length];
    double[] difference = new double[a.length];
    int count = 0;
    for (int i = 0; i < a.length; i++) {
      if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) {
        sum[count] = a[i] + b[i];
        difference[count] = a[i] - b[i];
        count++;
      }
    }
    if (count < 10) {
      return 0;
    }
    double s = mad(sum, count);
    double d = mad(difference, count);
    if (s * s + d * d == 0) {
      return 0;
    }
    return Math.max(-0.9, Math.min(0.95, (s * s - d * d) / (s * s + d * d)));
  }

  private static double mad(double[] values, int count) {
    double median = Medians.ofFirst(values, count);
    double[] deviations = new double[count];
    for (int i = 0; i < count; i++) {
      deviations[i] = Math.abs(values[i] - median);
    }
    return Medians.ofFirst(deviations, count);
  }

  private static DayNoise fitNoise(
      List<DailyAirportStats> series, double[] delays, double[] expected, int withDelay) {
    double[] residuals = new double[withDelay];
    int[] flights = new int[withDelay];
    int k = 0;
    for (int i = 0; i < delays.length; i++) {
      if (!Double.isNaN(delays[i])) {
        residuals[k] = delays[i] - expected[i];
        flights[k] = series.get(i).departed();
        k++;
      }
    }
    return DayNoise.fit(residuals, flights);
  }

  /** The median number of departures per weekday, for the band of days without departures. */
  private static int[] usualDepartedByWeekday(List<DailyAirportStats> series, int[] epochDays) {
    int[] usual = new int[7];
    double[] counts = new double[series.size()];
    for (int d = 0; d < 7; d++) {
      int k = 0;
      for (int i = 0; i < series.size(); i++) {
        if (Math.floorMod(epochDays[i], 7) == d) {
          counts[k++] = series.get(i).departed();
        }
      }
      usual[d] = k == 0 ? 0 : (int) Math.round(Medians.ofFirst(counts, k));
    }
    return usual;
  }

  private static int weekday(DailyAirportStats day) {
    return Math.floorMod((int) day.flightDate().toEpochDay(), 7);
  }
}
