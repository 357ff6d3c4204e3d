package io.delaywatch.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class AirportCatalogTest {

  @Test
  void theBuiltInCatalogIsReadLargestFirstWithEachAirportsOwnTimeZone() {
    List<Airport> airports = AirportCatalog.largest(AirportCatalog.size());

    assertThat(airports).hasSize(393);
    assertThat(airports.get(0))
        .isEqualTo(new Airport("ATL", "GA", 33.640, -84.427, 1070, -300, true));
    assertThat(airports)
        .filteredOn(a -> a.code().equals("PNS"))
        .singleElement()
        .extracting(Airport::standardOffsetMinutes)
        .isEqualTo(-360);
    assertThat(airports)
        .filteredOn(a -> a.code().equals("PHX"))
        .singleElement()
        .extracting(Airport::observesDst)
        .isEqualTo(false);
  }

  @Test
  void tiesInSizeAreOrderedByCode() throws IOException {
    List<Airport> airports =
        parse(
            AirportCatalog.HEADER
                + "\nXYZ,TX,1,2,5,-6,true\nABC,TX,1,2,5,-6,true\nBIG,NY,1,2,9,-5,true\n");

    assertThat(airports).extracting(Airport::code).containsExactly("BIG", "ABC", "XYZ");
  }

  @Test
  void aWrongHeaderNamesTheExpectedOne() {
    assertThatThrownBy(() -> parse("code,state\nATL,GA\n"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "test.csv line 1: expected the header code,state,latitude,longitude,daily_departures,"
                + "standard_utc_offset_hours,observes_dst, got code,state");
  }

  @Test
  void aShortRowNamesItsLine() {
    assertThatThrownBy(() -> parse(AirportCatalog.HEADER + "\nATL,GA,1,2,3,-5,true\nBOS,MA,1\n"))
        .hasMessage("test.csv line 3: expected 7 columns, got 3");
  }

  @Test
  void aBadValueNamesItsLineAndColumn() {
    assertThatThrownBy(() -> parse(AirportCatalog.HEADER + "\nATL,GA,north,2,3,-5,true\n"))
        .hasMessage("test.csv line 2 column latitude: expected a number, got \"north\"");
    assertThatThrownBy(() -> parse(AirportCatalog.HEADER + "\nATL,GA,1,2,3,-5.5,true\n"))
        .hasMessage(
            "test.csv line 2 column standard_utc_offset_hours: expected whole hours, got \"-5.5\"");
    assertThatThrownBy(() -> parse(AirportCatalog.HEADER + "\nATL,GA,1,2,3,-5,yes\n"))
        .hasMessage("test.csv line 2 column observes_dst: expected true or false, got \"yes\"");
  }

  private static List<Airport> parse(String csv) throws IOException {
    return AirportCatalog.parse(new BufferedReader(new StringReader(csv)), "test.csv");
  }
}
