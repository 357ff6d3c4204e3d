package io.delaywatch.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.delaywatch.api.DaySeriesCache.Body;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DaySeriesCacheTest {
  private static final LocalDate FROM = LocalDate.of(2015, 3, 1);
  private static final LocalDate TO = LocalDate.of(2015, 3, 31);

  private static Body body(String json) {
    return Body.of(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aSeriesIsServedUnderTheGenerationItWasReadIn() {
    DaySeriesCache cache = new DaySeriesCache(1 << 20);
    Body atl = body("{\"airport\":\"ATL\"}");
    cache.put(1, "ATL", FROM, TO, atl);
    assertThat(cache.get(1, "ATL", FROM, TO)).isSameAs(atl);
    assertThat(cache.get(1, "ATL", FROM, TO.minusDays(1))).isNull();
    assertThat(cache.get(1, "ORD", FROM, TO)).isNull();
    assertThat(cache.get(2, "ATL", FROM, TO)).isNull();
  }

  @Test
  void aNewerGenerationEmptiesTheCacheAndAnOlderOneKeepsNothing() {
    DaySeriesCache cache = new DaySeriesCache(1 << 20);
    cache.put(1, "ATL", FROM, TO, body("[1]"));
    cache.put(2, "ORD", FROM, TO, body("[2]"));
    assertThat(cache.get(2, "ATL", FROM, TO)).isNull();
    assertThat(cache.get(2, "ORD", FROM, TO)).isNotNull();
    cache.put(1, "DEN", FROM, TO, body("[1]"));
    assertThat(cache.get(2, "DEN", FROM, TO)).isNull();
    cache.put(TableVersion.UNCACHEABLE, "LAX", FROM, TO, body("[3]"));
    assertThat(cache.get(TableVersion.UNCACHEABLE, "LAX", FROM, TO)).isNull();
  }

  @Test
  void theLeastRecentlyUsedGoBeyondTheBound() {
    byte[] kib = new byte[1024];
    // Room for three bodies of 1 KiB with their overhead, not four.
    DaySeriesCache cache = new DaySeriesCache(3 * (1024 + 256));
    for (String airport : new String[] {"ATL", "ORD", "DEN"}) {
      cache.put(1, airport, FROM, TO, Body.of(kib));
    }
    assertThat(cache.get(1, "ATL", FROM, TO)).isNotNull();
    cache.put(1, "LAX", FROM, TO, Body.of(kib));
    assertThat(cache.get(1, "ORD", FROM, TO)).isNull();
    assertThat(cache.get(1, "ATL", FROM, TO)).isNotNull();
    assertThat(cache.get(1, "DEN", FROM, TO)).isNotNull();
    assertThat(cache.get(1, "LAX", FROM, TO)).isNotNull();
    cache.put(1, "SFO", FROM, TO, Body.of(new byte[4 * 1024]));
    assertThat(cache.get(1, "SFO", FROM, TO)).isNull();
    assertThat(cache.get(1, "LAX", FROM, TO)).isNotNull();
  }

  @Test
  void theTagIsAHashOfTheBytesAndMatchesAsIfNoneMatchSaysIt() {
    Body a = body("{\"days\":[]}");
    assertThat(body("{\"days\":[]}").etag()).isEqualTo(a.etag());
    assertThat(body("{\"days\":[1]}").etag()).isNotEqualTo(a.etag());
    assertThat(a.matches(null)).isFalse();
    assertThat(a.matches(a.etag())).isTrue();
    assertThat(a.matches("\"x\", W/" + a.etag())).isTrue();
    assertThat(a.matches("*")).isTrue();
    assertThat(a.matches("\"x\"")).isFalse();
    assertThat(a.matches(a.etag().replace("\"", ""))).isFalse();
  }
}
