package io.delaywatch.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The VPC: isolated subnets with interface endpoints by default, or a NAT gateway. */
class NetworkTest {
  @Test
  void isolatedSubnetsHaveNoRouteOutOfTheVpc() {
    Template network = Deployment.defaults().network;

    network.resourceCountIs("AWS::EC2::Subnet", 2);
    network.resourceCountIs("AWS::EC2::InternetGateway", 0);
    network.resourceCountIs("AWS::EC2::NatGateway", 0);
    Cfn.resources(network, "AWS::EC2::Subnet")
        .values()
        .forEach(
            subnet ->
                assertThat(Cfn.properties(subnet).get("MapPublicIpOnLaunch")).isEqualTo(false));
  }

  @Test
  void s3IsReachedThroughTheFreeGatewayEndpoint() {
    for (Deployment deployment : List.of(Deployment.defaults(), Deployment.custom())) {
      deployment.network.hasResourceProperties(
          "AWS::EC2::VPCEndpoint",
          Map.of(
              "VpcEndpointType",
              "Gateway",
              "ServiceName",
              Map.of("Fn::Join", List.of("", Match.arrayWith(List.of(".s3"))))));
    }
  }

  @Test
  void interfaceEndpointsServeEveryApiTheTasksAndMwaaCall() {
    Template compute = Deployment.defaults().compute;

    compute.resourceCountIs("AWS::EC2::VPCEndpoint", 11);
    String services =
        Cfn.resources(compute, "AWS::EC2::VPCEndpoint").values().stream()
            .map(endpoint -> Cfn.render(Cfn.properties(endpoint).get("ServiceName")))
            .sorted()
            .toList()
            .toString();
    assertThat(services)
        .contains(
            ".ecr.api",
            ".ecr.dkr",
            ".logs",
            ".secretsmanager",
            ".ecs",
            ".sqs",
            ".monitoring",
            ".kms")
        .contains(".airflow.api", ".airflow.env", ".airflow.ops");
    Cfn.resources(compute, "AWS::EC2::VPCEndpoint")
        .values()
        .forEach(
            endpoint ->
                assertThat(Cfn.properties(endpoint).get("PrivateDnsEnabled")).isEqualTo(true));
  }

  @Test
  void endpointsAcceptOnlyHttpsFromInsideTheVpc() {
    Map<String, Object> group =
        Cfn.properties(
            Cfn.resource(
                Deployment.defaults().compute,
                "AWS::EC2::SecurityGroup",
                "EndpointsSecurityGroup"));

    assertThat(Cfn.render(group.get("SecurityGroupIngress")))
        .startsWith("[{CidrIp=<import ExportsOutputFnGetAttNetworkVpc7FB7348FCidrBlock")
        .endsWith(">, Description=HTTPS from the VPC, FromPort=443, IpProtocol=tcp, ToPort=443}]");
  }

  @Test
  void natEgressAddsANatGatewayAndNoInterfaceEndpoints() {
    Template network = Deployment.custom().network;

    network.resourceCountIs("AWS::EC2::NatGateway", 1);
    network.resourceCountIs("AWS::EC2::InternetGateway", 1);
    network.resourceCountIs("AWS::EC2::Subnet", 4);
    Deployment.custom().compute.resourceCountIs("AWS::EC2::VPCEndpoint", 0);
  }

  @Test
  void tasksMayOnlySendHttpsAnywhereAndPostgresInsideTheVpc() {
    Map<String, Object> group =
        Cfn.properties(
            Cfn.resource(Deployment.defaults().network, "AWS::EC2::SecurityGroup", "NetworkTasks"));

    assertThat(group).doesNotContainKey("SecurityGroupIngress");
    assertThat(Cfn.render(group.get("SecurityGroupEgress")))
        .isEqualTo(
            "[{CidrIp=0.0.0.0/0, Description=AWS APIs (S3 gateway, interface endpoints or NAT), FromPort=443, IpProtocol=tcp, ToPort=443},"
                + " {CidrIp={NetworkVpc7FB7348F.CidrBlock}, Description=the RDS database, FromPort=5432, IpProtocol=tcp, ToPort=5432}]");
  }

  @Test
  void airflowSecurityGroupAdmitsOnlyItself() {
    Template network = Deployment.defaults().network;
    String airflow = Cfn.logicalId(network, "AWS::EC2::SecurityGroup", "NetworkAirflow");

    Map<String, Object> ingress =
        Cfn.properties(Cfn.resource(network, "AWS::EC2::SecurityGroupIngress", "NetworkAirflow"));

    assertThat(Cfn.render(ingress.get("SourceSecurityGroupId")))
        .isEqualTo("{" + airflow + ".GroupId}");
    assertThat(Cfn.render(ingress.get("GroupId"))).isEqualTo("{" + airflow + ".GroupId}");
  }

  @Test
  void flowLogsRecordAllTrafficIntoALogGroupWithRetention() {
    Template network = Deployment.defaults().network;

    network.hasResourceProperties(
        "AWS::EC2::FlowLog",
        Map.of("TrafficType", "ALL", "LogDestinationType", "cloud-watch-logs"));
    network.hasResourceProperties("AWS::Logs::LogGroup", Map.of("RetentionInDays", 365));
  }

  @Test
  void theDefaultSecurityGroupIsStripped() {
    Deployment.defaults().network.resourceCountIs("Custom::VpcRestrictDefaultSG", 1);
  }
}
