package io.delaywatch.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awscdk.assertions.Template;

/** Glue tables over the Parquet sets, partitioned by year with projection (no crawler). */
class CatalogTest {
  @Test
  void databaseHasTheThreeTables() {
    Template data = Deployment.defaults().data;

    data.resourceCountIs("AWS::Glue::Database", 1);
    data.resourceCountIs("AWS::Glue::Table", 3);
    data.hasResourceProperties(
        "AWS::Glue::Database", Map.of("DatabaseInput", Map.of("Name", "delaywatch")));
    Deployment.custom()
        .data
        .hasResourceProperties(
            "AWS::Glue::Database", Map.of("DatabaseInput", Map.of("Name", "dw_test")));
  }

  @Test
  void stagedFlightsColumnsMatchFlightCodec() {
    assertThat(columns("flights"))
        .containsExactly(
            Map.entry("flight_date", "date"),
            Map.entry("carrier", "string"),
            Map.entry("origin", "string"),
            Map.entry("dep_delay", "double"),
            Map.entry("cancelled", "boolean"),
            Map.entry("diverted", "boolean"),
            Map.entry("carrier_delay", "double"),
            Map.entry("weather_delay", "double"),
            Map.entry("nas_delay", "double"),
            Map.entry("security_delay", "double"),
            Map.entry("late_aircraft_delay", "double"));
  }

  @Test
  void dailyColumnsMatchDailyCodec() {
    assertThat(columns("airport_daily")).containsExactlyEntriesOf(daily());
  }

  @Test
  void scoredColumnsAreTheDailyOnesThenTheDetectorsAsInScoredCodec() {
    Map<String, String> expected = daily();
    expected.put("expected_dep_delay", "double");
    expected.put("lower_bound", "double");
    expected.put("upper_bound", "double");
    expected.put("anomaly_score", "double");
    expected.put("is_anomaly", "boolean");
    expected.put("detector", "string");
    expected.put("anomaly_kind", "string");

    assertThat(columns("airport_anomalies")).containsExactlyEntriesOf(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "flights,           staged/flights/",
    "airport_daily,     daily/airport_daily/",
    "airport_anomalies, scored/airport_anomalies/"
  })
  void tableIsParquetPartitionedByYearWithProjectionOverTheLakeLayout(String table, String prefix) {
    Map<String, Object> input = tableInput(Deployment.defaults().data, table);
    Map<?, ?> storage = (Map<?, ?>) input.get("StorageDescriptor");
    Map<?, ?> parameters = (Map<?, ?>) input.get("Parameters");

    assertThat(input.get("PartitionKeys"))
        .isEqualTo(List.of(Map.of("Name", "year", "Type", "int")));
    assertThat(Cfn.render(storage.get("Location")))
        .isEqualTo("s3://{LakeWarehouse19FD57A3}/" + prefix);
    assertThat(Cfn.render(storage.get("SerdeInfo")))
        .contains("org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe");
    assertThat(parameters.get("projection.enabled")).isEqualTo("true");
    assertThat(parameters.get("projection.year.type")).isEqualTo("integer");
    assertThat(parameters.get("projection.year.range")).isEqualTo("2009,2030");
    assertThat(Cfn.render(parameters.get("storage.location.template")))
        .isEqualTo("s3://{LakeWarehouse19FD57A3}/" + prefix + "year=${year}/");
  }

  @Test
  void projectedYearsAreASetting() {
    Map<?, ?> parameters =
        (Map<?, ?>) tableInput(Deployment.custom().data, "airport_daily").get("Parameters");

    assertThat(parameters.get("projection.year.range")).isEqualTo("2009,2040");
  }

  @Test
  void athenaWorkGroupEnforcesEncryptedResultsInTheLake() {
    Map<String, Object> workGroup =
        Cfn.resource(Deployment.defaults().data, "AWS::Athena::WorkGroup", "");
    String configuration = Cfn.render(Cfn.properties(workGroup).get("WorkGroupConfiguration"));

    assertThat(configuration)
        .contains("EnforceWorkGroupConfiguration=true")
        .contains("EncryptionOption=SSE_S3")
        .contains("OutputLocation=s3://{LakeWarehouse19FD57A3}/athena-results/");
  }

  private static Map<String, String> daily() {
    Map<String, String> columns = new LinkedHashMap<>();
    columns.put("airport", "string");
    columns.put("flight_date", "date");
    columns.put("flights", "int");
    columns.put("departed", "int");
    columns.put("cancelled", "int");
    columns.put("diverted", "int");
    columns.put("avg_dep_delay", "double");
    columns.put("delayed_15_share", "double");
    columns.put("carrier_delay_min", "double");
    columns.put("weather_delay_min", "double");
    columns.put("nas_delay_min", "double");
    columns.put("security_delay_min", "double");
    columns.put("late_aircraft_delay_min", "double");
    return columns;
  }

  private static Map<String, String> columns(String table) {
    Map<?, ?> storage =
        (Map<?, ?>) tableInput(Deployment.defaults().data, table).get("StorageDescriptor");
    Map<String, String> columns = new LinkedHashMap<>();
    for (Object column : (List<?>) storage.get("Columns")) {
      Map<?, ?> c = (Map<?, ?>) column;
      columns.put((String) c.get("Name"), (String) c.get("Type"));
    }
    return columns;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> tableInput(Template template, String name) {
    return Cfn.resources(template, "AWS::Glue::Table").values().stream()
        .map(table -> (Map<String, Object>) Cfn.properties(table).get("TableInput"))
        .filter(input -> name.equals(input.get("Name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no table " + name));
  }
}
