package io.delaywatch.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The timetable: every flight an airport can operate on its busiest day, with carrier, flight
 * number, destination, scheduled departure and block time. The same flight number leaves at the
 * same time for the same destination every day it operates, as in a real timetable. Not API.
 *
 * <p>Built from the smallest airport up: a small airport's flights go to bigger ones (to the
 * carrier's hubs, for hub-and-spoke carriers), and each comes back as a return leg from there,
 * numbered next to it and leaving after a turnaround, so routes are flown both ways. What a bigger
 * airport still has to fly after its return legs goes to airports bigger still; the largest fly
 * among themselves.
 *
 * <p>Each airport's flights are ranked at random; on a day when the airport operates {@code n}
 * flights, those ranked below {@code n} fly. Flights are grouped by carrier and sorted by flight
 * number, the order in which the yearly files list a day's rows.
 */
final class Schedule {
  // Relative departures per local hour, 0..23: the morning push, a steady day, a thin late evening.
  private static final double[] HOURS = {
    0.15, 0.05, 0, 0, 0, 0.6, 5.5, 6.5, 6.5, 6, 6, 6, 6, 6, 6, 6, 6, 6.5, 6.5, 5.5, 4.5, 3, 1.6, 0.8
  };
  // Red-eyes leave the West and the islands late at night.
  private static final double[] RED_EYE_HOURS = {
    0.6, 0.2, 0, 0, 0, 0.6, 5.5, 6.5, 6.5, 6, 6, 6, 6, 6, 6, 6, 6, 6.5, 6.5, 5.5, 4.5, 3.5, 3, 2
  };
  private static final int MIN_ROUTE_MILES = 60;
  // Guam, Saipan and Pago Pago connect to the US network through Honolulu.
  private static final Set<String> PACIFIC_ISLANDS = Set.of("GU", "MP", "AS");
  private static final String PACIFIC_GATEWAY = "HNL";
  // How much more a point-to-point carrier flies to its focus cities.
  private static final double FOCUS_CITY_PULL = 3;

  /** Carriers with at least one flight, in row order. */
  final Carrier[] carriers;

  /** Per carrier (index as in {@link #carriers}), per flight sorted by flight number. */
  final int[][] origin;

  final int[][] destination;
  final int[][] number;

  /** Scheduled departure, minutes after local midnight. */
  final int[][] departure;

  /** CRS_ELAPSED_TIME, minutes. */
  final int[][] blockMinutes;

  /** Expected air time, minutes. */
  final int[][] airMinutes;

  final int[][] miles;

  /** The flight's rank among its origin's flights: it operates when the day's count exceeds it. */
  final int[][] rank;

  /** Flights per origin airport on its busiest day. */
  final int[] flightsPerAirport;

  /** Typical taxi-out, minutes, per catalog airport. */
  final double[] taxiOut;

  /** Typical taxi-in, minutes, per catalog airport. */
  final double[] taxiIn;

  /** One flight of the timetable while it is being built. */
  private static final class Leg {
    final int carrier;
    final int origin;
    final int destination;
    final int departure;
    final int block;
    final int air;
    final int miles;

    /** Outbound and return leg share a group, and get consecutive flight numbers. */
    final int group;

    final boolean isReturn;
    int rank;
    int number;

    Leg(
        int carrier,
        int origin,
        int destination,
        int departure,
        int block,
        int air,
        int miles,
        int group,
        boolean isReturn) {
      this.carrier = carrier;
      this.origin = origin;
      this.destination = destination;
      this.departure = departure;
      this.block = block;
      this.air = air;
      this.miles = miles;
      this.group = group;
      this.isReturn = isReturn;
    }
  }

  private Schedule(
      Carrier[] carriers,
      List<List<Leg>> byCarrier,
      int[] flightsPerAirport,
      double[] taxiOut,
      double[] taxiIn) {
    int n = carriers.length;
    this.carriers = carriers;
    this.origin = new int[n][];
    this.destination = new int[n][];
    this.number = new int[n][];
    this.departure = new int[n][];
    this.blockMinutes = new int[n][];
    this.airMinutes = new int[n][];
    this.miles = new int[n][];
    this.rank = new int[n][];
    for (int c = 0; c < n; c++) {
      List<Leg> legs = new ArrayList<>(byCarrier.get(c));
      legs.sort((x, y) -> Integer.compare(x.number, y.number));
      int size = legs.size();
      origin[c] = new int[size];
      destination[c] = new int[size];
      number[c] = new int[size];
      departure[c] = new int[size];
      blockMinutes[c] = new int[size];
      airMinutes[c] = new int[size];
      miles[c] = new int[size];
      rank[c] = new int[size];
      for (int i = 0; i < size; i++) {
        Leg leg = legs.get(i);
        origin[c][i] = leg.origin;
        destination[c][i] = leg.destination;
        number[c][i] = leg.number;
        departure[c][i] = leg.departure;
        blockMinutes[c][i] = leg.block;
        airMinutes[c][i] = leg.air;
        miles[c][i] = leg.miles;
        rank[c][i] = leg.rank;
      }
    }
    this.flightsPerAirport = flightsPerAirport;
    this.taxiOut = taxiOut;
    this.taxiIn = taxiIn;
  }

