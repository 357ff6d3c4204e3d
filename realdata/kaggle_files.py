"""What the converters write: the columns of the Kaggle "Airline Delay and Cancellation Data
2009-2018" yearly files, in order (tasks read them as common's RawColumns), and the labels file
beside them (`./delaywatch evaluate --flights` reads it as the generator writes it), with the label
rules both converters apply: a collapsed schedule, holidays and busy days as hard negatives."""

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


COLLAPSE_MAX_RATIO = 0.5
MIN_DEPARTURES = 30
BUSY_DAYS = 5


def collapsed(scheduled, date):
    """Whether one airport's count on `date` (`scheduled`: its counts by date) is below half the
    median of the same weekday in the four weeks either side, with 3+ such days."""
    offset = (scheduled.index - date).days
    near = scheduled[(abs(offset) <= 28) & (offset % 7 == 0) & (offset != 0)]
    return len(near) >= 3 and scheduled[date] < COLLAPSE_MAX_RATIO * near.median()


def add_negatives(labels, airport, holidays, busiest):
    """Labels `airport`'s holidays as holiday_dip and the first BUSY_DAYS of `busiest` (dates,
    busiest first) as busy_day, where no label is yet."""
    for date in sorted(holidays):
        labels.setdefault((airport, date), "holiday_dip")
    busy = 0
    for date in busiest:
        key = (airport, date.strftime("%Y-%m-%d"))
        if key not in labels and busy < BUSY_DAYS:
            labels[key] = "busy_day"
            busy += 1
