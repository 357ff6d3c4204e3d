-- Generated rows of airport_daily_summary for the API's tests and bench/api-load.sh: ${years}
-- years from ${first_year} for ${airports} airports (at most 40), fixed seed ${seed}. Realistic
-- enough for the API: hub sizes, seasons and weekdays in the delayed share, a few anomalous days
-- of every kind, days on which nothing departed (null delay figures), and about six storm days a
-- year that delay every airport at once (the event days of network_event_days).
-- ${name} placeholders are replaced by the caller (the tests, or sed in the bench script).
SET max_parallel_workers_per_gather = 0;  -- random() must see the rows in one order
SELECT setseed(${seed});
INSERT INTO airport_daily_summary (
  airport, flight_date, flights, departed, cancelled, diverted, avg_dep_delay, delayed_15_share,
  carrier_delay_min, weather_delay_min, nas_delay_min, security_delay_min, late_aircraft_delay_min,
  expected_dep_delay, lower_bound, upper_bound, anomaly_score, is_anomaly, anomaly_kind, detector,
  run_id)
SELECT airport, flight_date, flights, departed, cancelled, diverted, avg_dep_delay, share,
       round(coalesce(share, 0) * departed * 8), round(coalesce(share, 0) * departed * 3),
       round(coalesce(share, 0) * departed * 5), 0, round(coalesce(share, 0) * departed * 9),
       expected, expected - 9, expected + 9,
       CASE WHEN avg_dep_delay IS NULL THEN NULL ELSE abs(avg_dep_delay - expected) / 3 END,
       kind IS NOT NULL, kind, 'robust', 'generated'
FROM (
  SELECT airport, flight_date, flights, departed, cancelled, diverted, avg_dep_delay, share, expected,
         CASE WHEN departed = 0 THEN 'COLLAPSE'
              WHEN cancelled > flights * 0.25 THEN 'CANCELLATIONS'
              WHEN avg_dep_delay > expected + 9 THEN 'HIGH_DELAY'
              WHEN avg_dep_delay < expected - 9 THEN 'LOW_DELAY' END AS kind
  FROM (
    SELECT *,
           CASE WHEN departed > 0 THEN round((-3 + 70 * share + 4 * (random() - 0.5))::numeric, 2)::float8 END
             AS avg_dep_delay,
           round((-3 + 70 * base_share)::numeric, 2)::float8 AS expected
    FROM (
      SELECT *, flights - cancelled AS departed,
             round((flights - cancelled) * 0.002) AS diverted,
             CASE WHEN flights > cancelled THEN
               least(1, greatest(0, round((base_share + 0.05 * (random() - 0.5)
                 + CASE WHEN storm OR random() < 0.01 THEN 0.25 ELSE 0 END)::numeric, 4)))::float8 END AS share
      FROM (
        SELECT *,
               CASE WHEN random() < 0.002 THEN flights
                    WHEN random() < 0.006 THEN round(flights * 0.4)
                    ELSE round(flights * 0.015 * random()) END AS cancelled
        FROM (
          SELECT a.airport, d::date AS flight_date,
                 round(a.size * (CASE WHEN EXTRACT(ISODOW FROM d) = 6 THEN 0.8 ELSE 1 END)
                       * (0.92 + 0.16 * random()))::int AS flights,
                 -- Summer and December are worse, Saturdays better, Fridays worse.
                 a.rate + 0.04 * (EXTRACT(MONTH FROM d) IN (6, 7, 12))::int
                   - 0.03 * (EXTRACT(ISODOW FROM d) = 6)::int + 0.02 * (EXTRACT(ISODOW FROM d) = 5)::int
                   AS base_share,
                 (EXTRACT(DOY FROM d)::int * 37 + EXTRACT(YEAR FROM d)::int) % 61 = 0 AS storm
          FROM (SELECT code AS airport, ord,
                       round(1200 / power(ord, 0.9)) + 20 AS size,
                       0.12 + 0.1 * ((ord * 7919) % 13) / 13.0 AS rate
                FROM unnest(string_to_array(
                  'ATL,ORD,DFW,DEN,LAX,CLT,LAS,PHX,IAH,MCO,SEA,SFO,DTW,MSP,EWR,BOS,JFK,LGA,PHL,SLC,'
                  || 'BWI,DCA,MDW,SAN,TPA,FLL,HOU,PDX,STL,BNA,AUS,MCI,RDU,OAK,SMF,SJC,MSY,CLE,IND,SAT',
                  ',')) WITH ORDINALITY AS t(code, ord)
                WHERE ord <= ${airports}) a
          CROSS JOIN generate_series(make_date(${first_year}, 1, 1),
                                     make_date(${first_year} + ${years}, 1, 1) - 1, interval '1 day') d
          ORDER BY a.ord, d
        ) days
      ) with_cancelled
    ) with_share
  ) with_delay
) rows;
ANALYZE airport_daily_summary;
