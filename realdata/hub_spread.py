"""How far a hub's bad day spreads to the airports it feeds, measured on a real year.

Reads a Kaggle-schema file (e.g. realdata/run.sh's vega flights-3m year, which has ORIGIN and DEST)
and, optionally, the flagged days `./delaywatch evaluate --flights ... --flagged FILE` wrote. A hub
is an airport of 250+ departures a day; its bad day is one whose mean delay is 30+ minutes above
the median of the 29 days around it (150+ departures). For every airport that sends a share s of
its departures to that hub, its own excess that day is set against the hub's: the ratio's
quantiles by s, and, with the flagged file, how many of those days robust flagged.

    python realdata/hub_spread.py YEAR.csv [YEAR.flagged.csv]

docs/detectors.md ("What real hub events look like") quotes its output.
"""

import sys

import pandas as pd

HUB_DEPARTURES = 250
BAD_DAY_EXCESS = 30
SHARE_BINS = [
    (0.7, 1.01),
    (0.5, 0.7),
    (0.3, 0.5),
    (0.2, 0.3),
    (0.1, 0.2),
    (0.05, 0.1),
    (0.02, 0.05),
]


def daily_excess(flights: pd.DataFrame) -> pd.DataFrame:
    """Per airport and date: departures, mean delay and its excess over the 29-day median."""
    days = (
        flights.groupby(["ORIGIN", "FL_DATE"])
        .agg(n=("DEP_DELAY", "size"), d=("DEP_DELAY", "mean"))
        .reset_index()
    )
    parts = []
    for airport, group in days.groupby("ORIGIN"):
        g = group.set_index("FL_DATE")[["n", "d"]].asfreq("D")
        g["median"] = g["d"].rolling(29, center=True, min_periods=10).median()
        g["ORIGIN"] = airport
        parts.append(g.reset_index())
    days = pd.concat(parts)
    days["x"] = days["d"] - days["median"]
    return days.dropna(subset=["x"])


def main(csv: str, flagged_csv: str | None) -> None:
    flights = pd.read_csv(csv, usecols=["FL_DATE", "ORIGIN", "DEST", "DEP_DELAY"])
    flights = flights.dropna(subset=["DEP_DELAY"])
    flights["FL_DATE"] = pd.to_datetime(flights["FL_DATE"])
    days = daily_excess(flights)
    size = flights.groupby("ORIGIN").size() / flights["FL_DATE"].nunique()
    hubs = set(size[size >= HUB_DEPARTURES].index)
    routes = flights.groupby(["ORIGIN", "DEST"]).size().rename("k").reset_index()
    routes["share"] = routes["k"] / routes.groupby("ORIGIN")["k"].transform("sum")
    bad = days[days["ORIGIN"].isin(hubs) & (days["x"] >= BAD_DAY_EXCESS) & (days["n"] >= 150)]
    feeders = routes[routes["DEST"].isin(hubs) & (routes["ORIGIN"] != routes["DEST"])]
    pairs = bad.rename(columns={"ORIGIN": "hub", "x": "hub_x"})[["hub", "FL_DATE", "hub_x"]].merge(
        feeders.rename(columns={"DEST": "hub"})[["hub", "ORIGIN", "share"]], on="hub"
    )
    pairs = pairs.merge(days[days["n"] >= 3], on=["ORIGIN", "FL_DATE"])
    pairs["ratio"] = pairs["x"] / pairs["hub_x"]
    print(
        f"{len(hubs)} hubs of {HUB_DEPARTURES}+ departures a day, {len(bad)} hub days "
        f"{BAD_DAY_EXCESS}+ min above their 29-day median (hub excess median "
        f"{bad['x'].median():.1f} min)"
    )
    print("share to hub   spoke-days  median share  ratio to the hub's excess: q10 q25 q50 q75 q90")
    for low, high in SHARE_BINS:
        b = pairs[(pairs["share"] >= low) & (pairs["share"] < high)]
        q = " ".join(f"{v:5.2f}" for v in b["ratio"].quantile([0.1, 0.25, 0.5, 0.75, 0.9]))
        print(f"{low:.2f}-{min(high, 1):.2f}     {len(b):10d}  {b['share'].median():12.3f}  {q}")
    if flagged_csv:
        flagged = pd.read_csv(flagged_csv)
        flagged = flagged[flagged["detector"] == "robust"]
        marks = set(zip(flagged["airport"], pd.to_datetime(flagged["date"]), strict=True))
        hub_marked = [(a, d) in marks for a, d in zip(bad["ORIGIN"], bad["FL_DATE"], strict=True)]
        pairs["flagged"] = [
            (a, d) in marks for a, d in zip(pairs["ORIGIN"], pairs["FL_DATE"], strict=True)
        ]
        print(f"robust flagged {sum(hub_marked)} of the {len(bad)} hub days")
        for low in (0.5, 0.3, 0.2):
            b = pairs[pairs["share"] >= low]
            print(
                f"feeders sending {low:.0%}+ to the hub: {int(b['flagged'].sum())} of {len(b)} "
                f"days flagged ({b['flagged'].mean():.3f})"
            )


if __name__ == "__main__":
    if len(sys.argv) not in (2, 3):
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2] if len(sys.argv) == 3 else None)
