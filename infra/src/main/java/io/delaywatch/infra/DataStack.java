package io.delaywatch.infra;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * The stateful storage that outlives any compute redeploy: the lake's buckets (retained when the
 * stack is deleted), the image repositories and the Glue catalog over the lake.
 */
public final class DataStack extends Stack {
  private final Lake lake;
  private final Registry registry;
  private final Catalog catalog;

  public DataStack(Construct scope, String id, StackProps props, Settings settings) {
    super(scope, id, props);
    lake =
        new Lake(
            this,
            "Lake",
            Lake.Props.builder()
                .noncurrentVersionDays(settings.noncurrentVersionDays())
                .accessLogDays(settings.logRetentionDays())
                .build());
    registry =
        new Registry(
            this, "Registry", Registry.Props.builder().keepImages(settings.keepImages()).build());
    catalog =
        new Catalog(
            this,
            "Catalog",
            Catalog.Props.builder()
                .warehouse(lake.warehouse())
                .databaseName(settings.name().replace('-', '_'))
                .workGroupName(settings.name())
                .years(settings.catalogYears())
                .build());

    output(
        "RawUpload",
        "s3://" + lake.raw().getBucketName() + "/raw/flights/",
        "Upload the yearly Kaggle CSVs here (YYYY.csv); S3 replication copies them into the lake");
    output("Warehouse", lake.warehouseUri(), "DELAYWATCH_WAREHOUSE: the tasks' lake root");
    output(
        "ChartsBucket",
        lake.charts().getBucketName(),
        "Published charts and reports: plots/YYYY/index.html");
    output(
        "GlueDatabase",
        catalog.databaseName(),
        "Athena database with tables flights, airport_daily, airport_anomalies");
    output(
        "AthenaWorkGroup",
        catalog.workGroupName(),
        "Athena workgroup (query results under athena-results/)");
    output(
        "ImageRegistry",
        Fn.select(0, Fn.split("/", registry.repository(Task.DISCOVER).getRepositoryUri())),
        "Registry of the task images: -Dimage.prefix=<this>/delaywatch-");
  }

  private void output(String id, String value, String description) {
    CfnOutput.Builder.create(this, id).value(value).description(description).build();
  }

  public Lake lake() {
    return lake;
  }

  public Registry registry() {
    return registry;
  }
}
