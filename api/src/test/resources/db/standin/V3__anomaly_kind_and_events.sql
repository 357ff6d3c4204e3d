-- Stand-in for main's V3 until it lands (applied by the tests only when the column is missing):
-- the shape the API reads, agreed with the lead.
ALTER TABLE airport_daily_summary ADD COLUMN anomaly_kind text;
CREATE VIEW network_event_days AS
WITH per_day AS (
  SELECT flight_date, count(*) AS reporting, count(*) FILTER (WHERE is_anomaly) AS anomalous
  FROM airport_daily_summary GROUP BY flight_date)
SELECT p.flight_date,
       CAST(EXTRACT(YEAR FROM p.flight_date) AS integer) AS year,
       CAST(p.reporting AS integer) AS airports_reporting,
       CAST(p.anomalous AS integer) AS airports_anomalous,
       ARRAY(SELECT s.airport FROM airport_daily_summary s
             WHERE s.flight_date = p.flight_date AND s.is_anomaly ORDER BY s.flights DESC, s.airport) AS airports,
       (SELECT jsonb_object_agg(k.kind, k.n) FROM (
          SELECT anomaly_kind AS kind, count(*) AS n FROM airport_daily_summary s
          WHERE s.flight_date = p.flight_date AND s.is_anomaly AND anomaly_kind IS NOT NULL
          GROUP BY anomaly_kind) k) AS kinds,
       (SELECT anomaly_kind FROM airport_daily_summary s
        WHERE s.flight_date = p.flight_date AND s.is_anomaly AND anomaly_kind IS NOT NULL
        GROUP BY anomaly_kind ORDER BY count(*) DESC, anomaly_kind LIMIT 1) AS main_kind
FROM per_day p
WHERE p.anomalous >= 2;
