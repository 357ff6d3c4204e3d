package io.delaywatch.sample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * Which airport-days get which planted event, and what each does to the day: extra delay,
 * cancellations, a thinner schedule. Drawn from its own random stream, so the plan depends on the
 * seed, the year and the airports, never on the number of rows. Not API.
 *
 * <p>At most one event per airport-day, and none within three days of another event at the same
 * airport (holidays included), so every label describes its day alone.
 */
final class AnomalyPlan {
  private static final int MARGIN_DAYS = 3;

  /**
   * Waves, collapses and ground stops are planted only at airports with this many departures a day,
   * and a hub event's shift at a smaller airport is labelled {@link LabelKind#HUB_SPILLOVER}: at a
   * field with a handful of flights, two cancellations, a held hour or 25 minutes more on average
   * are no event.
   */
  static final double EVENT_MIN_DEPARTURES = 30;

  // January..December: blizzards early in the year, hurricanes in late summer.
  private static final double[] CLOSURE_MONTHS = {3, 3, 2, 1, 1, 1, 1, 2, 3, 2, 1, 2};
  // Summer thunderstorms and winter storms.
  private static final double[] STORM_MONTHS = {3, 3, 2, 2, 2, 4, 5, 4, 2, 1, 1, 3};
  private static final int DRIFT_RISE_DAYS = 30;
  private static final int DRIFT_DAYS = 2 * DRIFT_RISE_DAYS - 1;

  private final List<Airport> airports;
  private final YearCalendar calendar;
  private final SplitMix random;
  private final int days;
  private final LabelKind[][] kind;
  private final float[][] extraDelay;
  private final float[][] delayShift;
  private final float[][] cancelledShare;
  private final float[][] closedShare;
  private final float[][] volume;
  private final short[][] stopFrom;
  private final short[][] stopTo;
  private final boolean dropCancelled;

  private AnomalyPlan(
      List<Airport> airports, YearCalendar calendar, SplitMix random, boolean dropCancelled) {
    this.dropCancelled = dropCancelled;
    this.airports = airports;
    this.calendar = calendar;
    this.random = random;
    this.days = calendar.days();
    int n = airports.size();
    this.kind = new LabelKind[n][days];
    this.extraDelay = new float[n][days];
    this.delayShift = new float[n][days];
    this.cancelledShare = new float[n][days];
    this.closedShare = new float[n][days];
    this.volume = new float[n][days];
    this.stopFrom = new short[n][days];
    this.stopTo = new short[n][days];
    for (float[] row : volume) {
      Arrays.fill(row, 1f);
    }
  }

  /**
   * Plans the year of {@code airports} (largest first): a few events a year at the large airports,
   * fewer at small ones.
   */
  static AnomalyPlan plan(
      List<Airport> airports, YearCalendar calendar, SplitMix random, boolean dropCancelled) {
    AnomalyPlan plan = new AnomalyPlan(airports, calendar, random, dropCancelled);
    plan.placeHolidays();
    // Longest first: a drift needs two free months.
    plan.placeDrifts();
    plan.placeHubEvents();
    plan.placeClosures();
    plan.placeStorms();
    plan.placeSpikes();
    // Drawn last, so that the events above stay where they were before these kinds existed.
    plan.placeCancellationWaves();
    plan.placeCollapses();
    plan.placeGroundStops();
    return plan;
  }

  /** The event planted on that airport-day, or null. */
  LabelKind kind(int airport, int day) {
    return kind[airport][day];
  }

  /** Mean extra departure delay, in minutes, from a spike, storm or hub event. */
  double extraDelay(int airport, int day) {
    return extraDelay[airport][day];
  }

  /** A shift of the whole day's delay level, in minutes (drift). */
  double delayShift(int airport, int day) {
    return delayShift[airport][day];
  }

  /**
   * The chance that a flight is cancelled (storm, wave, collapse), 0 for the day's usual chance, or
   * below 0 for none at all (a collapse whose cancellations were all left out).
   */
  double cancelledShare(int airport, int day) {
    return cancelledShare[airport][day];
  }

  /** The exact share of the day's flights cancelled by a closure, or 0. */
  double closedShare(int airport, int day) {
    return closedShare[airport][day];
  }

  /**
   * The ground stop's window on that airport-day, minutes after midnight: departures scheduled in
   * [from, to) are held; from == to when there is none.
   */
  int stopFrom(int airport, int day) {
    return stopFrom[airport][day];
  }

