-- One row per (airport, day): the daily figures of the scored dataset, the detector's verdict,
-- and which run loaded it. Column names and meanings are the contract of ARCHITECTURE.md.
-- Flyway runs this with search_path set to the target schema (--db-schema), so names stay bare.
CREATE TABLE airport_daily_summary (
  airport                 text             NOT NULL,
  flight_date             date             NOT NULL,
  flights                 integer          NOT NULL,
  departed                integer          NOT NULL,
  cancelled               integer          NOT NULL,
  diverted                integer          NOT NULL,
  avg_dep_delay           double precision,
  delayed_15_share        double precision,
  carrier_delay_min       double precision NOT NULL,
  weather_delay_min       double precision NOT NULL,
  nas_delay_min           double precision NOT NULL,
  security_delay_min      double precision NOT NULL,
  late_aircraft_delay_min double precision NOT NULL,
  expected_dep_delay      double precision,
  lower_bound             double precision,
  upper_bound             double precision,
  anomaly_score           double precision,
  is_anomaly              boolean          NOT NULL,
  detector                text             NOT NULL,
  run_id                  text,
  loaded_at               timestamptz      NOT NULL DEFAULT now(),
  -- Same rule as DailyAirportStats.mainCause(): the largest positive cause, the first one listed
  -- on a tie, null when none is positive. Computed here so it can never disagree with the sums.
  main_delay_cause        text GENERATED ALWAYS AS (
    CASE WHEN GREATEST(carrier_delay_min, weather_delay_min, nas_delay_min,
                       security_delay_min, late_aircraft_delay_min) > 0 THEN
      CASE GREATEST(carrier_delay_min, weather_delay_min, nas_delay_min,
                    security_delay_min, late_aircraft_delay_min)
        WHEN carrier_delay_min THEN 'carrier'
        WHEN weather_delay_min THEN 'weather'
        WHEN nas_delay_min THEN 'nas'
        WHEN security_delay_min THEN 'security'
        ELSE 'late_aircraft'
      END
    END) STORED,
  CONSTRAINT airport_daily_summary_pkey PRIMARY KEY (airport, flight_date),
  CONSTRAINT airport_daily_summary_flights_check CHECK (flights >= 0),
  CONSTRAINT airport_daily_summary_cancelled_check CHECK (cancelled BETWEEN 0 AND flights),
  CONSTRAINT airport_daily_summary_departed_check CHECK (departed = flights - cancelled),
  CONSTRAINT airport_daily_summary_diverted_check CHECK (diverted >= 0),
  CONSTRAINT airport_daily_summary_share_check CHECK (delayed_15_share BETWEEN 0 AND 1)
);

-- Dashboards filter by date range, and a load deletes a year by date range.
CREATE INDEX airport_daily_summary_flight_date_idx ON airport_daily_summary (flight_date);
-- Anomalous days are a few percent of the rows: a partial index stays small.
CREATE INDEX airport_daily_summary_anomaly_idx ON airport_daily_summary (is_anomaly)
  WHERE is_anomaly;

COMMENT ON TABLE airport_daily_summary IS
  'DelayWatch: one row per origin airport and day, with the detector verdict. A load replaces a whole year.';
COMMENT ON COLUMN airport_daily_summary.flights IS 'Scheduled departures, cancelled included';
COMMENT ON COLUMN airport_daily_summary.departed IS 'flights - cancelled';
COMMENT ON COLUMN airport_daily_summary.avg_dep_delay IS
  'Mean DEP_DELAY in minutes over rows that have one (negative = early); null when nothing departed';
COMMENT ON COLUMN airport_daily_summary.delayed_15_share IS
  'Share of rows with DEP_DELAY >= 15 among rows that have one; null when none has';
COMMENT ON COLUMN airport_daily_summary.expected_dep_delay IS
  'What the detector expected avg_dep_delay to be, minutes; null without a baseline';
COMMENT ON COLUMN airport_daily_summary.anomaly_score IS 'Detector score, larger = more unusual';
COMMENT ON COLUMN airport_daily_summary.run_id IS 'Orchestrator run that loaded the row';
COMMENT ON COLUMN airport_daily_summary.main_delay_cause IS
  'Largest of the five delay cause sums (carrier, weather, nas, security, late_aircraft); null when all are zero';
