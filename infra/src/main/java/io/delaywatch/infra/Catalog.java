package io.delaywatch.infra;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.athena.CfnWorkGroup;
import software.amazon.awscdk.services.glue.CfnDatabase;
import software.amazon.awscdk.services.glue.CfnTable;
import software.amazon.awscdk.services.s3.IBucket;
import software.constructs.Construct;

/**
 * The Glue Data Catalog over the lake's Parquet sets, so Athena queries them in place: database
 * {@code <name>} (dashes become underscores) with the tables {@code flights} (staged), {@code
 * airport_daily} and {@code airport_anomalies} (scored), each partitioned by {@code year}.
 * Partition projection computes the partitions from the {@code year=YYYY/} key layout: no crawler,
 * no {@code MSCK REPAIR}, a new year is queryable as soon as its file lands. Plus an Athena
 * workgroup that writes query results, encrypted, under the warehouse's {@link
 * Lake#ATHENA_RESULTS}.
 *
 * <p>Column names and types mirror the Parquet schemas of {@code FlightCodec}, {@code DailyCodec}
 * and {@code ScoredCodec} in {@code common}: INT32 is {@code int}, DATE is {@code date}, DOUBLE
 * {@code double}, BOOLEAN {@code boolean}, UTF-8 binary {@code string}.
 */
public final class Catalog extends Construct {
  /** staged/flights/year=YYYY/flights.parquet (FlightCodec). */
  public static final Map<String, String> FLIGHTS =
      columns(
          "flight_date", "date",
          "carrier", "string",
          "origin", "string",
          "dep_delay", "double",
          "cancelled", "boolean",
          "diverted", "boolean",
          "carrier_delay", "double",
          "weather_delay", "double",
          "nas_delay", "double",
          "security_delay", "double",
          "late_aircraft_delay", "double");

  /** daily/airport_daily/year=YYYY/airport_daily.parquet (DailyCodec). */
  public static final Map<String, String> AIRPORT_DAILY =
      columns(
          "airport", "string",
          "flight_date", "date",
          "flights", "int",
          "departed", "int",
          "cancelled", "int",
          "diverted", "int",
          "avg_dep_delay", "double",
          "delayed_15_share", "double",
          "carrier_delay_min", "double",
          "weather_delay_min", "double",
          "nas_delay_min", "double",
          "security_delay_min", "double",
          "late_aircraft_delay_min", "double");

  /**
   * scored/airport_anomalies/year=YYYY/anomalies.parquet (ScoredCodec: the daily columns first).
   */
  public static final Map<String, String> AIRPORT_ANOMALIES =
      concat(
          AIRPORT_DAILY,
          columns(
              "expected_dep_delay", "double",
              "lower_bound", "double",
              "upper_bound", "double",
              "anomaly_score", "double",
              "is_anomaly", "boolean",
              "detector", "string",
              "anomaly_kind", "string"));

  private final String databaseName;
  private final CfnWorkGroup workGroup;

  /** Props of {@link Catalog}. */
  public record Props(
      IBucket warehouse, String databaseName, Settings.YearRange years, String workGroupName) {
    public Props {
      Objects.requireNonNull(warehouse, "warehouse");
      Objects.requireNonNull(databaseName, "databaseName");
      Objects.requireNonNull(years, "years");
      Objects.requireNonNull(workGroupName, "workGroupName");
    }

    public static Builder builder() {
      return new Builder();
    }

    /** Builder of {@link Props}; warehouse is required. */
    public static final class Builder {
      private IBucket warehouse;
      private String databaseName = "delaywatch";
      private Settings.YearRange years = new Settings.YearRange(2009, 2030);
      private String workGroupName = "delaywatch";

      public Builder warehouse(IBucket warehouse) {
        this.warehouse = warehouse;
        return this;
      }

      /** Glue database name: lower case letters, digits and underscores. */
      public Builder databaseName(String databaseName) {
        this.databaseName = databaseName;
        return this;
      }

      /** Years the partition projection enumerates; years without data are simply empty. */
      public Builder years(Settings.YearRange years) {
        this.years = years;
        return this;
      }

      public Builder workGroupName(String workGroupName) {
        this.workGroupName = workGroupName;
        return this;
      }

      public Props build() {
        return new Props(warehouse, databaseName, years, workGroupName);
      }
    }
  }

