package io.delaywatch.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Flies the timetable through the year, day by day, and writes one row per scheduled departure as
 * the Kaggle files have it. Rows are written as they are drawn; memory holds only the timetable and
 * today's state per airport. Not API; not thread-safe.
 *
 * <p>A departure's delay is a mixture: most flights leave within ten minutes of schedule (normal,
 * mean -4, sd 5.5), the rest join a long right tail (exponential, mean 45). The day's level moves
 * the share in the tail: the airport's own level (hubs run later), the weekday and season, a
 * weather term that persists for a few days, the hour (evenings run later), and any planted event.
 * A year averages about 10 minutes, 1.7% cancelled and 0.2% diverted, like the real ones.
 */
final class YearSimulation {
  private static final Map<String, Double> CONGESTION =
      Map.of(
          "EWR", 3.0, "LGA", 3.0, "JFK", 2.0, "ORD", 2.0, "SFO", 2.0, "MDW", 1.5, "BOS", 1.0, "DAL",
          1.0, "HNL", -3.0);
  private static final double BASE_DIVERTED = 0.002;
  private static final double STORM_DIVERTED = 0.01;
  // Cancellation codes A (carrier), B (weather), C (national air system), D (security).
  private static final byte[] CODES = {'A', 'B', 'C', 'D'};
  private static final double[] CODES_ORDINARY = {0.30, 0.42, 0.28, 0.002};
  private static final double[] CODES_WEATHER = {0.05, 0.85, 0.10, 0};
  // Cause columns in file order: carrier, weather, NAS, security, late aircraft.
  private static final int NAS = 2;
  private static final int LATE_AIRCRAFT = 4;
  private static final double[] CAUSES_ORDINARY = {0.36, 0.05, 0.17, 0.004, 0.38};
  private static final double[] CAUSES_STORM = {0.10, 0.55, 0.25, 0, 0.10};
  private static final double[] CAUSES_SPIKE = {0.15, 0.35, 0.35, 0.002, 0.15};
  private static final double[] CAUSES_HUB = {0.30, 0.10, 0.35, 0, 0.25};
  private static final byte[] ONE = "1.0".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ZERO = "0.0".getBytes(StandardCharsets.US_ASCII);

  private final List<Airport> catalog;
  private final int origins;
  private final YearCalendar calendar;
  private final AnomalyPlan plan;
  private final Schedule schedule;
  private final double[] dailyFlights;
  private final SplitMix days;
  private final SplitMix flights;
  private final byte[][] codes;
  private final boolean[][] hadFlights;

  private final double[] bias;
  private final double[] weather;
  private final int[] utcOffset;
  private final int[] operating;
  private final int[] closed;
  private final int[] closedOffset;
  private final double[] level;
  private final double[] extra;
  private final double[] cancelChance;
  private final int[] stopFrom;
  private final int[] stopTo;
  private final boolean dropCancelled;
  private final LabelKind[] event;
  private final int[] causes = new int[5];

  /**
   * @param dailyFlights the flights each origin operates on an average day, before the calendar's
   *     and the plan's factors
   */
  YearSimulation(
      List<Airport> catalog,
      int origins,
      YearCalendar calendar,
      AnomalyPlan plan,
      Schedule schedule,
      double[] dailyFlights,
      SplitMix airports,
      SplitMix days,
      SplitMix flights,
      boolean dropCancelled) {
    this.dropCancelled = dropCancelled;
    this.catalog = catalog;
    this.origins = origins;
    this.calendar = calendar;
    this.plan = plan;
    this.schedule = schedule;
    this.dailyFlights = dailyFlights;
    this.days = days;
    this.flights = flights;
    this.codes = new byte[catalog.size()][];
    for (int b = 0; b < catalog.size(); b++) {
      codes[b] = catalog.get(b).code().getBytes(StandardCharsets.US_ASCII);
    }
    this.hadFlights = new boolean[origins][calendar.days()];
    this.bias = new double[origins];
    for (int a = 0; a < origins; a++) {
      Airport airport = catalog.get(a);
      // Hubs run a little later than small fields; a few airports are known for it.
      double size = StrictMath.log10(Math.max(0.1, airport.dailyDepartures()) / 20);
      bias[a] =
          Math.max(-1.5, Math.min(2.5, 1.2 * size))
              + 1.2 * airports.gaussian()
              + CONGESTION.getOrDefault(airport.code(), 0.0);
    }
    this.weather = new double[origins];
    this.utcOffset = new int[catalog.size()];
    this.operating = new int[origins];
    this.closed = new int[origins];
    this.closedOffset = new int[origins];
    this.level = new double[origins];
    this.extra = new double[origins];
    this.cancelChance = new double[origins];
    this.stopFrom = new int[origins];
    this.stopTo = new int[origins];
    this.event = new LabelKind[origins];
  }