  int stopTo(int airport, int day) {
    return stopTo[airport][day];
  }

  /** The day's schedule relative to an ordinary day like it (below 1 on holidays). */
  double volume(int airport, int day) {
    return volume[airport][day];
  }

  /**
   * The labels, by date then airport code, of the planted airport-days for which {@code hadFlights}
   * holds (a label on a day without rows could not be checked).
   */
  List<Label> labels(BiPredicate<Integer, Integer> hadFlights) {
    List<Label> labels = new ArrayList<>();
    for (int day = 0; day < days; day++) {
      List<Label> today = new ArrayList<>();
      for (int a = 0; a < airports.size(); a++) {
        if (kind[a][day] != null && hadFlights.test(a, day)) {
          today.add(new Label(airports.get(a).code(), calendar.date(day), kind[a][day]));
        }
      }
      today.sort((x, y) -> x.airport().compareTo(y.airport()));
      labels.addAll(today);
    }
    return labels;
  }

  private enum Size {
    LARGE,
    MEDIUM,
    SMALL
  }

  private static Size size(Airport airport) {
    double daily = airport.dailyDepartures();
    return daily >= 150 ? Size.LARGE : daily >= 30 ? Size.MEDIUM : Size.SMALL;
  }

  private void placeHolidays() {
    for (int a = 0; a < airports.size(); a++) {
      for (int day : calendar.holidays()) {
        kind[a][day] = LabelKind.HOLIDAY_DIP;
        volume[a][day] = (float) random.uniform(0.6, 0.8);
      }
    }
  }

  private void placeHubEvents() {
    for (int hub = 0; hub < airports.size(); hub++) {
      if (airports.get(hub).dailyDepartures() < 250) {
        continue;
      }
      int day = findStart(hub, 1, null);
      if (day < 0) {
        continue;
      }
      mark(hub, day, LabelKind.HUB_EVENT);
      extraDelay[hub][day] = (float) random.uniform(40, 90);
      double[] weights = new double[airports.size()];
      for (int b = 0; b < airports.size(); b++) {
        if (b != hub && isFree(b, day - 1, day + 1)) {
          weights[b] = Math.sqrt(airports.get(b).dailyDepartures());
        }
      }
      int spokes = 2 + random.nextInt(3);
      for (int i = 0; i < spokes; i++) {
        int spoke = random.weighted(weights);
        if (spoke < 0) {
          break;
        }
        weights[spoke] = 0;
        // At a field of a few flights the shift is within its ordinary days' swings: planted all
        // the same (a hub's bad day reaches small fields too), but not a day to score.
        mark(spoke, day, eventSized(spoke) ? LabelKind.HUB_EVENT : LabelKind.HUB_SPILLOVER);
        extraDelay[spoke][day] = (float) random.uniform(15, 35);
      }
    }
  }

  private void placeClosures() {
    for (int a = 0; a < airports.size(); a++) {
      if (!random.chance(probability(a, 1, 0.3, 0.15))) {
        continue;
      }
      int day = findStart(a, 1, CLOSURE_MONTHS);
      if (day >= 0) {
        mark(a, day, LabelKind.CLOSURE);
        closedShare[a][day] = (float) random.uniform(0.7, 1.0);
      }
    }
  }

  private void placeStorms() {
    for (int a = 0; a < airports.size(); a++) {
      int storms =
          size(airports.get(a)) == Size.LARGE
              ? 1 + (random.chance(0.3) ? 1 : 0)
              : random.chance(probability(a, 1, 0.6, 0.25)) ? 1 : 0;
      for (int i = 0; i < storms; i++) {
        int length = 2 + random.nextInt(3);
        int start = findStart(a, length, STORM_MONTHS);
        if (start < 0) {
          continue;
        }
        for (int day = start; day < start + length; day++) {
          mark(a, day, LabelKind.STORM);
          extraDelay[a][day] = (float) random.uniform(40, 100);
          cancelledShare[a][day] = (float) random.uniform(0.10, 0.30);
        }
      }
    }
  }

  private void placeDrifts() {
    // Every sixth airport from the largest down to medium ones: a handful a year, the largest
    // airport always among them.
    for (int a = 0; a < airports.size(); a += 6) {
      if (size(airports.get(a)) == Size.SMALL) {
        break;
      }
      int start = findStart(a, DRIFT_DAYS, null);
      if (start < 0) {
        continue;
      }
      for (int t = 0; t < DRIFT_DAYS; t++) {
        mark(a, start + t, LabelKind.DRIFT);
        delayShift[a][start + t] = t < DRIFT_RISE_DAYS ? t + 1 : 2 * DRIFT_RISE_DAYS - 1 - t;
      }
    }
  }

