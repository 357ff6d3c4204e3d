package io.delaywatch.api;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Serialized day series by (airport, from, to) under one {@link TableVersion} generation, the least
 * recently used evicted beyond a bound on their bytes. A series changes only when a load replaces
 * its year, which moves the generation on and empties the cache. Thread-safe.
 */
final class DaySeriesCache {
  /** A response body with its strong entity tag (a hash of the body, quoted). */
  record Body(byte[] json, String etag) {
    static Body of(byte[] json) {
      try {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(json);
        return new Body(
            json,
            '"'
                + Base64.getUrlEncoder().withoutPadding().encodeToString(hash).substring(0, 22)
                + '"');
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("SHA-256 is missing from this JVM", e);
      }
    }

    /** Whether an If-None-Match header names this body (weak comparison, RFC 9110 13.1.2). */
    boolean matches(String ifNoneMatch) {
      if (ifNoneMatch == null) {
        return false;
      }
      for (String tag : ifNoneMatch.split(",")) {
        String t = tag.trim();
        if (t.equals("*") || (t.startsWith("W/") ? t.substring(2) : t).equals(etag)) {
          return true;
        }
      }
      return false;
    }
  }

  private record Key(String airport, LocalDate from, LocalDate to) {}

  // Per entry beyond the body: key, dates, node, tag; an estimate, to bound memory not bytes.
  private static final int ENTRY_OVERHEAD = 256;

  private final long maxBytes;
  private final LinkedHashMap<Key, Body> entries = new LinkedHashMap<>(1024, 0.75f, true);
  private long generation = TableVersion.UNCACHEABLE;
  private long bytes;
  private long hits;
  private long misses;

  DaySeriesCache(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** The body cached for the key under {@code generation}, or null. */
  synchronized Body get(long generation, String airport, LocalDate from, LocalDate to) {
    if (generation != this.generation) {
      misses++;
      return null;
    }
    Body body = entries.get(new Key(airport, from, to));
    if (body == null) {
      misses++;
    } else {
      hits++;
    }
    return body;
  }

  /**
   * Keeps {@code body} for the key, read under {@code generation}: a newer generation empties the
   * cache first, an older one (a load became visible while the query ran) keeps nothing.
   */
  synchronized void put(long generation, String airport, LocalDate from, LocalDate to, Body body) {
    long size = body.json().length + ENTRY_OVERHEAD;
    if (generation == TableVersion.UNCACHEABLE || generation < this.generation || size > maxBytes) {
      return;
    }
    if (generation > this.generation) {
      entries.clear();
      bytes = 0;
      this.generation = generation;
    }
    Body previous = entries.put(new Key(airport, from, to), body);
    bytes += size - (previous == null ? 0 : previous.json().length + ENTRY_OVERHEAD);
    Iterator<Map.Entry<Key, Body>> eldest = entries.entrySet().iterator();
    while (bytes > maxBytes && eldest.hasNext()) {
      bytes -= eldest.next().getValue().json().length + ENTRY_OVERHEAD;
      eldest.remove();
    }
  }

  /** Entries, bytes held, hits and misses, for the log. */
  synchronized String stats() {
    return entries.size()
        + " series, "
        + bytes / 1024
        + " KiB, "
        + hits
        + " hits, "
        + misses
        + " misses";
  }
}
