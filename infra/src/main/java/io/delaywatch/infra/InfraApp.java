package io.delaywatch.infra;

import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;

/**
 * The DelayWatch CDK app: {@code cdk deploy --all} (from {@code infra/}) creates five stacks,
 * {@code <name>-network}, {@code -data}, {@code -database}, {@code -compute} and {@code -serving}.
 * Settings come from CDK context ({@link Settings}).
 */
public final class InfraApp {
  private InfraApp() {}

  /** The five stacks of one deployment. */
  public record Stacks(
      NetworkStack network,
      DataStack data,
      DatabaseStack database,
      ComputeStack compute,
      ServingStack serving) {}

  /**
   * CDK feature flags this app relies on, set in code so that the CLI, the tests and a plain {@code
   * java} synth agree (a flag in cdk.json reaches only the CLI).
   */
  public static final Map<String, Object> FEATURE_FLAGS =
      Map.of(
          // Server access logs are delivered under a bucket policy, not the legacy ACL (which
          // BucketOwnerEnforced ownership forbids).
          "@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy",
          true,
          // Cross-stack references are CloudFormation exports: a stateful stack cannot drop a
          // bucket or the database while the compute stack still uses it.
          "@aws-cdk/core:defaultCrossStackReferences",
          "strong");

  public static void main(String[] args) {
    App app = App.Builder.create().context(FEATURE_FLAGS).build();
    stacks(app, Settings.from(app.getNode()));
    app.synth();
  }

  /** Builds the stacks of {@code settings} into {@code app}. */
  public static Stacks stacks(App app, Settings settings) {
    StackProps props =
        StackProps.builder()
            .env(settings.environment())
            .description("DelayWatch: daily airport delay anomalies (infra/)")
            .build();
    NetworkStack network = new NetworkStack(app, settings.qualified("network"), props, settings);
    DataStack data = new DataStack(app, settings.qualified("data"), props, settings);
    DatabaseStack database =
        new DatabaseStack(app, settings.qualified("database"), props, settings, network.network());
    ComputeStack compute =
        new ComputeStack(
            app,
            settings.qualified("compute"),
            props,
            settings,
            network.network(),
            data,
            database.database());
    ServingStack serving =
        new ServingStack(
            app,
            settings.qualified("serving"),
            props,
            settings,
            network.network(),
            data,
            database.database());
    if (settings.egress() == Settings.Egress.ENDPOINTS) {
      serving.addStackDependency(
          compute, "image pulls, logs and secrets go through the compute stack's endpoints");
    }
    Tags.of(app).add("project", "delaywatch");
    Tags.of(app).add("delaywatch:deployment", settings.name());
    return new Stacks(network, data, database, compute, serving);
  }
}