  public Catalog(Construct scope, String id, Props props) {
    super(scope, id);
    databaseName = props.databaseName();
    CfnDatabase database =
        CfnDatabase.Builder.create(this, "Database")
            .catalogId(Aws.ACCOUNT_ID)
            .databaseInput(
                CfnDatabase.DatabaseInputProperty.builder()
                    .name(databaseName)
                    .description(
                        "DelayWatch data lake: staged flights, daily airport figures, scored days")
                    .build())
            .build();
    String root = "s3://" + props.warehouse().getBucketName() + "/";
    table(
        database,
        props,
        "Flights",
        "flights",
        root + "staged/flights/",
        FLIGHTS,
        "Every scheduled departure of the year, typed (download's output)");
    table(
        database,
        props,
        "AirportDaily",
        "airport_daily",
        root + "daily/airport_daily/",
        AIRPORT_DAILY,
        "One row per airport and day (transform's output)");
    table(
        database,
        props,
        "AirportAnomalies",
        "airport_anomalies",
        root + "scored/airport_anomalies/",
        AIRPORT_ANOMALIES,
        "Daily rows with expected delay, band, score and anomaly flag (detect's output)");

    workGroup =
        CfnWorkGroup.Builder.create(this, "WorkGroup")
            .name(props.workGroupName())
            .description("Queries over the DelayWatch lake")
            .recursiveDeleteOption(true)
            .workGroupConfiguration(
                CfnWorkGroup.WorkGroupConfigurationProperty.builder()
                    .enforceWorkGroupConfiguration(true)
                    .publishCloudWatchMetricsEnabled(true)
                    // A runaway query over ten years of flights scans ~1 GB; stop anything far
                    // beyond.
                    .bytesScannedCutoffPerQuery(10L * 1024 * 1024 * 1024)
                    .resultConfiguration(
                        CfnWorkGroup.ResultConfigurationProperty.builder()
                            .outputLocation(root + Lake.ATHENA_RESULTS)
                            .encryptionConfiguration(
                                CfnWorkGroup.EncryptionConfigurationProperty.builder()
                                    .encryptionOption("SSE_S3")
                                    .build())
                            .build())
                    .build())
            .build();
  }

  private void table(
      CfnDatabase database,
      Props props,
      String id,
      String name,
      String location,
      Map<String, String> columns,
      String description) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("classification", "parquet");
    parameters.put("EXTERNAL", "TRUE");
    parameters.put("parquet.compression", "SNAPPY");
    parameters.put("projection.enabled", "true");
    parameters.put("projection.year.type", "integer");
    parameters.put("projection.year.range", props.years().first() + "," + props.years().last());
    parameters.put("storage.location.template", location + "year=${year}/");
    List<CfnTable.ColumnProperty> columnList = new ArrayList<>();
    columns.forEach(
        (column, type) ->
            columnList.add(CfnTable.ColumnProperty.builder().name(column).type(type).build()));
    CfnTable table =
        CfnTable.Builder.create(this, id)
            .catalogId(Aws.ACCOUNT_ID)
            .databaseName(databaseName)
            .tableInput(
                CfnTable.TableInputProperty.builder()
                    .name(name)
                    .description(description)
                    .tableType("EXTERNAL_TABLE")
                    .parameters(parameters)
                    .partitionKeys(
                        List.of(CfnTable.ColumnProperty.builder().name("year").type("int").build()))
                    .storageDescriptor(
                        CfnTable.StorageDescriptorProperty.builder()
                            .location(location)
                            .columns(columnList)
                            .inputFormat(
                                "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat")
                            .outputFormat(
                                "org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat")
                            .serdeInfo(
                                CfnTable.SerdeInfoProperty.builder()
                                    .serializationLibrary(
                                        "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe")
                                    .parameters(Map.of("serialization.format", "1"))
                                    .build())
                            .build())
                    .build())
            .build();
    table.getNode().addDependency(database);
  }

  public String databaseName() {
    return databaseName;
  }

  public String workGroupName() {
    return workGroup.getName();
  }

  private static Map<String, String> columns(String... nameTypePairs) {
    Map<String, String> columns = new LinkedHashMap<>();
    for (int i = 0; i < nameTypePairs.length; i += 2) {
      columns.put(nameTypePairs[i], nameTypePairs[i + 1]);
    }
    return Collections.unmodifiableMap(columns);
  }

  private static Map<String, String> concat(Map<String, String> first, Map<String, String> second) {
    Map<String, String> columns = new LinkedHashMap<>(first);
    columns.putAll(second);
    return Collections.unmodifiableMap(columns);
  }
}
