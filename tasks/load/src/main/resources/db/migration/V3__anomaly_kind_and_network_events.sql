-- Why a day was flagged. Null on an ordinary day; every flagged day has a kind.
ALTER TABLE airport_daily_summary ADD COLUMN anomaly_kind text;

-- Rows loaded before this column existed stay valid: their kind follows from what was stored
-- (a signed score above or below the expected delay; a day without a delay had its flights
-- cancelled). The next load of their year replaces them with the detector's own kind.
UPDATE airport_daily_summary
SET anomaly_kind = CASE
    WHEN avg_dep_delay IS NULL OR anomaly_score IS NULL THEN 'CANCELLATIONS'
    WHEN anomaly_score < 0 THEN 'LOW_DELAY'
    ELSE 'HIGH_DELAY'
  END
WHERE is_anomaly;

ALTER TABLE airport_daily_summary
  ADD CONSTRAINT airport_daily_summary_kind_check
    CHECK (anomaly_kind IN ('HIGH_DELAY', 'LOW_DELAY', 'CANCELLATIONS', 'COLLAPSE')),
  ADD CONSTRAINT airport_daily_summary_kind_flag_check
    CHECK ((anomaly_kind IS NOT NULL) = is_anomaly);

COMMENT ON COLUMN airport_daily_summary.anomaly_kind IS
  'HIGH_DELAY, LOW_DELAY, CANCELLATIONS or COLLAPSE on a flagged day; null otherwise';

-- Network-wide event days: the days on which many airports were anomalous together, so that one
-- storm reads as one event ("31 airports, mostly CANCELLATIONS") rather than 31 rows. A day is an
-- event day when at least 5 airports, and at least 4% of the airports with flights that day, were
-- flagged. Airports are listed busiest first (by that day's scheduled flights).
CREATE VIEW network_event_days AS
WITH per_day AS (
  SELECT flight_date,
         COUNT(*) AS airports_reporting,
         COUNT(*) FILTER (WHERE is_anomaly) AS airports_anomalous
  FROM airport_daily_summary
  GROUP BY flight_date
), kinds AS (
  SELECT flight_date, anomaly_kind, COUNT(*) AS n
  FROM airport_daily_summary
  WHERE is_anomaly
  GROUP BY flight_date, anomaly_kind
)
SELECT d.flight_date,
       CAST(EXTRACT(YEAR FROM d.flight_date) AS integer) AS year,
       CAST(d.airports_reporting AS integer) AS airports_reporting,
       CAST(d.airports_anomalous AS integer) AS airports_anomalous,
       ARRAY(SELECT s.airport FROM airport_daily_summary s
             WHERE s.flight_date = d.flight_date AND s.is_anomaly
             ORDER BY s.flights DESC, s.airport) AS airports,
       (SELECT jsonb_object_agg(k.anomaly_kind, k.n) FROM kinds k
        WHERE k.flight_date = d.flight_date) AS kinds,
       (SELECT k.anomaly_kind FROM kinds k WHERE k.flight_date = d.flight_date
        ORDER BY k.n DESC, k.anomaly_kind LIMIT 1) AS main_kind
FROM per_day d
WHERE d.airports_anomalous >= 5
  AND d.airports_anomalous >= 0.04 * d.airports_reporting;

COMMENT ON VIEW network_event_days IS
  'DelayWatch: days on which at least 5 airports (and 4% of those with flights) were anomalous together';