  /** Writes every row of the year; returns how many. */
  long run(CsvBytes out) throws IOException {
    long rows = 0;
    for (int day = 0; day < calendar.days(); day++) {
      prepare(day);
      byte[] date = calendar.dateBytes(day);
      for (int c = 0; c < schedule.carriers.length; c++) {
        byte[] carrier = schedule.carriers[c].code().getBytes(StandardCharsets.US_ASCII);
        int[] origin = schedule.origin[c];
        int[] rank = schedule.rank[c];
        for (int i = 0; i < origin.length; i++) {
          if (rank[i] < operating[origin[i]] && writeRow(out, date, carrier, c, i)) {
            hadFlights[origin[i]][day] = true;
            rows++;
          }
        }
      }
    }
    return rows;
  }

  /** Whether origin {@code airport} had at least one row on {@code day} (after {@link #run}). */
  boolean hadFlights(int airport, int day) {
    return hadFlights[airport][day];
  }

  private void prepare(int day) {
    boolean dst = calendar.daylightSaving(day);
    for (int b = 0; b < catalog.size(); b++) {
      utcOffset[b] = catalog.get(b).utcOffsetMinutes(dst);
    }
    for (int a = 0; a < origins; a++) {
      // Stochastic rounding of the expected count: exact on average, never more than the timetable.
      double expected = dailyFlights[a] * calendar.volume(day) * plan.volume(a, day);
      int n = (int) Math.ceil(expected - days.nextDouble());
      n = Math.max(0, Math.min(schedule.flightsPerAirport[a], n));
      operating[a] = n;
      weather[a] = 0.55 * weather[a] + 2.8 * days.gaussian();
      event[a] = plan.kind(a, day);
      level[a] = bias[a] + calendar.delayShift(day) + weather[a] + plan.delayShift(a, day);
      extra[a] = plan.extraDelay(a, day);
      double storm = plan.cancelledShare(a, day);
      // A drift is a slow change of the delay level (congestion, construction), not weather:
      // it leaves the cancellation rate alone, or weeks of it would be a cancellation wave.
      double ordinary =
          calendar.cancelledShare(day)
              * StrictMath.exp((level[a] - plan.delayShift(a, day) - 5) / 10)
              * (event[a] == LabelKind.SPIKE || hubEvent(event[a]) ? 2 : 1);
      cancelChance[a] = storm > 0 ? storm : storm < 0 ? 0 : Math.min(0.25, ordinary);
      stopFrom[a] = plan.stopFrom(a, day);
      stopTo[a] = plan.stopTo(a, day);
      // A closure cancels an exact share of the day's flights, chosen by rank.
      closed[a] = (int) Math.ceil(plan.closedShare(a, day) * n);
      closedOffset[a] = days.nextInt(Math.max(1, n));
    }
  }

  /** Writes one departure, unless it was cancelled and cancellations are left out; says which. */
  private boolean writeRow(CsvBytes out, byte[] date, byte[] carrier, int c, int i)
      throws IOException {
    int a = schedule.origin[c][i];
    int to = schedule.destination[c][i];
    int scheduled = schedule.departure[c][i];
    int block = schedule.blockMinutes[c][i];
    int shift = utcOffset[to] - utcOffset[a];
    boolean closure = closed[a] > 0;
    boolean cancelled =
        closure
            ? (schedule.rank[c][i] + closedOffset[a]) % operating[a] < closed[a]
            : flights.chance(cancelChance[a]);
    if (cancelled && dropCancelled) {
      return false;
    }
    boolean diverted = false;
    boolean departed = true;
    int delay = 0;
    int taxiOut = 0;
    int air = 0;
    int taxiIn = 0;
    if (cancelled) {
      // A few real cancellations left the gate first and kept their departure time.
      departed = event[a] == null && flights.chance(0.03);
      if (departed) {
        delay = departureDelay(a, scheduled);
      }
    } else {
      delay =
          closure
              ? Math.min(0, (int) Math.round(-4 + 3 * flights.gaussian()))
              : departureDelay(a, scheduled);
      boolean bad = stormy(event[a]) || closure;
      taxiOut =
          (int)
              Math.max(
                  2,
                  Math.round(
                      schedule.taxiOut[a]
                          + 3 * flights.gaussian()
                          + (flights.chance(0.1) ? flights.exponential(8) : 0)
                          + (bad ? flights.exponential(6) : 0)));
      double airMinutes = schedule.airMinutes[c][i] * (1 + 0.03 * flights.gaussian());
      air = (int) Math.max(8, Math.round(airMinutes));
      taxiIn =
          (int)
              Math.max(
                  1,
                  Math.round(
                      schedule.taxiIn[to]
                          + 1.8 * flights.gaussian()
                          + (flights.chance(0.05) ? flights.exponential(6) : 0)));
      diverted = flights.chance(bad ? STORM_DIVERTED : BASE_DIVERTED);
    }
    boolean tookOff = !cancelled;
    boolean arrived = tookOff && !diverted;
    int wheelsOff = scheduled + delay + taxiOut;
    int wheelsOn = wheelsOff + air + shift;
    int elapsed = taxiOut + air + taxiIn;
    int arrivalDelay = delay + elapsed - block;

    out.raw(date);
    out.comma();
    out.raw(carrier);
    out.comma();
    out.integer(schedule.number[c][i]);
    out.comma();
    out.raw(codes[a]);
    out.comma();
    out.raw(codes[to]);
    out.comma();
    out.integer(clock(scheduled));
    out.comma();
    if (departed) {
      out.decimal(clock(scheduled + delay));
      out.comma();
      out.decimal(delay);
    } else {
      out.comma();
    }
    out.comma();
    if (tookOff) {
      out.decimal(taxiOut);
      out.comma();
      out.decimal(clock(wheelsOff));
    } else {
      out.comma();
    }
    out.comma();
    if (arrived) {
      out.decimal(clock(wheelsOn));
      out.comma();
      out.decimal(taxiIn);
    } else {
      out.comma();
    }
    out.comma();
    out.integer(clock(scheduled + block + shift));
    out.comma();
    if (arrived) {
      out.decimal(clock(wheelsOn + taxiIn));
      out.comma();
      out.decimal(arrivalDelay);
    } else {
      out.comma();
    }
    out.comma();
    out.raw(cancelled ? ONE : ZERO);
    out.comma();
    if (cancelled) {
      boolean weatherDay = stormy(event[a]) || closure;
      out.ascii(CODES[flights.weighted(weatherDay ? CODES_WEATHER : CODES_ORDINARY)]);
    }
    out.comma();
    out.raw(diverted ? ONE : ZERO);
    out.comma();
    out.decimal(block);
    out.comma();
    if (arrived) {
      out.decimal(elapsed);
      out.comma();
      out.decimal(air);
    } else {
      out.comma();
    }
    out.comma();
    out.decimal(schedule.miles[c][i]);
    out.comma();
    // The cause columns are reported only for arrivals 15 or more minutes late, and add up to it.
    if (arrived && arrivalDelay >= 15) {
      splitCauses(a, scheduled, delay, arrivalDelay);
      for (int cause : causes) {
        out.decimal(cause);
        out.comma();
      }
    } else {
      for (int k = 0; k < causes.length; k++) {
        out.comma();
      }
    }
    // Unnamed: 27 stays empty.
    out.endRow();
    return true;
  }

