package io.delaywatch.sample;

/** What the generator planted on an airport-day, and whether a detector should flag that day. */
public enum LabelKind {
  /** One day with departures 60-150 minutes later on average. */
  SPIKE("spike", true),
  /** Two to four days of 40-100 extra minutes with 10-30% of flights cancelled. */
  STORM("storm", true),
  /**
   * A hub's bad day (40-90 extra minutes) and the smaller shift (15-35) at 2-4 other airports,
   * where that airport has 30 or more departures a day; at a smaller one the shift is {@link
   * #HUB_SPILLOVER}.
   */
  HUB_EVENT("hub_event", true),
  /**
   * A hub event's 15-35 minute shift at an airport of fewer than 30 departures a day. Planted, but
   * within the range such an airport's ordinary days reach about once a year (a day's mean of a few
   * flights swings by 30-120 minutes), so nothing in the day's figures tells it apart: it is scored
   * neither as a miss nor as a false alarm, and its flagged share is reported on its own.
   */
  HUB_SPILLOVER("hub_spillover", false, false),
  /** One day with 70-100% of flights cancelled; the few that leave are on time or early. */
  CLOSURE("closure", true),
  /** One day with 10-40% of flights cancelled and delays only mildly up (5-20 minutes). */
  CANCELLATION_WAVE("cancellation_wave", true),
  /**
   * One day with 10-45% of the usual schedule: flights cancelled ahead and left out of the file,
   * with a few cancelled rows among the rest or none.
   */
  COLLAPSE("collapse", true),
  /** A ground stop: the departures of a 3-5 hour window leave 90-240 minutes late, the rest not. */
  GROUND_STOP("ground_stop", true),
  /**
   * A slow change, not a daily anomaly: delays rise 1 minute a day for 30 days, then ease back over
   * the next 30, with the usual cancellation rate (a drift of congestion, not of weather). Every
   * day of it is labelled.
   */
  DRIFT("drift", false),
  /**
   * A holiday's thinner schedule (20-40% fewer flights) with ordinary delays and cancellations:
   * expected, not anomalous.
   */
  HOLIDAY_DIP("holiday_dip", false),
  /** Real data's hard negative: one of an airport's busiest ordinary days. Never generated. */
  BUSY_DAY("busy_day", false);

  private final String label;
  private final boolean anomalous;
  private final boolean scored;

  LabelKind(String label, boolean anomalous) {
    this(label, anomalous, true);
  }

  LabelKind(String label, boolean anomalous, boolean scored) {
    this.label = label;
    this.anomalous = anomalous;
    this.scored = scored;
  }

  /** The name in the labels file, e.g. {@code hub_event}. */
  public String label() {
    return label;
  }

  /**
   * True when a detector should flag the day, false when it should not or, for a kind that is not
   * {@link #scored()}, need not.
   */
  public boolean anomalous() {
    return anomalous;
  }

  /**
   * False for a planted day that the day's figures cannot tell from an ordinary one: an evaluation
   * counts it neither as a positive nor as a negative.
   */
  public boolean scored() {
    return scored;
  }

  /**
   * The kind named {@code label} in a labels file.
   *
   * @throws IllegalArgumentException for an unknown name
   */
  public static LabelKind ofLabel(String label) {
    for (LabelKind kind : values()) {
      if (kind.label.equals(label)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown label kind '" + label + "'");
  }
}
