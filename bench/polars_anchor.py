"""The Polars anchor of bench/anchors.sh: the work of download + transform in one process.

Usage: python polars_anchor.py RAW.csv STAGED.parquet DAILY.parquet
"""

import sys

import polars as pl

CAUSES = ["CARRIER_DELAY", "WEATHER_DELAY", "NAS_DELAY", "SECURITY_DELAY", "LATE_AIRCRAFT_DELAY"]


def main(raw: str, staged: str, daily: str) -> None:
    columns = ["FL_DATE", "OP_CARRIER", "ORIGIN", "DEP_DELAY", "CANCELLED", "DIVERTED", *CAUSES]
    floats = dict.fromkeys(["DEP_DELAY", "CANCELLED", "DIVERTED", *CAUSES], pl.Float64)
    (
        pl.scan_csv(raw, schema_overrides={**floats, "FL_DATE": pl.Date})
        .select(columns)
        .select(
            pl.col("FL_DATE").alias("flight_date"),
            pl.col("OP_CARRIER").alias("carrier"),
            pl.col("ORIGIN").alias("origin"),
            pl.col("DEP_DELAY").alias("dep_delay"),
            (pl.col("CANCELLED") == 1).alias("cancelled"),
            (pl.col("DIVERTED") == 1).alias("diverted"),
            *[pl.col(c).alias(c.lower()) for c in CAUSES],
        )
        .sink_parquet(staged, compression="snappy")
    )
    (
        pl.scan_parquet(staged)
        .group_by("origin", "flight_date")
        .agg(
            pl.len().alias("flights"),
            (pl.len() - pl.col("cancelled").sum()).alias("departed"),
            pl.col("cancelled").sum().alias("cancelled"),
            pl.col("diverted").sum().alias("diverted"),
            pl.col("dep_delay").mean().alias("avg_dep_delay"),
            ((pl.col("dep_delay") >= 15).sum() / pl.col("dep_delay").count()).alias(
                "delayed_15_share"
            ),
            *[pl.col(c.lower()).sum().alias(c.lower() + "_min") for c in CAUSES],
        )
        .rename({"origin": "airport"})
        .sort("airport", "flight_date")
        .sink_parquet(daily, compression="snappy")
    )


if __name__ == "__main__":
    main(*sys.argv[1:4])