  /**
   * Builds the timetable of the first {@code origins} airports of {@code catalog} (the largest),
   * with {@code flightsPerAirport[a]} flights at airport {@code a}. Destinations are airports of
   * that set; only where the set offers none (a set of one) do they come from the whole catalog.
   */
  static Schedule build(
      List<Airport> catalog, int origins, int[] flightsPerAirport, SplitMix random) {
    return new Builder(catalog, origins, flightsPerAirport, random).build();
  }

  /** Lays out the timetable, smallest airport first. */
  private static final class Builder {
    private final Carrier[] all = Carrier.values();
    private final List<Airport> catalog;
    private final int origins;
    private final int[] flightsPerAirport;
    private final SplitMix random;
    private final double[] taxiOut;
    private final double[] taxiIn;
    private final double[][] presence;

    /** Per origin, the return legs it owes to smaller airports that fly to it. */
    private final List<List<Leg>> owed = new ArrayList<>();

    /** Per carrier, the outbound/return pairs numbered so far. */
    private final int[] groups = new int[all.length];

    Builder(List<Airport> catalog, int origins, int[] flightsPerAirport, SplitMix random) {
      this.catalog = catalog;
      this.origins = origins;
      this.flightsPerAirport = flightsPerAirport;
      this.random = random;
      int size = catalog.size();
      this.taxiOut = new double[size];
      this.taxiIn = new double[size];
      this.presence = new double[all.length][size];
      List<List<Airport>> hubs = new ArrayList<>();
      for (Carrier carrier : all) {
        hubs.add(catalog.stream().filter(carrier::isHub).toList());
      }
      for (int b = 0; b < size; b++) {
        Airport airport = catalog.get(b);
        double log = StrictMath.log10(Math.max(1, airport.dailyDepartures()));
        // Busy airports have long taxi queues: ~9 minutes out at a small field, ~19 at ATL.
        taxiOut[b] = 9 + 3.3 * log;
        taxiIn[b] = 4 + 1.6 * log;
        for (Carrier carrier : all) {
          int c = carrier.ordinal();
          presence[c][b] = carrier.presence(airport, milesToNearest(airport, hubs.get(c)));
        }
      }
      for (int a = 0; a < origins; a++) {
        owed.add(new ArrayList<>());
      }
    }

    Schedule build() {
      List<List<Leg>> byCarrier = new ArrayList<>();
      for (int c = 0; c < all.length; c++) {
        byCarrier.add(new ArrayList<>());
      }
      for (int a = origins - 1; a >= 0; a--) {
        List<Leg> legs = legsFrom(a);
        int[] ranks = permutation(legs.size(), random);
        for (int i = 0; i < legs.size(); i++) {
          Leg leg = legs.get(i);
          leg.rank = ranks[i];
          byCarrier.get(leg.carrier).add(leg);
        }
      }
      List<Carrier> used = new ArrayList<>();
      List<List<Leg>> usedLegs = new ArrayList<>();
      for (Carrier carrier : all) {
        List<Leg> legs = byCarrier.get(carrier.ordinal());
        if (!legs.isEmpty()) {
          int[] numbers = flightNumbers(carrier, groups[carrier.ordinal()], random);
          for (Leg leg : legs) {
            leg.number = numbers[leg.group] + (leg.isReturn ? 1 : 0);
          }
          used.add(carrier);
          usedLegs.add(legs);
        }
      }
      return new Schedule(
          used.toArray(new Carrier[0]), usedLegs, flightsPerAirport, taxiOut, taxiIn);
    }

    /** Airport {@code a}'s flights: the return legs it owes, then new routes to bigger airports. */
    private List<Leg> legsFrom(int a) {
      int size = catalog.size();
      int wanted = flightsPerAirport[a];
      List<Leg> returns = owed.get(a);
      shuffle(returns, random);
      List<Leg> legs = new ArrayList<>(returns.subList(0, Math.min(returns.size(), wanted)));
      if (legs.size() == wanted) {
        return legs;
      }
      Airport from = catalog.get(a);
      int[] milesTo = new int[size];
      for (int b = 0; b < size; b++) {
        milesTo[b] = b == a ? 0 : from.milesTo(catalog.get(b));
      }
      double[][] routes = new double[all.length][];
      double[] carrierWeights = new double[all.length];
      // Bigger airports first (they fly the return legs), then any of the set, then any at all.
      for (int pool : new int[] {a, origins, size}) {
        boolean any = false;
        for (Carrier carrier : all) {
          int c = carrier.ordinal();
          routes[c] =
              presence[c][a] > 0
                  ? routeWeights(carrier, a, catalog, pool, presence[c], milesTo)
                  : null;
          carrierWeights[c] = routes[c] == null ? 0 : presence[c][a];
          any |= routes[c] != null;
        }
        if (any) {
          break;
        }
      }
      double[] hours = from.standardOffsetMinutes() <= -8 * 60 ? RED_EYE_HOURS : HOURS;
      while (legs.size() < wanted) {
        int c = random.weighted(carrierWeights);
        int to = random.weighted(routes[c]);
        // Prefer a destination with a free slot left for the return leg.
        for (int retry = 0; retry < 10 && to < a && isFull(to); retry++) {
          to = random.weighted(routes[c]);
        }
        int departure = Math.max(5, 60 * random.weighted(hours) + random.nextInt(60));
        if (random.chance(0.7)) {
          // Most timetables leave on the five minutes.
          departure = departure / 5 * 5;
        }
        Leg out = leg(c, a, to, departure, milesTo[to], groups[c]++, false);
        legs.add(out);
        if (to < a) {
          owed.get(to).add(leg(c, to, a, returnDeparture(out), milesTo[to], out.group, true));
        }
      }
      return legs;
    }

