package io.delaywatch.sample;

import java.util.Set;

/**
 * The reporting carriers the generator schedules, in the order their rows appear each day. Not API.
 */
enum Carrier {
  AMERICAN(
      "AA",
      Kind.LEGACY,
      0.13,
      1,
      2999,
      "DFW",
      "CLT",
      "ORD",
      "MIA",
      "PHX",
      "PHL",
      "LAX",
      "JFK",
      "LGA",
      "DCA"),
  DELTA(
      "DL",
      Kind.LEGACY,
      0.13,
      1,
      2999,
      "ATL",
      "DTW",
      "MSP",
      "SLC",
      "JFK",
      "LGA",
      "BOS",
      "SEA",
      "LAX"),
  UNITED("UA", Kind.LEGACY, 0.08, 1, 2199, "ORD", "DEN", "IAH", "EWR", "SFO", "IAD", "LAX"),
  SOUTHWEST(
      "WN",
      Kind.POINT_TO_POINT,
      0.19,
      1,
      6999,
      "MDW",
      "BWI",
      "LAS",
      "DAL",
      "HOU",
      "DEN",
      "PHX",
      "OAK",
      "MCO",
      "ATL",
      "BNA",
      "STL",
      "MCI",
      "AUS",
      "SAN",
      "LAX"),
  ALASKA("AS", Kind.WEST_COAST, 0.03, 1, 999, "SEA", "PDX", "ANC", "SFO", "LAX"),
  JETBLUE("B6", Kind.LOW_COST, 0.045, 1, 2899, "JFK", "BOS", "FLL", "MCO", "LGB", "SJU"),
  SPIRIT("NK", Kind.LOW_COST, 0.025, 101, 999, "FLL", "DTW", "LAS", "MCO", "ORD", "DFW"),
  FRONTIER("F9", Kind.LOW_COST, 0.02, 1, 1999, "DEN", "MCO", "LAS", "PHL"),
  ALLEGIANT("G4", Kind.LEISURE, 0.015, 100, 2999, "LAS", "AZA", "SFB", "PIE", "PGD", "BLI"),
  SKYWEST(
      "OO",
      Kind.REGIONAL,
      0.11,
      2800,
      7499,
      "SLC",
      "DEN",
      "ORD",
      "LAX",
      "SFO",
      "MSP",
      "DTW",
      "SEA",
      "PHX",
      "IAH"),
  MESA("YV", Kind.REGIONAL, 0.03, 5700, 6399, "IAH", "PHX", "DEN", "IAD", "DFW"),
  ENDEAVOR("9E", Kind.REGIONAL, 0.035, 3000, 5099, "MSP", "DTW", "ATL", "JFK", "LGA"),
  ENVOY("MQ", Kind.REGIONAL, 0.04, 2900, 4199, "DFW", "ORD", "MIA", "LGA"),
  EXPRESSJET("EV", Kind.REGIONAL, 0.05, 3900, 6299, "EWR", "IAH", "ORD", "ATL"),
  PSA("OH", Kind.REGIONAL, 0.04, 5000, 5899, "CLT", "DCA", "PHL"),
  HAWAIIAN("HA", Kind.ISLAND, 0.012, 1, 999, "HNL", "OGG");

  /** How a carrier's network looks: where it flies and how far. */
  enum Kind {
    LEGACY,
    POINT_TO_POINT,
    WEST_COAST,
    LOW_COST,
    LEISURE,
    REGIONAL,
    ISLAND
  }

  private static final Set<String> WEST_STATES =
      Set.of("WA", "OR", "CA", "NV", "ID", "MT", "UT", "AZ");
  // Hawaiian's mainland gateways.
  private static final Set<String> HAWAIIAN_MAINLAND =
      Set.of("LAX", "SFO", "OAK", "SJC", "SMF", "SEA", "PDX", "LAS", "PHX", "SAN", "JFK", "BOS");

  private final Kind kind;
  private final double share;
  private final int firstNumber;
  private final int lastNumber;
  private final Set<String> hubs;
  private final String code;

  Carrier(String code, Kind kind, double share, int firstNumber, int lastNumber, String... hubs) {
    this.code = code;
    this.kind = kind;
    this.share = share;
    this.firstNumber = firstNumber;
    this.lastNumber = lastNumber;
    this.hubs = Set.of(hubs);
  }

