package io.delaywatch.infra;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.assertions.Template;

/**
 * Synthesized deployments shared by the test classes (each synth starts jsii work worth seconds):
 * the defaults, one with every setting changed (public serving with OIDC among them), and a public
 * one with Cognito. Built on first use.
 */
final class Deployment {
  /** The context of a user who deploys with defaults to a concrete account and region. */
  static final Map<String, Object> DEFAULT_CONTEXT =
      Map.of(
          "account",
          "123456789012",
          "region",
          "us-east-1",
          "availabilityZones",
          "us-east-1a,us-east-1b");

  /** Every setting changed: NAT egress, other sizes, names, tags, a database client. */
  static final Map<String, Object> CUSTOM_CONTEXT =
      Map.ofEntries(
          Map.entry("account", "210987654321"),
          Map.entry("region", "eu-west-1"),
          Map.entry("availabilityZones", "eu-west-1a,eu-west-1b"),
          Map.entry("name", "dw-test"),
          Map.entry("egress", "nat"),
          Map.entry("imageTag", "0123abc"),
          Map.entry("keepImages", "5"),
          Map.entry("noncurrentVersionDays", "7"),
          Map.entry("logRetentionDays", "90"),
          Map.entry("downloadCpu", "2048"),
          Map.entry("downloadMemoryMiB", "4096"),
          Map.entry("dbInstanceType", "t4g.small"),
          Map.entry("dbMultiAz", "true"),
          Map.entry("dbClientSecurityGroups", "sg-0123456789abcdef0"),
          Map.entry("airflowVersion", "2.10.1"),
          Map.entry("mwaaEnvironmentClass", "mw1.medium"),
          Map.entry("mwaaWebserverAccess", "PUBLIC_ONLY"),
          Map.entry("catalogLastYear", "2040"),
          Map.entry("servingAccess", "public"),
          Map.entry(
              "servingCertificateArn",
              "arn:aws:acm:eu-west-1:210987654321:certificate/11111111-2222-3333-4444-555555555555"),
          Map.entry("servingAuth", "oidc"),
          Map.entry("oidcIssuer", "https://login.example.com"),
          Map.entry("oidcAuthorizationEndpoint", "https://login.example.com/authorize"),
          Map.entry("oidcTokenEndpoint", "https://login.example.com/token"),
          Map.entry("oidcUserInfoEndpoint", "https://login.example.com/userinfo"),
          Map.entry("oidcClientId", "delaywatch"),
          Map.entry("oidcClientSecretName", "dw-test/oidc"),
          Map.entry("apiMinTasks", "2"),
          Map.entry("apiMaxTasks", "6"),
          Map.entry("apiRequestsPerTarget", "1200"));

  /** Public with a Cognito user pool instead of OIDC (NAT egress, as public requires). */
  static final Map<String, Object> COGNITO_CONTEXT =
      Map.ofEntries(
          Map.entry("account", "123456789012"),
          Map.entry("region", "us-east-1"),
          Map.entry("availabilityZones", "us-east-1a,us-east-1b"),
          Map.entry("egress", "nat"),
          Map.entry("servingAccess", "public"),
          Map.entry(
              "servingCertificateArn",
              "arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555"),
          Map.entry("servingAuth", "cognito"),
          Map.entry(
              "cognitoUserPoolArn",
              "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbCdEf123"),
          Map.entry("cognitoClientId", "1example23456789"),
          Map.entry("cognitoDomain", "delaywatch-login"));

  private static Deployment defaults;
  private static Deployment custom;
  private static Deployment cognito;

  final Settings settings;
  final InfraApp.Stacks stacks;
  final Template network;
  final Template data;
  final Template database;
  final Template compute;
  final Template serving;

  private Deployment(Map<String, Object> context) {
    Map<String, Object> all = new HashMap<>(InfraApp.FEATURE_FLAGS);
    all.putAll(context);
    App app = App.Builder.create().context(all).build();
    settings = Settings.from(app.getNode());
    stacks = InfraApp.stacks(app, settings);
    network = Template.fromStack(stacks.network());
    data = Template.fromStack(stacks.data());
    database = Template.fromStack(stacks.database());
    compute = Template.fromStack(stacks.compute());
    serving = Template.fromStack(stacks.serving());
  }

  static synchronized Deployment defaults() {
    if (defaults == null) {
      defaults = new Deployment(DEFAULT_CONTEXT);
    }
    return defaults;
  }

  static synchronized Deployment custom() {
    if (custom == null) {
      custom = new Deployment(CUSTOM_CONTEXT);
    }
    return custom;
  }

  static synchronized Deployment cognito() {
    if (cognito == null) {
      cognito = new Deployment(COGNITO_CONTEXT);
    }
    return cognito;
  }

  List<Template> templates() {
    return List.of(network, data, database, compute, serving);
  }
}
