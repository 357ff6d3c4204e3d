-- Per airport and year: how many days were anomalous out of how many days had flights.
-- The dashboard's overview; it reads the table, so it is never stale.
CREATE VIEW airport_year_anomalies AS
SELECT airport,
       CAST(EXTRACT(YEAR FROM flight_date) AS integer) AS year,
       COUNT(*) FILTER (WHERE is_anomaly) AS anomalous_days,
       COUNT(*) AS days
FROM airport_daily_summary
GROUP BY airport, CAST(EXTRACT(YEAR FROM flight_date) AS integer);

COMMENT ON VIEW airport_year_anomalies IS
  'DelayWatch: anomalous days and days with flights per airport and year';
