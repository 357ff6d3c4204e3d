package io.delaywatch.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * The serving stack: an internal load balancer by default, HTTPS and an authenticate action in
 * front of Superset when public, both services reachable only through it, and only they (with the
 * pipeline's tasks) reaching the database.
 */
class ServingTest {
  private static final String LOAD_BALANCER = "AWS::ElasticLoadBalancingV2::LoadBalancer";
  private static final String LISTENER = "AWS::ElasticLoadBalancingV2::Listener";

  @Test
  void theDefaultLoadBalancerIsInternalInThePrivateSubnetsOnPlainHttpWithoutAuthentication() {
    Template serving = Deployment.defaults().serving;

    serving.resourceCountIs(LOAD_BALANCER, 1);
    serving.hasResourceProperties(LOAD_BALANCER, Map.of("Scheme", "internal"));
    assertThat(Cfn.render(Cfn.properties(Cfn.resource(serving, LOAD_BALANCER, "Serving"))))
        .contains("privateSubnet1", "privateSubnet2")
        .doesNotContain("publicSubnet");
    assertThat(listeners(serving))
        .containsOnlyKeys(80, 8080)
        .allSatisfy((port, listener) -> assertThat(listener.get("Protocol")).isEqualTo("HTTP"));
    assertThat(Cfn.render(listeners(serving).get(80).get("DefaultActions")))
        .isEqualTo("[{TargetGroupArn={ServingSupersetTargetsEDFAEA2F}, Type=forward}]");
    assertThat(Cfn.render(listeners(serving).get(8080).get("DefaultActions")))
        .isEqualTo("[{TargetGroupArn={ServingApiTargets8CD5C0B3}, Type=forward}]");
  }

  @Test
  void theInternalLoadBalancerAdmitsOnlyTheVpcOnItsTwoPorts() {
    assertThat(ingress(Deployment.defaults().serving, "ServingLoadBalancerSecurityGroup"))
        .containsExactlyInAnyOrder(
            "<import NetworkVpc CidrBlock> tcp 80", "<import NetworkVpc CidrBlock> tcp 8080");
  }

  @Test
  void aPublicLoadBalancerServesOnlyHttpsWithTheCertificateAndAModernPolicy() {
    Template serving = Deployment.custom().serving;

    serving.hasResourceProperties(LOAD_BALANCER, Map.of("Scheme", "internet-facing"));
    assertThat(Cfn.render(Cfn.properties(Cfn.resource(serving, LOAD_BALANCER, "Serving"))))
        .contains("publicSubnet1", "publicSubnet2");
    assertThat(listeners(serving))
        .containsOnlyKeys(443, 8443)
        .allSatisfy(
            (port, listener) -> {
              assertThat(listener.get("Protocol")).isEqualTo("HTTPS");
              assertThat(listener.get("SslPolicy"))
                  .isEqualTo("ELBSecurityPolicy-TLS13-1-2-2021-06");
              assertThat(Cfn.render(listener.get("Certificates")))
                  .isEqualTo(
                      "[{CertificateArn=arn:aws:acm:eu-west-1:210987654321:certificate/11111111-2222-3333-4444-555555555555}]");
            });
    assertThat(ingress(serving, "ServingLoadBalancerSecurityGroup"))
        .containsExactlyInAnyOrder("0.0.0.0/0 tcp 443", "0.0.0.0/0 tcp 8443");
  }

  @Test
  void aPublicDashboardIsBehindTheOidcActionWhoseSecretStaysInSecretsManager() {
    Map<String, Object> dashboard = listeners(Deployment.custom().serving).get(443);

    List<?> actions = (List<?>) dashboard.get("DefaultActions");
    assertThat(actions).hasSize(2);
    Map<String, Object> authenticate = Cfn.cast(actions.get(0));
    assertThat(authenticate.get("Type")).isEqualTo("authenticate-oidc");
    assertThat(authenticate.get("Order")).isEqualTo(1);
    assertThat(Cfn.cast(authenticate.get("AuthenticateOidcConfig")))
        .containsEntry("Issuer", "https://login.example.com")
        .containsEntry("ClientId", "delaywatch")
        .containsEntry("ClientSecret", "{{resolve:secretsmanager:dw-test/oidc:SecretString:::}}");
    assertThat(Cfn.render(actions.get(1)))
        .isEqualTo("{Order=2, TargetGroupArn={ServingSupersetTargetsEDFAEA2F}, Type=forward}");
    // The API's clients are programs with a bearer token, not browsers: no login redirect.
    assertThat(Cfn.render(listeners(Deployment.custom().serving).get(8443).get("DefaultActions")))
        .isEqualTo("[{TargetGroupArn={ServingApiTargets8CD5C0B3}, Type=forward}]");
  }

  @Test
  void aPublicDashboardMayUseACognitoUserPoolInstead() {
    Template serving = Deployment.cognito().serving;

    List<?> actions = (List<?>) listeners(serving).get(443).get("DefaultActions");
    Map<String, Object> authenticate = Cfn.cast(actions.get(0));
    assertThat(authenticate.get("Type")).isEqualTo("authenticate-cognito");
    assertThat(Cfn.render(authenticate.get("AuthenticateCognitoConfig")))
        .contains(
            "UserPoolArn=arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbCdEf123")
        .contains("UserPoolClientId=1example23456789")
        .contains("UserPoolDomain=delaywatch-login");
    assertThat(Cfn.render(actions.get(1))).contains("ServingSupersetTargets", "forward");
  }

  @Test
  void aPublicLoadBalancerWithoutHttpsOrAuthenticationOrPublicSubnetsIsRefused() {
    Map<String, String> nat = Map.of("egress", "nat", "servingAccess", "public");
    assertThatThrownBy(() -> Settings.from(nat::get, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "context servingAccess=public needs servingCertificateArn (an ACM certificate): a public load balancer serves HTTPS only");

    Map<String, String> noAuth = new HashMap<>(nat);
    noAuth.put("servingCertificateArn", "arn:aws:acm:us-east-1:123456789012:certificate/x");
    assertThatThrownBy(() -> Settings.from(noAuth::get, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "context servingAccess=public needs servingAuth=cognito or servingAuth=oidc: Superset is never public without an authentication action");

    Map<String, String> halfOidc = new HashMap<>(noAuth);
    halfOidc.put("servingAuth", "oidc");
    halfOidc.put("oidcIssuer", "https://login.example.com");
    assertThatThrownBy(() -> Settings.from(halfOidc::get, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "context servingAuth=oidc needs oidcIssuer, oidcAuthorizationEndpoint, oidcTokenEndpoint, oidcUserInfoEndpoint, oidcClientId and oidcClientSecretName");

    Map<String, Object> endpoints = new HashMap<>(Deployment.COGNITO_CONTEXT);
    endpoints.remove("egress");
    assertThatThrownBy(() -> Settings.from(key -> (String) endpoints.get(key), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "context servingAccess=public needs egress=nat: an internet-facing load balancer needs the public subnets that only the NAT variant has");
  }

  @Test
  void eachServiceAdmitsOnlyTheLoadBalancerOnItsContainerPort() {
    for (Deployment deployment : List.of(Deployment.defaults(), Deployment.custom())) {
      assertThat(ingress(deployment.serving, "ServingSupersetSecurityGroup"))
          .containsExactly("{ServingLoadBalancerSecurityGroupF6454D51.GroupId} tcp 8088");
      assertThat(ingress(deployment.serving, "ServingApiSecurityGroup"))
          .containsExactly("{ServingLoadBalancerSecurityGroupF6454D51.GroupId} tcp 8080");
    }
  }

  @Test
  void theServicesReachOnlyHttpsAndTheDatabase() {
    Template serving = Deployment.defaults().serving;
    for (String group : List.of("ServingSupersetSecurityGroup", "ServingApiSecurityGroup")) {
      assertThat(egress(serving, group))
          .containsExactlyInAnyOrder(
              "0.0.0.0/0 tcp 443", "<import DatabaseSecurityGroup GroupId> tcp 5432");
    }
    // The default load balancer talks to the two services and to nothing else.
    assertThat(egress(serving, "ServingLoadBalancerSecurityGroup"))
        .containsExactlyInAnyOrder(
            "{ServingSupersetSecurityGroupDAB15549.GroupId} tcp 8088",
            "{ServingApiSecurityGroupC1948A53.GroupId} tcp 8080");
    // With an authenticate action it also calls the identity provider.
    assertThat(egress(Deployment.custom().serving, "ServingLoadBalancerSecurityGroup"))
        .contains("0.0.0.0/0 tcp 443");
  }

  @Test
  void theDatabaseAdmitsOnlyThePipelineTasksAndTheTwoServices() {
    Deployment deployment = Deployment.defaults();
    TreeSet<String> sources = new TreeSet<>();
    for (Template template : List.of(deployment.database, deployment.serving)) {
      Cfn.resources(template, "AWS::EC2::SecurityGroupIngress")
          .values()
          .forEach(
              rule -> {
                Map<String, Object> p = Cfn.properties(rule);
                if (Cfn.render(p.get("GroupId")).contains("DatabaseSecurityGroup")) {
                  assertThat(p.get("FromPort")).isEqualTo(5432);
                  assertThat(p.get("ToPort")).isEqualTo(5432);
                  sources.add(imports(Cfn.render(p.get("SourceSecurityGroupId"))));
                }
              });
    }
    assertThat(sources)
        .containsExactly(
            "<import NetworkTasks GroupId>",
            "{ServingApiSecurityGroupC1948A53.GroupId}",
            "{ServingSupersetSecurityGroupDAB15549.GroupId}");
    Cfn.resources(deployment.database, "AWS::EC2::SecurityGroup")
        .values()
        .forEach(
            group ->
                assertThat(Cfn.render(Cfn.properties(group).get("SecurityGroupIngress")))
                    .isEqualTo("null"));
  }

  @ParameterizedTest
  @EnumSource(ServingApp.class)
  void eachAppHasItsRetainedRepositoryTaskDefinitionServiceAndHealthCheckedTargetGroup(
      ServingApp app) {
    Deployment.defaults()
        .data
        .hasResource(
            "AWS::ECR::Repository",
            Map.of(
                "DeletionPolicy",
                "Retain",
                "Properties",
                Map.of(
                    "RepositoryName",
                    app.family(),
                    "ImageTagMutability",
                    "IMMUTABLE",
                    "ImageScanningConfiguration",
                    Map.of("ScanOnPush", true))));
    Template serving = Deployment.defaults().serving;
    serving.hasResourceProperties(
        "AWS::ECS::TaskDefinition",
        Map.of(
            "Family",
            app.family(),
            "RequiresCompatibilities",
            List.of("FARGATE"),
            "ContainerDefinitions",
            Match.arrayWith(
                List.of(
                    Match.objectLike(
                        Map.of(
                            "Name",
                            app.id(),
                            "Essential",
                            true,
                            "PortMappings",
                            List.of(Match.objectLike(Map.of("ContainerPort", app.containerPort()))),
                            "LogConfiguration",
                            Match.objectLike(
                                Map.of(
                                    "LogDriver",
                                    "awslogs",
                                    "Options",
                                    Match.objectLike(
                                        Map.of("awslogs-stream-prefix", app.id()))))))))));
    serving.hasResourceProperties(
        "AWS::ECS::Service",
        Map.of(
            "ServiceName",
            app.family(),
            "LaunchType",
            "FARGATE",
            "NetworkConfiguration",
            Map.of("AwsvpcConfiguration", Match.objectLike(Map.of("AssignPublicIp", "DISABLED"))),
            "DeploymentConfiguration",
            Match.objectLike(
                Map.of(
                    "DeploymentCircuitBreaker",
                    Map.of("Enable", true, "Rollback", true),
                    "MinimumHealthyPercent",
                    100)),
            "LoadBalancers",
            List.of(
                Map.of(
                    "ContainerName",
                    app.id(),
                    "ContainerPort",
                    app.containerPort(),
                    "TargetGroupArn",
                    Match.anyValue()))));
    serving.hasResourceProperties(
        "AWS::ElasticLoadBalancingV2::TargetGroup",
        Map.of(
            "Port",
            app.containerPort(),
            "TargetType",
            "ip",
            "HealthCheckPath",
            "/health",
            "Matcher",
            Map.of("HttpCode", "200")));
  }

  @Test
  void supersetStartsOnlyAfterTheRolesAndTheInitHaveSucceeded() {
    Map<String, Object> task =
        Cfn.resource(Deployment.defaults().serving, "AWS::ECS::TaskDefinition", "ServingSuperset");
    List<?> containers = (List<?>) Cfn.properties(task).get("ContainerDefinitions");
    Map<String, String> commands = new HashMap<>();
    Map<String, String> dependsOn = new HashMap<>();
    for (Object raw : containers) {
      Map<String, Object> c = Cfn.cast(raw);
      commands.put((String) c.get("Name"), Cfn.render(c.get("Command")));
      dependsOn.put((String) c.get("Name"), Cfn.render(c.get("DependsOn")));
    }
    assertThat(commands)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "database-roles", "[python, /app/delaywatch/database_roles.py]",
                "superset-init", "[bash, /app/delaywatch/init.sh]",
                // The image's own command: gunicorn on 8088.
                "superset", "null"));
    assertThat(dependsOn)
        .containsEntry("database-roles", "null")
        .containsEntry("superset-init", "[{Condition=SUCCESS, ContainerName=database-roles}]")
        .containsEntry("superset", "[{Condition=SUCCESS, ContainerName=superset-init}]");
  }

  @Test
  void secretsAreInjectedFromSecretsManagerAndNoneIsInAnEnvironmentVariable() {
    Template serving = Deployment.defaults().serving;
    Map<String, Map<String, String>> secrets = new HashMap<>();
    Map<String, String> environments = new HashMap<>();
    Cfn.resources(serving, "AWS::ECS::TaskDefinition")
        .values()
        .forEach(
            task -> {
              for (Object raw : (List<?>) Cfn.properties(task).get("ContainerDefinitions")) {
                Map<String, Object> c = Cfn.cast(raw);
                Map<String, String> byName = new HashMap<>();
                for (Object s : (List<?>) c.getOrDefault("Secrets", List.of())) {
                  Map<String, Object> secret = Cfn.cast(s);
                  byName.put((String) secret.get("Name"), Cfn.render(secret.get("ValueFrom")));
                }
                secrets.put((String) c.get("Name"), byName);
                environments.put((String) c.get("Name"), Cfn.render(c.get("Environment")));
              }
            });

    assertThat(secrets.get("api"))
        .containsOnlyKeys("PGPASSWORD", "DELAYWATCH_API_TOKEN")
        .hasEntrySatisfying("PGPASSWORD", v -> assertThat(v).contains("ServingApiDatabase"))
        .hasEntrySatisfying(
            "DELAYWATCH_API_TOKEN", v -> assertThat(v).isEqualTo("{ServingApiToken9C0B945C}"));
    assertThat(environments.get("api"))
        .contains("{Name=PGUSER, Value=delaywatch_api}")
        .contains("{Name=DELAYWATCH_JDBC_URL, Value=jdbc:postgresql://")
        .contains("/delaywatch?sslmode=require");
    assertThat(secrets.get("superset"))
        .containsOnlyKeys("SUPERSET_SECRET_KEY", "SUPERSET_METADATA_PASSWORD");
    assertThat(secrets.get("superset-init"))
        .containsOnlyKeys(
            "SUPERSET_SECRET_KEY",
            "SUPERSET_METADATA_PASSWORD",
            "SUPERSET_ADMIN_PASSWORD",
            "SUPERSET_DELAYWATCH_DB_PASSWORD");
    // The dashboard reads the results through the read-only role.
    assertThat(environments.get("superset-init"))
        .contains(
            "{Name=SUPERSET_DELAYWATCH_DB_URI, Value=postgresql+psycopg2://delaywatch_reader@");
    // Only the roles step gets the owner's login.
    assertThat(secrets.get("database-roles"))
        .containsOnlyKeys(
            "PGUSER",
            "PGPASSWORD",
            "SUPERSET_DB_PASSWORD",
            "DELAYWATCH_READER_PASSWORD",
            "DELAYWATCH_API_PASSWORD")
        .hasEntrySatisfying(
            "PGPASSWORD", v -> assertThat(v).contains("DatabaseInstanceSecret", ":password::"));
    assertThat(environments.values())
        .allSatisfy(
            env -> assertThat(env).doesNotContain("PASSWORD", "TOKEN", "SECRET_KEY", "resolve:"));
  }

  @Test
  void theApiExecutionRoleReadsOnlyItsOwnTwoSecretsAndTheTaskRolesHaveNoPolicy() {
    Template serving = Deployment.defaults().serving;
    String apiExecution = Cfn.logicalId(serving, "AWS::IAM::Role", "ServingApiTaskExecutionRole");
    assertThat(
            Cfn.statementsOf(serving, apiExecution).stream()
                .filter(s -> s.actions().contains("secretsmanager:GetSecretValue"))
                .flatMap(s -> s.resources().stream())
                .toList())
        .containsExactlyInAnyOrder("{ServingApiDatabaseDC602A64}", "{ServingApiToken9C0B945C}");
    for (String taskRole : List.of("ServingSupersetTaskTaskRole", "ServingApiTaskTaskRole")) {
      assertThat(Cfn.statementsOf(serving, Cfn.logicalId(serving, "AWS::IAM::Role", taskRole)))
          .isEmpty();
    }
  }

  @Test
  void theApiScalesOnRequestsPerTaskWithinItsLimits() {
    Deployment.defaults()
        .serving
        .hasResourceProperties(
            "AWS::ApplicationAutoScaling::ScalableTarget",
            Map.of(
                "MinCapacity",
                1,
                "MaxCapacity",
                4,
                "ScalableDimension",
                "ecs:service:DesiredCount"));
    Deployment.custom()
        .serving
        .hasResourceProperties(
            "AWS::ApplicationAutoScaling::ScalableTarget",
            Map.of("MinCapacity", 2, "MaxCapacity", 6));
    Deployment.custom()
        .serving
        .hasResourceProperties(
            "AWS::ApplicationAutoScaling::ScalingPolicy",
            Map.of(
                "PolicyType",
                "TargetTrackingScaling",
                "TargetTrackingScalingPolicyConfiguration",
                Match.objectLike(
                    Map.of(
                        "TargetValue",
                        1200,
                        "PredefinedMetricSpecification",
                        Match.objectLike(
                            Map.of("PredefinedMetricType", "ALBRequestCountPerTarget"))))));
    // Superset is one task: its init containers must not run twice at once.
    Deployment.defaults()
        .serving
        .hasResourceProperties(
            "AWS::ECS::Service", Map.of("ServiceName", "delaywatch-superset", "DesiredCount", 1));
  }

  @Test
  void theServicesLogToOneGroupWithTheDeploymentsRetention() {
    Deployment.defaults()
        .serving
        .hasResourceProperties(
            "AWS::Logs::LogGroup",
            Map.of("LogGroupName", "/delaywatch/serving", "RetentionInDays", 365));
    Deployment.custom()
        .serving
        .hasResourceProperties(
            "AWS::Logs::LogGroup",
            Map.of("LogGroupName", "/dw-test/serving", "RetentionInDays", 90));
  }

  @Test
  void theApiStartsAfterSupersetWhoseFirstContainerCreatesTheApisRole() {
    Map<String, Object> api =
        Cfn.resource(Deployment.defaults().serving, "AWS::ECS::Service", "ServingApi");
    assertThat(Cfn.render(api.get("DependsOn"))).contains("ServingSupersetService");
  }

  /** Shortens CDK's export names: {@code <import NetworkVpc CidrBlock>}. */
  private static String imports(String rendered) {
    return rendered.replaceAll(
        "<import ExportsOutputFnGetAtt(\\w+?)[0-9A-F]{8}(\\w+?)[0-9A-F]{8}>", "<import $1 $2>");
  }

  /** The listeners of a template by port. */
  private static Map<Integer, Map<String, Object>> listeners(Template template) {
    Map<Integer, Map<String, Object>> byPort = new HashMap<>();
    Cfn.resources(template, LISTENER)
        .values()
        .forEach(l -> byPort.put((Integer) Cfn.properties(l).get("Port"), Cfn.properties(l)));
    return byPort;
  }

  /** A group's ingress rules, inline and separate, as "source protocol port". */
  private static List<String> ingress(Template template, String groupPrefix) {
    return rules(template, groupPrefix, "SecurityGroupIngress", "CidrIp", "SourceSecurityGroupId");
  }

  /** A group's egress rules, inline and separate, as "destination protocol port". */
  private static List<String> egress(Template template, String groupPrefix) {
    return rules(
        template, groupPrefix, "SecurityGroupEgress", "CidrIp", "DestinationSecurityGroupId");
  }

  private static List<String> rules(
      Template template, String groupPrefix, String kind, String cidr, String group) {
    String id = Cfn.logicalId(template, "AWS::EC2::SecurityGroup", groupPrefix);
    List<Map<String, Object>> rules = new java.util.ArrayList<>();
    Object inline =
        Cfn.properties(Cfn.resource(template, "AWS::EC2::SecurityGroup", groupPrefix)).get(kind);
    if (inline instanceof List<?> list) {
      list.forEach(r -> rules.add(Cfn.cast(r)));
    }
    Cfn.resources(template, "AWS::EC2::" + kind)
        .values()
        .forEach(
            r -> {
              Map<String, Object> p = Cfn.properties(r);
              if (Cfn.render(p.get("GroupId")).equals("{" + id + ".GroupId}")) {
                rules.add(p);
              }
            });
    return rules.stream()
        .map(
            r ->
                imports(Cfn.render(r.containsKey(cidr) ? r.get(cidr) : r.get(group)))
                    + " "
                    + r.get("IpProtocol")
                    + " "
                    + r.get("FromPort"))
        .toList();
  }
}
