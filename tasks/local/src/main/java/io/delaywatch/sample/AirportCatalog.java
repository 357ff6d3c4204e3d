package io.delaywatch.sample;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * About 400 real US airports with their size, largest first. Not API.
 *
 * <p>Coordinates come from the US DOT airport list that accompanies the on-time data; sizes are
 * approximate daily departures of the reporting carriers in 2015-2018, from about 1,000 at ATL to a
 * flight or two a week at ADK and PPG. The catalog sums to about 18,600 departures a day, 6.8
 * million a year, which is why a real yearly file has 6-7.5 million rows.
 */
final class AirportCatalog {
  // CODE STATE LATITUDE LONGITUDE DAILY_DEPARTURES
  private static final String TABLE =
      """
      ABE PA   40.652   -75.440 12
      ABI TX   32.411   -99.682 6
      ABQ NM   35.040  -106.609 70
      ABR SD   45.449   -98.422 2
      ABY GA   31.536   -84.194 3
      ACK MA   41.253   -70.060 4
      ACT TX   31.611   -97.231 5
      ACV CA   40.978  -124.109 4
      ACY NJ   39.458   -74.577 12
      ADK AK   51.878  -176.646 0.3
      ADQ AK   57.750  -152.494 3
      AEX LA   31.327   -92.549 8
      AGS GA   33.370   -81.965 10
      AKN AK   58.677  -156.649 0.5
      ALB NY   42.748   -73.803 45
      ALO IA   42.557   -92.400 2
      ALS CO   37.435  -105.867 1
      ALW WA   46.095  -118.288 2
      AMA TX   35.219  -101.706 15
      ANC AK   61.174  -149.996 80
      APN MI   45.078   -83.560 2
      ART NY   43.992   -76.022 2
      ASE CO   39.223  -106.869 20
      ATL GA   33.640   -84.427 1070
      ATW WI   44.257   -88.519 12
      ATY SD   44.914   -97.155 1
      AUG ME   44.321   -69.797 1
      AUS TX   30.195   -97.670 160
      AVL NC   35.436   -82.542 15
      AVP PA   41.338   -75.724 8
      AZA AZ   33.308  -111.656 8
      AZO MI   42.235   -85.552 8
      BDL CT   41.939   -72.683 80
      BET AK   60.780  -161.838 4
      BFF NE   41.874  -103.596 1
      BFL CA   35.434  -119.057 6
      BGM NY   42.208   -75.980 3
      BGR ME   44.807   -68.828 10
      BHB ME   44.450   -68.362 1
      BHM AL   33.563   -86.754 45
      BIL MT   45.808  -108.543 15
      BIS ND   46.774  -100.747 10
      BJI MN   47.509   -94.934 2
      BKG MO   36.532   -93.201 1
      BLI WA   48.793  -122.538 10
      BLV IL   38.545   -89.835 2
      BMI IL   40.478   -88.916 5
      BNA TN   36.124   -86.678 180
      BOI ID   43.564  -116.223 50
      BOS MA   42.364   -71.005 340
      BPT TX   29.951   -94.021 3
      BQK GA   31.259   -81.466 3
      BQN PR   18.495   -67.129 3
      BRD MN   46.398   -94.137 2
      BRL IA   40.783   -91.126 1
      BRO TX   25.907   -97.426 4
      BRW AK   71.285  -156.766 2
      BTM MT   45.955  -112.497 2
      BTR LA   30.533   -91.150 20
      BTV VT   44.473   -73.150 20
      BUF NY   42.941   -78.732 60
      BUR CA   34.201  -118.359 80
      BWI MD   39.175   -76.668 270
      BZN MT   45.777  -111.153 15
      CAE SC   33.939   -81.120 20
      CAK OH   40.916   -81.442 15
      CDC UT   37.701  -113.099 2
      CDV AK   60.492  -145.478 2
      CEC CA   41.780  -124.237 1.5
      CGI MO   37.225   -89.571 1
      CHA TN   35.035   -85.204 20
      CHO VA   38.139   -78.453 10
      CHS SC   32.899   -80.041 50
      CIC CA   39.795  -121.858 1
      CID IA   41.885   -91.711 20
      CIU MI   46.251   -84.472 2
      CKB WV   39.297   -80.228 1
      CLD CA   33.127  -117.279 3
      CLE OH   41.411   -81.849 120
      CLL TX   30.589   -96.364 5
      CLT NC   35.214   -80.943 560
      CMH OH   39.998   -82.892 100
      CMI IL   40.039   -88.278 4
      CMX MI   47.168   -88.489 2
      CNM NM   32.338  -104.263 1
      CNY UT   38.755  -109.755 1
      COD WY   44.520  -109.024 2
      COS CO   38.806  -104.700 30
      COU MO   38.818   -92.220 3
      CPR WY   42.908  -106.464 4
      CRP TX   27.770   -97.501 15
      CRW WV   38.373   -81.593 10
      CSG GA   32.516   -84.939 3
      CVG KY   39.046   -84.662 120
      CWA WI   44.778   -89.667 5
      CYS WY   41.156  -104.812 1
      DAB FL   29.180   -81.058 8
      DAL TX   32.847   -96.852 190
      DAY OH   39.902   -84.219 30
      DBQ IA   42.403   -90.709 3
      DCA VA   38.852   -77.038 270
      DDC KS   37.763   -99.966 1
      DEC IL   39.835   -88.866 1
      DEN CO   39.858  -104.667 650
      DFW TX   32.896   -97.037 800
      DHN AL   31.321   -85.450 3
      DIK ND   46.797  -102.802 3
      DLG AK   59.045  -158.503 1
      DLH MN   46.842   -92.194 6
      DRO CO   37.152  -107.754 8
      DSM IA   41.535   -93.661 40
      DTW MI   42.212   -83.349 400
      DVL ND   48.114   -98.909 1
      EAR NE   40.727   -99.007 2
      EAT WA   47.399  -120.207 3
      EAU WI   44.865   -91.485 2
      ECP FL   30.358   -85.796 15
      EGE CO   39.643  -106.918 8
      EKO NV   40.825  -115.792 2
      ELD AR   33.221   -92.813 1
      ELM NY   42.160   -76.891 5
      ELP TX   31.807  -106.378 50
      ERI PA   42.082   -80.176 3
      ESC MI   45.723   -87.094 2
      EUG OR   44.123  -123.219 15
      EVV IN   38.038   -87.531 10
      EWN NC   35.073   -77.043 5
      EWR NJ   40.693   -74.169 330
      EYW FL   24.556   -81.760 15
      FAI AK   64.814  -147.860 12
      FAR ND   46.919   -96.815 15
      FAT CA   36.776  -119.718 30
      FAY NC   34.991   -78.880 10
      FCA MT   48.311  -114.255 8
      FLG AZ   35.138  -111.671 4
      FLL FL   26.073   -80.153 220
      FLO SC   34.185   -79.724 2
      FMN NM   36.741  -108.230 1
      FNT MI   42.966   -83.743 10
      FSD SD   43.581   -96.742 20
      FSM AR   35.337   -94.367 4
      FWA IN   40.978   -85.195 15
      GCC WY   44.349  -105.539 2
      GCK KS   37.928  -100.724 2
      GEG WA   47.620  -117.534 40
      GFK ND   47.949   -97.176 5
      GGG TX   32.385   -94.712 3
      GJT CO   39.122  -108.527 8
      GNV FL   29.690   -82.272 8
      GPT MS   30.407   -89.070 12
      GRB WI   44.485   -88.130 10
      GRI NE   40.967   -98.309 2
      GRK TX   31.065   -97.828 8
      GRR MI   42.881   -85.523 40
      GSO NC   36.098   -79.937 25
      GSP SC   34.896   -82.219 25
      GST AK   58.424  -135.707 0.5
      GTF MT   47.482  -111.371 5
      GTR MS   33.450   -88.591 3
      GUC CO   38.534  -106.933 3
      GUM GU   13.483   144.796 2
      GUP NM   35.511  -108.789 0.5
      HDN CO   40.481  -107.218 3
      HGR MD   39.708   -77.730 0.5
      HHH SC   32.224   -80.698 3
      HIB MN   47.387   -92.839 2
      HLN MT   46.607  -111.983 5
      HNL HI   21.319  -157.922 160
      HOB NM   32.688  -103.217 2
      HOU TX   29.645   -95.279 160
      HPN NY   41.067   -73.708 40
      HRL TX   26.229   -97.654 8
      HRO AR   36.262   -93.155 1
      HSV AL   34.640   -86.773 20
      HYA MA   41.669   -70.280 1
      HYS KS   38.845   -99.274 2
      IAD VA   38.945   -77.456 180
      IAG NY   43.107   -78.945 1
      IAH TX   29.980   -95.340 430
      ICT KS   37.650   -97.433 25
      IDA ID   43.515  -112.070 8
      IFP AZ   35.157  -114.560 0.5
      ILG DE   39.679   -75.607 1
      ILM NC   34.271   -77.903 15
      IMT MI   45.818   -88.115 2
      IND IN   39.717   -86.294 110
      INL MN   48.566   -93.403 2
      IPT PA   41.242   -76.921 1
      ISN ND   48.178  -103.642 4
      ISP NY   40.795   -73.100 15
      ITH NY   42.491   -76.458 4
      ITO HI   19.720  -155.048 15
      JAC WY   43.607  -110.738 12
      JAN MS   32.311   -90.076 20
      JAX FL   30.494   -81.688 80
      JBR AR   35.832   -90.646 1
      JFK NY   40.640   -73.779 280
      JLN MO   37.152   -94.498 3
      JMS ND   46.930   -98.678 2
      JNU AK   58.355  -134.576 10
      JST PA   40.316   -78.834 1
      KOA HI   19.739  -156.046 30
      KTN AK   55.356  -131.714 6
      LAN MI   42.779   -84.587 6
      LAR WY   41.312  -105.675 2
      LAS NV   36.080  -115.152 440
      LAW OK   34.568   -98.417 3
      LAX CA   33.943  -118.408 590
      LBB TX   33.664  -101.823 15
      LBE PA   40.276   -79.405 1
      LBF NE   41.126  -100.684 1
      LBL KS   37.044  -100.960 1
      LCH LA   30.126   -93.223 5
      LCK OH   39.814   -82.928 1.5
      LEB NH   43.626   -72.304 1
      LEX KY   38.037   -84.605 25
      LFT LA   30.205   -91.988 12
      LGA NY   40.777   -73.873 330
      LGB CA   33.818  -118.152 40
      LIH HI   21.976  -159.339 40
      LIT AR   34.729   -92.224 40
      LNK NE   40.851   -96.759 8
      LRD TX   27.544   -99.462 6
      LSE WI   43.879   -91.257 3
      LWB WV   37.858   -80.400 1
      LWS ID   46.375  -117.015 2
      LYH VA   37.327   -79.200 3
      MAF TX   31.943  -102.202 20
      MBS MI   43.533   -84.080 6
      MCI MO   39.298   -94.714 140
      MCN GA   32.693   -83.649 1
      MCO FL   28.429   -81.316 360
      MCW IA   43.158   -93.331 1
      MDT PA   40.194   -76.763 20
      MDW IL   41.786   -87.752 240
      MEI MS   32.333   -88.751 1
      MEM TN   35.042   -89.977 80
      MFE TX   26.176   -98.239 10
      MFR OR   42.374  -122.874 15
      MGM AL   32.301   -86.394 8
      MHK KS   39.141   -96.671 3
      MHT NH   42.935   -71.437 30
      MIA FL   25.793   -80.291 160
      MKE WI   42.947   -87.897 90
      MKG MI   43.169   -86.238 1.5
      MLB FL   28.103   -80.646 6
      MLI IL   41.449   -90.508 12
      MLU LA   32.511   -92.038 8
      MMH CA   37.624  -118.838 2
      MOB AL   30.691   -88.243 15
      MOD CA   37.626  -120.954 1
      MOT ND   48.259  -101.280 6
      MQT MI   46.354   -87.395 3
      MRY CA   36.587  -121.843 12
      MSN WI   43.140   -89.338 30
      MSO MT   46.916  -114.091 15
      MSP MN   44.881   -93.217 380
      MSS NY   44.936   -74.846 1
      MSY LA   29.993   -90.258 140
      MTJ CO   38.509  -107.894 5
      MVY MA   41.393   -70.614 3
      MWA IL   37.755   -89.011 1
      MYR SC   33.680   -78.928 20
      OAJ NC   34.829   -77.612 4
      OAK CA   37.721  -122.221 150
      OGD UT   41.196  -112.012 0.5
      OGG HI   20.899  -156.430 90
      OGS NY   44.682   -75.466 1
      OKC OK   35.393   -97.601 60
      OMA NE   41.303   -95.894 70
      OME AK   64.512  -165.445 2
      ONT CA   34.056  -117.601 70
      ORD IL   41.980   -87.904 940
      ORF VA   36.895   -76.201 50
      ORH MA   42.267   -71.876 2
      OTH OR   43.417  -124.246 1.5
      OTZ AK   66.885  -162.599 2
      OWB KY   37.740   -87.167 0.5
      OXR CA   34.201  -119.207 1
      PAH KY   37.061   -88.774 2
      PBG NY   44.651   -73.468 1
      PBI FL   26.683   -80.096 70
      PDX OR   45.589  -122.598 200
      PGD FL   26.920   -81.991 6
      PGV NC   35.635   -77.385 2
      PHF VA   37.132   -76.493 8
      PHL PA   39.872   -75.241 280
      PHX AZ   33.434  -112.008 440
      PIA IL   40.664   -89.693 12
      PIB MS   31.467   -89.337 2
      PIE FL   27.910   -82.687 8
      PIH ID   42.911  -112.596 2
      PIR SD   44.383  -100.286 1
      PIT PA   40.491   -80.233 100
      PLN MI   45.571   -84.797 1
      PNS FL   30.473   -87.187 30
      PPG AS   14.331  -170.711 0.3
      PQI ME   46.689   -68.045 1
      PRC AZ   34.655  -112.420 1
      PSC WA   46.265  -119.119 12
      PSE PR   18.008   -66.563 2
      PSG AK   56.802  -132.945 2
      PSP CA   33.829  -116.506 25
      PUB CO   38.289  -104.497 1
      PUW WA   46.744  -117.110 3
      PVD RI   41.724   -71.428 50
      PVU UT   40.219  -111.723 1
      PWM ME   43.646   -70.309 25
      RAP SD   44.045  -103.057 12
      RDD CA   40.509  -122.293 3
      RDM OR   44.254  -121.150 12
      RDU NC   35.878   -78.787 150
      RHI WI   45.631   -89.467 2
      RIC VA   37.505   -77.320 60
      RIW WY   43.064  -108.460 1.5
      RKD ME   44.060   -69.099 1
      RKS WY   41.594  -109.065 2
      RNO NV   39.499  -119.768 50
      ROA VA   37.325   -79.975 12
      ROC NY   43.119   -77.672 35
      ROW NM   33.302  -104.531 3
      RST MN   43.909   -92.498 6
      RSW FL   26.536   -81.755 90
      RUT VT   43.529   -72.950 1
      SAF NM   35.617  -106.088 6
      SAN CA   32.734  -117.190 230
      SAT TX   29.534   -98.470 110
      SAV GA   32.128   -81.202 30
      SBA CA   34.426  -119.840 15
      SBN IN   41.709   -86.318 10
      SBP CA   35.237  -120.642 10
      SCC AK   70.195  -148.465 1
      SCE PA   40.851   -77.846 5
      SCK CA   37.894  -121.239 2
      SDF KY   38.174   -85.736 60
      SEA WA   47.449  -122.309 440
      SFB FL   28.778   -81.238 10
      SFO CA   37.619  -122.375 470
      SGF MO   37.244   -93.387 20
      SGU UT   37.091  -113.593 5
      SHD VA   38.264   -78.896 1
      SHR WY   44.769  -106.980 1.5
      SHV LA   32.447   -93.826 15
      SIT AK   57.047  -135.362 4
      SJC CA   37.362  -121.929 130
      SJT TX   31.358  -100.496 3
      SJU PR   18.439   -66.002 90
      SLC UT   40.788  -111.978 320
      SLK NY   44.385   -74.206 1
      SLN KS   38.791   -97.652 1
      SMF CA   38.695  -121.591 130
      SMX CA   34.899  -120.458 1
      SNA CA   33.676  -117.868 140
      SPI IL   39.844   -89.678 5
      SPN MP   15.119   145.729 1
      SPS TX   33.989   -98.492 3
      SRQ FL   27.395   -82.554 20
      STC MN   45.545   -94.058 1
      STL MO   38.748   -90.360 170
      STS CA   38.509  -122.813 5
      STT VI   18.337   -64.973 12
      STX VI   17.702   -64.799 5
      SUN ID   43.505  -114.297 5
      SUX IA   42.403   -96.384 2
      SWF NY   41.504   -74.105 5
      SYR NY   43.111   -76.106 35
      TBN MO   37.742   -92.141 1
      TEX CO   37.954  -107.909 1
      TLH FL   30.397   -84.350 15
      TOL OH   41.587   -83.808 2
      TPA FL   27.975   -82.533 190
      TRI TN   36.475   -82.407 6
      TTN NJ   40.277   -74.813 3
      TUL OK   36.198   -95.888 50
      TUP MS   34.268   -88.770 1
      TUS AZ   32.116  -110.941 50
      TVC MI   44.741   -85.582 10
      TWF ID   42.482  -114.488 3
      TXK AR   33.454   -93.991 3
      TYR TX   32.354   -95.402 5
      TYS TN   35.812   -83.993 35
      UIN IL   39.943   -91.195 1
      USA NC   35.388   -80.709 2
      UST FL   29.959   -81.340 0.5
      VEL UT   40.441  -109.510 1
      VLD GA   30.783   -83.277 3
      VPS FL   30.483   -86.525 20
      WRG AK   56.484  -132.370 2
      WYS MT   44.688  -111.118 1
      XNA AR   36.282   -94.307 30
      YAK AK   59.503  -139.660 1
      YKM WA   46.568  -120.544 3
      YUM AZ   32.657  -114.606 3
      """;

