"""What the converters write: the columns of the Kaggle "Airline Delay and Cancellation Data
2009-2018" yearly files, in order (tasks read them as common's RawColumns), and the labels file
beside them (`./delaywatch evaluate --flights` reads it as the generator writes it)."""

HEADER = [
    "FL_DATE",
    "OP_CARRIER",
    "OP_CARRIER_FL_NUM",
    "ORIGIN",
    "DEST",
    "CRS_DEP_TIME",
    "DEP_TIME",
    "DEP_DELAY",
    "TAXI_OUT",
    "WHEELS_OFF",
    "WHEELS_ON",
    "TAXI_IN",
    "CRS_ARR_TIME",
    "ARR_TIME",
    "ARR_DELAY",
    "CANCELLED",
    "CANCELLATION_CODE",
    "DIVERTED",
    "CRS_ELAPSED_TIME",
    "ACTUAL_ELAPSED_TIME",
    "AIR_TIME",
    "DISTANCE",
    "CARRIER_DELAY",
    "WEATHER_DELAY",
    "NAS_DELAY",
    "SECURITY_DELAY",
    "LATE_AIRCRAFT_DELAY",
    "Unnamed: 27",
]

# The label kinds that are anomalies; the others (holiday_dip, busy_day) are hard negatives.
ANOMALOUS = {"cancellation_wave", "collapse"}


def write_labels(path, labels):
    """Writes {(airport, "YYYY-MM-DD"): kind} as YYYY.labels.csv, by date then airport."""
    with open(path, "w", encoding="ascii") as file:
        file.write("airport,date,kind,anomalous\n")
        for (airport, date), kind in sorted(labels.items(), key=lambda x: (x[0][1], x[0][0])):
            file.write(f"{airport},{date},{kind},{'true' if kind in ANOMALOUS else 'false'}\n")