  private void placeSpikes() {
    for (int a = 0; a < airports.size(); a++) {
      int spikes =
          switch (size(airports.get(a))) {
            case LARGE -> 2;
            case MEDIUM -> 1 + (random.chance(0.5) ? 1 : 0);
            case SMALL -> random.chance(0.5) ? 1 : 0;
          };
      for (int i = 0; i < spikes; i++) {
        int day = findStart(a, 1, null);
        if (day >= 0) {
          mark(a, day, LabelKind.SPIKE);
          extraDelay[a][day] = (float) random.uniform(60, 150);
        }
      }
    }
  }

  private void placeCancellationWaves() {
    // A file without cancelled rows cannot show a wave: there its days would be ordinary.
    if (dropCancelled) {
      return;
    }
    for (int a = 0; a < airports.size(); a++) {
      if (!eventSized(a) || !random.chance(probability(a, 1, 0.7, 0))) {
        continue;
      }
      int day = findStart(a, 1, CLOSURE_MONTHS);
      if (day >= 0) {
        mark(a, day, LabelKind.CANCELLATION_WAVE);
        cancelledShare[a][day] = (float) random.uniform(0.10, 0.40);
        extraDelay[a][day] = (float) random.uniform(5, 20);
      }
    }
  }

  private void placeCollapses() {
    for (int a = 0; a < airports.size(); a++) {
      if (!eventSized(a) || !random.chance(probability(a, 1, 0.6, 0))) {
        continue;
      }
      int day = findStart(a, 1, CLOSURE_MONTHS);
      if (day >= 0) {
        mark(a, day, LabelKind.COLLAPSE);
        volume[a][day] = (float) random.uniform(0.10, 0.45);
        // Half keep a few cancelled rows among the flights still scheduled, half none.
        cancelledShare[a][day] = random.chance(0.5) ? (float) random.uniform(0.02, 0.10) : -1f;
      }
    }
  }

  private void placeGroundStops() {
    for (int a = 0; a < airports.size(); a++) {
      if (!eventSized(a) || !random.chance(probability(a, 1, 0.6, 0))) {
        continue;
      }
      int day = findStart(a, 1, STORM_MONTHS);
      if (day >= 0) {
        mark(a, day, LabelKind.GROUND_STOP);
        int from = 60 * (10 + random.nextInt(7));
        stopFrom[a][day] = (short) from;
        stopTo[a][day] = (short) (from + 60 * (3 + random.nextInt(3)));
        extraDelay[a][day] = (float) random.uniform(90, 240);
      }
    }
  }

  /** Whether {@code airport} has {@link #EVENT_MIN_DEPARTURES} or more departures a day. */
  private boolean eventSized(int airport) {
    return airports.get(airport).dailyDepartures() >= EVENT_MIN_DEPARTURES;
  }

  private double probability(int airport, double large, double medium, double small) {
    return switch (size(airports.get(airport))) {
      case LARGE -> large;
      case MEDIUM -> medium;
      case SMALL -> small;
    };
  }

  /**
   * A first day for an event of {@code length} days with {@link #MARGIN_DAYS} free around it, its
   * month drawn by {@code monthWeights} (null: any day alike); -1 when none was found.
   */
  private int findStart(int airport, int length, double[] monthWeights) {
    for (int attempt = 0; attempt < 200; attempt++) {
      int start;
      if (monthWeights == null) {
        start = random.nextInt(days - length + 1);
      } else {
        int month = random.weighted(monthWeights);
        int first = calendar.dayOf(calendar.date(0).withMonth(month + 1));
        int monthDays = calendar.date(first).lengthOfMonth();
        start = Math.min(first + random.nextInt(monthDays), days - length);
      }
      if (isFree(airport, start - MARGIN_DAYS, start + length - 1 + MARGIN_DAYS)) {
        return start;
      }
    }
    return -1;
  }

  private boolean isFree(int airport, int from, int to) {
    for (int day = Math.max(0, from); day <= Math.min(days - 1, to); day++) {
      if (kind[airport][day] != null) {
        return false;
      }
    }
    return true;
  }

  private void mark(int airport, int day, LabelKind what) {
    kind[airport][day] = what;
  }
}