  private static final Map<String, Integer> STANDARD_OFFSET_HOURS =
      Map.ofEntries(
          Map.entry("CT", -5),
          Map.entry("DE", -5),
          Map.entry("FL", -5),
          Map.entry("GA", -5),
          Map.entry("IN", -5),
          Map.entry("KY", -5),
          Map.entry("ME", -5),
          Map.entry("MD", -5),
          Map.entry("MA", -5),
          Map.entry("MI", -5),
          Map.entry("NH", -5),
          Map.entry("NJ", -5),
          Map.entry("NY", -5),
          Map.entry("NC", -5),
          Map.entry("OH", -5),
          Map.entry("PA", -5),
          Map.entry("RI", -5),
          Map.entry("SC", -5),
          Map.entry("VT", -5),
          Map.entry("VA", -5),
          Map.entry("WV", -5),
          Map.entry("AL", -6),
          Map.entry("AR", -6),
          Map.entry("IL", -6),
          Map.entry("IA", -6),
          Map.entry("KS", -6),
          Map.entry("LA", -6),
          Map.entry("MN", -6),
          Map.entry("MS", -6),
          Map.entry("MO", -6),
          Map.entry("NE", -6),
          Map.entry("ND", -6),
          Map.entry("OK", -6),
          Map.entry("SD", -6),
          Map.entry("TN", -6),
          Map.entry("TX", -6),
          Map.entry("WI", -6),
          Map.entry("AZ", -7),
          Map.entry("CO", -7),
          Map.entry("ID", -7),
          Map.entry("MT", -7),
          Map.entry("NM", -7),
          Map.entry("UT", -7),
          Map.entry("WY", -7),
          Map.entry("CA", -8),
          Map.entry("NV", -8),
          Map.entry("OR", -8),
          Map.entry("WA", -8),
          Map.entry("AK", -9),
          Map.entry("HI", -10),
          Map.entry("PR", -4),
          Map.entry("VI", -4),
          Map.entry("GU", 10),
          Map.entry("MP", 10),
          Map.entry("AS", -11));

