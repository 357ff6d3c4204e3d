"""Converts vega-datasets' flights-3m (every US domestic flight of January-June 2001 that flew, 229
airports) to the Kaggle schema and labels the airport-days a person would call abnormal, plus hard
negatives.

Usage: python vega_flights_to_kaggle.py FLIGHTS_3M_PARQUET OUT_DIR
       (writes OUT_DIR/2001.csv and OUT_DIR/2001.labels.csv)

The set has five columns: the departure's date and time, the delay in minutes, the distance, origin
and destination. It has no cancelled rows (a source that leaves them out, as the generator's
--drop-cancelled does), no carrier and no separate departure delay: its one delay (vega's
documentation: the arrival delay) is written as both DEP_DELAY and ARR_DELAY, the carrier as "ZZ"
and the flight number as a running count per origin and day. The last row's date, 1 July 00:00, is
the cut of the extract, not a day of traffic: rows from 1 July on are left out.

Labels, decided from the data and the public record, never from a detector:
- collapse: at an airport with 30+ departures a day (its median), fewer than half the median
  departures of the same weekday in the four weeks either side, on a day that is not a holiday.
  Without cancelled rows this is how a closure shows (e.g. the 28 February Nisqually earthquake at
  SEA, which closed its tower for hours, or Tropical Storm Allison's flooding at Houston in June);
- holiday_dip (hard negative): New Year's Day, Easter Sunday and Memorial Day, unless labelled
  above;
- busy_day (hard negative): each airport's five busiest days (30+ departures a day airports).
"""

import sys
from pathlib import Path

import pandas as pd
from kaggle_files import HEADER, MIN_DEPARTURES, add_negatives, collapsed, write_labels

END = pd.Timestamp("2001-07-01")
HOLIDAYS = {"2001-01-01", "2001-04-15", "2001-05-28"}


def write_flights(flights, path):
    hhmm = flights.date.dt.hour * 100 + flights.date.dt.minute
    delay = flights.delay.astype(float)
    columns = dict.fromkeys(HEADER, "")
    columns.update(
        FL_DATE=flights.day.dt.strftime("%Y-%m-%d"),
        OP_CARRIER="ZZ",
        OP_CARRIER_FL_NUM=flights.groupby(["origin", "day"]).cumcount() + 1,
        ORIGIN=flights.origin,
        DEST=flights.destination,
        CRS_DEP_TIME=hhmm,
        DEP_TIME=hhmm,
        DEP_DELAY=delay,
        ARR_DELAY=delay,
        CANCELLED=0.0,
        DIVERTED=0.0,
        DISTANCE=flights.distance.astype(float),
    )
    table = pd.DataFrame(columns, index=flights.index)[HEADER]
    table.to_csv(path, index=False, float_format="%.1f", lineterminator="\n", encoding="ascii")


def label_days(flights):
    daily = flights.groupby(["origin", "day"]).size().rename("departures").reset_index()
    labels = {}
    for airport, days in daily.groupby("origin"):
        days = days.set_index("day").sort_index().departures
        if days.median() < MIN_DEPARTURES:
            continue
        for date in days.index:
            key = (airport, date.strftime("%Y-%m-%d"))
            if key[1] not in HOLIDAYS and collapsed(days, date):
                labels[key] = "collapse"
        add_negatives(labels, airport, HOLIDAYS, days.sort_values(ascending=False).index)
    return labels


def main():
    source, out = Path(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    flights = pd.read_parquet(source)
    flights = flights[flights.date < END].sort_values("date", kind="stable")
    flights = flights.assign(day=flights.date.dt.normalize())
    write_flights(flights, out / "2001.csv")
    write_labels(out / "2001.labels.csv", label_days(flights))


if __name__ == "__main__":
    main()
