package io.delaywatch.storage;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The yearly raw files under {@code raw/flights/}: {@code YYYY.csv} or {@code YYYY.csv.gz}. When a
 * year has both, the plain CSV wins (it is the one uploaded as published). Other keys are ignored.
 */
public final class RawFiles {
  private static final Pattern NAME = Pattern.compile("(\\d{4})\\.csv(\\.gz)?");

  private final TreeMap<Integer, ObjectInfo> byYear;

  private RawFiles(TreeMap<Integer, ObjectInfo> byYear) {
    this.byYear = byYear;
  }

  /** Lists the raw files of {@code store}. */
  public static RawFiles list(ObjectStore store) throws IOException {
    TreeMap<Integer, ObjectInfo> byYear = new TreeMap<>();
    for (ObjectInfo object : store.list(LakePaths.RAW_FLIGHTS)) {
      String name = object.key().substring(LakePaths.RAW_FLIGHTS.length());
      Matcher m = NAME.matcher(name);
      if (m.matches()) {
        int year = Integer.parseInt(m.group(1));
        boolean plain = m.group(2) == null;
        byYear.merge(year, object, (old, now) -> plain ? now : old);
      }
    }
    return new RawFiles(byYear);
  }

  /** The year a raw key names, e.g. 2015 for {@code raw/flights/2015.csv.gz}. */
  public static OptionalInt yearOf(String key) {
    Matcher m = NAME.matcher(key.substring(key.lastIndexOf('/') + 1));
    return m.matches() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
  }

  public List<Integer> years() {
    return List.copyOf(byYear.keySet());
  }

  public Optional<ObjectInfo> forYear(int year) {
    return Optional.ofNullable(byYear.get(year));
  }

  public Optional<ObjectInfo> latest() {
    return byYear.isEmpty() ? Optional.empty() : Optional.of(byYear.lastEntry().getValue());
  }
}