  // Airports on the other side of a time-zone line that runs through their state.
  private static final Map<String, Integer> OFFSET_EXCEPTIONS =
      Map.ofEntries(
          Map.entry("PNS", -6),
          Map.entry("VPS", -6),
          Map.entry("ECP", -6),
          Map.entry("EVV", -6),
          Map.entry("PAH", -6),
          Map.entry("OWB", -6),
          Map.entry("IMT", -6),
          Map.entry("ESC", -6),
          Map.entry("TYS", -5),
          Map.entry("TRI", -5),
          Map.entry("CHA", -5),
          Map.entry("ELP", -7),
          Map.entry("BFF", -7),
          Map.entry("DIK", -7),
          Map.entry("RAP", -7),
          Map.entry("LWS", -8),
          Map.entry("ADK", -10));

  private static final Set<String> NO_DST = Set.of("AZ", "HI", "PR", "VI", "GU", "MP", "AS");

  private static final List<Airport> BY_SIZE = parse();

  private AirportCatalog() {}

  /** How many airports the catalog holds. */
  static int size() {
    return BY_SIZE.size();
  }

  /** The {@code n} largest airports, largest first. */
  static List<Airport> largest(int n) {
    return BY_SIZE.subList(0, n);
  }

  private static List<Airport> parse() {
    return TABLE
        .lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty())
        .map(
            line -> {
              String[] f = line.split(" +");
              String code = f[0];
              String state = f[1];
              int hours = OFFSET_EXCEPTIONS.getOrDefault(code, STANDARD_OFFSET_HOURS.get(state));
              return new Airport(
                  code,
                  state,
                  Double.parseDouble(f[2]),
                  Double.parseDouble(f[3]),
                  Double.parseDouble(f[4]),
                  hours * 60,
                  !NO_DST.contains(state));
            })
        .sorted(
            Comparator.comparingDouble(Airport::dailyDepartures)
                .reversed()
                .thenComparing(Airport::code))
        .toList();
  }
}
