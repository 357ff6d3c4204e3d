package io.delaywatch.infra;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/** The PostgreSQL database: stateful, so apart from the compute (deleted with a final snapshot). */
public final class DatabaseStack extends Stack {
  private final Database database;

  public DatabaseStack(
      Construct scope, String id, StackProps props, Settings settings, Network network) {
    super(scope, id, props);
    database =
        new Database(
            this,
            "Database",
            Database.Props.builder()
                .vpc(network.vpc())
                .subnets(network.privateSubnets())
                .tasksSecurityGroup(network.tasksSecurityGroup())
                .instanceIdentifier(settings.name())
                .settings(settings.db())
                .logRetention(settings.logRetention())
                .build());
    CfnOutput.Builder.create(this, "JdbcUrl")
        .value(database.jdbcUrl())
        .description("DELAYWATCH_JDBC_URL of the load task (and the dashboard's connection)")
        .build();
    CfnOutput.Builder.create(this, "DatabaseUser")
        .value(Database.NAME)
        .description("PGUSER")
        .build();
    CfnOutput.Builder.create(this, "DatabaseSecret")
        .value(database.secret().getSecretArn())
        .description("Secrets Manager secret with the generated password (key: password)")
        .build();
  }

  public Database database() {
    return database;
  }
}