    private boolean isFull(int airport) {
      return owed.get(airport).size() >= flightsPerAirport[airport];
    }

    private Leg leg(
        int carrier, int from, int to, int departure, int miles, int group, boolean isReturn) {
      // Flying east rides the jet stream.
      double wind = catalog.get(to).longitude() > catalog.get(from).longitude() ? 0.96 : 1.04;
      int air = (int) Math.round(16 + miles * 0.115 * wind);
      int padding = 2 + random.nextInt(11);
      int block = (int) Math.round(taxiOut[from] + air + taxiIn[to] + padding);
      return new Leg(carrier, from, to, departure, block, air, miles, group, isReturn);
    }

    /** The return leg leaves after a turnaround, or with the first wave if that is at night. */
    private int returnDeparture(Leg out) {
      int shift =
          catalog.get(out.destination).standardOffsetMinutes()
              - catalog.get(out.origin).standardOffsetMinutes();
      int arrival = out.departure + out.block + shift;
      int back = Math.floorMod(arrival + all[out.carrier].turnaroundMinutes(random), 24 * 60);
      if (back < 5 || (back > 60 && back < 330)) {
        back = 360 + 5 * random.nextInt(18);
      }
      return back;
    }
  }

  /**
   * How often {@code carrier} flies from airport {@code a} to each of the first {@code pool}
   * airports: big destinations more, far ones much less; from a spoke, only to its hubs (or more to
   * its focus cities, for point-to-point carriers); from the Pacific islands, to Honolulu. Null
   * when it has nowhere to fly.
   */
  private static double[] routeWeights(
      Carrier carrier, int a, List<Airport> catalog, int pool, double[] presence, int[] milesTo) {
    Airport from = catalog.get(a);
    boolean fromHub = carrier.isHub(from);
    boolean pacific = PACIFIC_ISLANDS.contains(from.state());
    double reach = carrier.reachMiles(from);
    double[] weights = new double[catalog.size()];
    boolean any = false;
    for (int b = 0; b < pool; b++) {
      if (b == a || milesTo[b] < MIN_ROUTE_MILES || presence[b] <= 0 && !pacific) {
        continue;
      }
      Airport to = catalog.get(b);
      boolean toHub = carrier.isHub(to);
      boolean allowed =
          pacific ? to.code().equals(PACIFIC_GATEWAY) : fromHub || toHub || !carrier.feedsHubs();
      if (!allowed) {
        continue;
      }
      // A gravity model: size against distance, steeper for a spoke choosing among its hubs
      // (it mostly flies to the nearest).
      double ratio = milesTo[b] / reach;
      double decay = ratio * ratio * ratio * (!fromHub && carrier.feedsHubs() ? ratio : 1);
      double weight = StrictMath.pow(to.dailyDepartures(), 0.8) / (1 + decay);
      if (!fromHub && toHub && !carrier.feedsHubs()) {
        weight *= FOCUS_CITY_PULL;
      }
      weights[b] = weight;
      any = true;
    }
    return any ? weights : null;
  }

  private static double milesToNearest(Airport airport, List<Airport> hubs) {
    double nearest = Double.MAX_VALUE;
    for (Airport hub : hubs) {
      nearest = Math.min(nearest, airport.milesTo(hub));
    }
    return nearest;
  }

  /**
   * A first flight number for each of {@code groups} outbound/return pairs: even spacing with small
   * random gaps through the carrier's range, in random order.
   */
  private static int[] flightNumbers(Carrier carrier, int groups, SplitMix random) {
    int range = carrier.lastNumber() - carrier.firstNumber();
    int gap = Math.max(2, Math.min(6, range / Math.max(1, groups)));
    int[] numbers = new int[groups];
    int next = random.nextInt(Math.max(1, range - groups * gap + 1));
    for (int i = 0; i < groups; i++) {
      numbers[i] = carrier.firstNumber() + next % range;
      next += 2 + random.nextInt(gap - 1);
    }
    for (int i = groups - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = numbers[i];
      numbers[i] = numbers[j];
      numbers[j] = t;
    }
    return numbers;
  }

  private static int[] permutation(int n, SplitMix random) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  private static <T> void shuffle(List<T> list, SplitMix random) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      T t = list.get(i);
      list.set(i, list.get(j));
      list.set(j, t);
    }
  }
}