  /** Splits an arrival delay into the five cause columns ({@link #causes}). */
  private void splitCauses(int a, int scheduled, int departureDelay, int arrivalDelay) {
    Arrays.fill(causes, 0);
    // What the flight lost after leaving the gate is the air system's (NAS).
    int enRoute = Math.min(arrivalDelay, Math.max(0, arrivalDelay - Math.max(0, departureDelay)));
    int rest = arrivalDelay - enRoute;
    double[] weights =
        event[a] == null || event[a] == LabelKind.DRIFT || event[a] == LabelKind.HOLIDAY_DIP
            ? CAUSES_ORDINARY
            : stormy(event[a]) || event[a] == LabelKind.CLOSURE
                ? CAUSES_STORM
                : event[a] == LabelKind.SPIKE ? CAUSES_SPIKE : CAUSES_HUB;
    // Late aircraft snowball through the day.
    int hour = scheduled / 60;
    int primary =
        weights == CAUSES_ORDINARY && hour >= 16 && flights.chance((hour - 15) * 0.04)
            ? LATE_AIRCRAFT
            : flights.weighted(weights);
    if (rest > 0 && flights.chance(0.35)) {
      int secondary = flights.weighted(weights);
      int part = (int) Math.round(rest * flights.uniform(0.5, 0.9));
      causes[primary] += part;
      causes[secondary] += rest - part;
    } else {
      causes[primary] += rest;
    }
    causes[NAS] += enRoute;
  }

  /** A hub event's day, at the hub or at another airport, scored or not. */
  private static boolean hubEvent(LabelKind event) {
    return event == LabelKind.HUB_EVENT || event == LabelKind.HUB_SPILLOVER;
  }

  /** Events whose cancellations and delays are the weather's. */
  private static boolean stormy(LabelKind event) {
    return event == LabelKind.STORM
        || event == LabelKind.CANCELLATION_WAVE
        || event == LabelKind.COLLAPSE;
  }

  private int departureDelay(int a, int scheduled) {
    double hour = scheduled / 60.0;
    double dayLevel = level[a] + (hour - 13) * 0.9;
    double tail = Math.max(0.03, Math.min(0.85, 0.16 + dayLevel / 48));
    double delay = flights.chance(tail) ? flights.exponential(45) : -4 + 5.5 * flights.gaussian();
    boolean held = stopFrom[a] == stopTo[a] || scheduled >= stopFrom[a] && scheduled < stopTo[a];
    if (extra[a] > 0 && held) {
      delay += extra[a] * (0.4 + flights.exponential(0.6));
    }
    return (int) Math.max(-40, Math.min(1500, Math.round(delay)));
  }

  private static int clock(int minutes) {
    int m = Math.floorMod(minutes, 24 * 60);
    int hhmm = m / 60 * 100 + m % 60;
    // The files write midnight as 2400.
    return hhmm == 0 ? 2400 : hhmm;
  }
}
