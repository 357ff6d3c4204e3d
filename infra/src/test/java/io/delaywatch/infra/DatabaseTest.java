package io.delaywatch.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** RDS PostgreSQL 16: private, encrypted, generated credentials, reachable only by the tasks. */
class DatabaseTest {
  @Test
  void postgres16IsPrivateEncryptedProtectedAndSnapshottedOnDelete() {
    Deployment.defaults()
        .database
        .hasResource(
            "AWS::RDS::DBInstance",
            Map.of(
                "DeletionPolicy",
                "Snapshot",
                "Properties",
                Map.ofEntries(
                    Map.entry("Engine", "postgres"),
                    Map.entry("EngineVersion", Match.stringLikeRegexp("^16\\.")),
                    Map.entry("DBInstanceClass", "db.t4g.micro"),
                    Map.entry("PubliclyAccessible", false),
                    Map.entry("StorageEncrypted", true),
                    Map.entry("DeletionProtection", true),
                    Map.entry("MultiAZ", false),
                    Map.entry("AutoMinorVersionUpgrade", true),
                    Map.entry("BackupRetentionPeriod", 7),
                    Map.entry("DBName", "delaywatch"),
                    Map.entry("EnableCloudwatchLogsExports", List.of("postgresql")))));
  }

  @Test
  void credentialsAreGeneratedIntoSecretsManagerAndKeptWithTheFinalSnapshot() {
    Template database = Deployment.defaults().database;

    database.hasResource("AWS::SecretsManager::Secret", Map.of("DeletionPolicy", "Retain"));

    database.resourceCountIs("AWS::SecretsManager::Secret", 1);
    database.hasResourceProperties(
        "AWS::SecretsManager::Secret",
        Map.of(
            "GenerateSecretString",
            Map.of(
                "GenerateStringKey",
                "password",
                "SecretStringTemplate",
                "{\"username\":\"delaywatch\"}")));
    String instance =
        Cfn.render(Cfn.properties(Cfn.resource(database, "AWS::RDS::DBInstance", "")));
    assertThat(instance)
        .contains("resolve:secretsmanager")
        .doesNotContain("MasterUserPassword=delaywatch");
  }

  @Test
  void onlyTheTasksSecurityGroupMayConnect() {
    Template database = Deployment.defaults().database;

    database.resourceCountIs("AWS::EC2::SecurityGroupIngress", 1);
    String ingress =
        Cfn.render(Cfn.properties(Cfn.resource(database, "AWS::EC2::SecurityGroupIngress", "")));
    assertThat(ingress)
        .contains("FromPort=5432", "ToPort=5432", "IpProtocol=tcp")
        .contains("SourceSecurityGroupId=<import ExportsOutputFnGetAttNetworkTasks")
        .doesNotContain("CidrIp");
    Map<String, Object> group =
        Cfn.properties(Cfn.resource(database, "AWS::EC2::SecurityGroup", ""));
    assertThat(group).doesNotContainKey("SecurityGroupIngress");
    // CDK's placeholder for "no egress at all".
    assertThat(Cfn.render(group.get("SecurityGroupEgress"))).contains("CidrIp=255.255.255.255/32");
  }

  @Test
  void namedClientGroupsMayConnectToo() {
    Template database = Deployment.custom().database;

    database.resourceCountIs("AWS::EC2::SecurityGroupIngress", 1);
    database.hasResourceProperties(
        "AWS::EC2::SecurityGroup",
        Map.of(
            "SecurityGroupIngress",
            List.of(
                Map.of(
                    "SourceSecurityGroupId", "sg-0123456789abcdef0",
                    "FromPort", 5432,
                    "ToPort", 5432,
                    "IpProtocol", "tcp",
                    "Description", "database client sg-0123456789abcdef0"))));
    database.hasResourceProperties(
        "AWS::RDS::DBInstance", Map.of("DBInstanceClass", "db.t4g.small", "MultiAZ", true));
  }

  @Test
  void instanceLivesInThePrivateSubnets() {
    String subnets =
        Cfn.render(
            Cfn.properties(
                Cfn.resource(Deployment.defaults().database, "AWS::RDS::DBSubnetGroup", "")));

    assertThat(subnets).contains("privateSubnet1", "privateSubnet2").doesNotContain("public");
  }

  @Test
  void serverLogIsKeptForTheConfiguredRetention() {
    Deployment.defaults()
        .database
        .hasResourceProperties(
            "AWS::Logs::LogGroup",
            Map.of(
                "LogGroupName", "/aws/rds/instance/delaywatch/postgresql", "RetentionInDays", 365));
  }
}