  /** The OP_CARRIER code. */
  String code() {
    return code;
  }

  int firstNumber() {
    return firstNumber;
  }

  int lastNumber() {
    return lastNumber;
  }

  boolean isHub(Airport airport) {
    return hubs.contains(airport.code());
  }

  /**
   * How much of {@code airport}'s traffic this carrier flies, before normalising: its national
   * share, shaped by the airport's size (regional airlines fly the small airports for the legacy
   * carriers), by geography (Alaska, Hawaii and the Pacific islands are served by few), and by
   * nearness to its hubs. Zero where it does not fly.
   */
  double presence(Airport airport, double milesToNearestHub) {
    String state = airport.state();
    double size = airport.dailyDepartures();
    switch (state) {
      case "GU", "MP":
        return this == UNITED ? 1 : 0;
      case "AS":
        return this == HAWAIIAN ? 1 : 0;
      case "AK":
        if (this == ALASKA) {
          return 1;
        }
        boolean gateway = airport.code().equals("ANC") || airport.code().equals("FAI");
        return gateway && (this == DELTA || this == UNITED) ? 0.08 : 0;
      case "HI":
        return switch (this) {
          case HAWAIIAN -> 0.55;
          case ALASKA -> 0.10;
          case UNITED -> 0.12;
          case DELTA -> 0.06;
          case AMERICAN -> 0.05;
          default -> 0;
        };
      case "PR", "VI":
        return switch (this) {
          case JETBLUE -> 0.40;
          case AMERICAN -> 0.20;
          case SPIRIT -> 0.15;
          case DELTA, UNITED -> 0.10;
          case SOUTHWEST -> 0.05;
          default -> 0;
        };
      default:
        break;
    }
    boolean large = size >= 100;
    boolean small = size < 15;
    double weight =
        switch (kind) {
          case LEGACY -> share * (large ? 1.0 : small ? 0.05 : 0.6);
          case POINT_TO_POINT -> small ? 0 : share * (large ? 1.0 : 0.7);
          case WEST_COAST ->
              WEST_STATES.contains(state) ? share * (small ? 0.5 : 1.5) : large ? share * 0.15 : 0;
          case LOW_COST -> share * (large ? 1.0 : small ? 0.02 : 0.4);
          case LEISURE -> share * (large ? 0.1 : small ? 1.5 : 1.0);
          case REGIONAL -> share * (large ? 0.6 : small ? 2.0 : 1.0);
          case ISLAND -> HAWAIIAN_MAINLAND.contains(airport.code()) ? share * 0.4 : 0;
        };
    if (isHub(airport)) {
      weight *= kind == Kind.REGIONAL ? 3 : 5;
    } else if (kind == Kind.LEGACY || kind == Kind.REGIONAL) {
      // Legacy carriers and their regionals feed hubs: they fly more where a hub is close.
      weight *= 0.3 + 2 * StrictMath.exp(-milesToNearestHub / 700);
    }
    return weight;
  }

  /**
   * The distance at which this carrier's routes thin out (a route {@code d} miles long weighs
   * {@code 1 / (1 + (d / reach)^2)}).
   */
  double reachMiles(Airport origin) {
    if (origin.state().equals("AK")) {
      return 800;
    }
    return switch (kind) {
      case REGIONAL -> 700;
      case LEGACY -> 1800;
      case POINT_TO_POINT, LOW_COST, LEISURE -> 1300;
      case WEST_COAST -> 2200;
      case ISLAND -> origin.state().equals("HI") ? 3000 : 5000;
    };
  }

  /**
   * Whether the carrier flies a hub-and-spoke network: from an airport that is not one of its hubs
   * it flies only to its hubs. Southwest and the low-cost carriers fly point to point.
   */
  boolean feedsHubs() {
    return kind != Kind.POINT_TO_POINT && kind != Kind.LOW_COST;
  }

  /** Minutes on the ground between an arrival and the return flight. */
  int turnaroundMinutes(SplitMix random) {
    return kind == Kind.REGIONAL ? 30 + random.nextInt(25) : 40 + random.nextInt(40);
  }
}
