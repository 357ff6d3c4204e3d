package io.delaywatch.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClient;
import software.amazon.awscdk.services.cognito.UserPoolDomain;
import software.amazon.awscdk.services.ec2.IPeer;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerDependency;
import software.amazon.awscdk.services.ecs.ContainerDependencyCondition;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.FargatePlatformVersion;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.LoadBalancerTargetOptions;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.RequestCountScalingProps;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.ecs.ScalableTaskCount;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.AuthenticateOidcOptions;
import software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCertificate;
import software.amazon.awscdk.services.elasticloadbalancingv2.SslPolicy;
import software.amazon.awscdk.services.elasticloadbalancingv2.TargetType;
import software.amazon.awscdk.services.elasticloadbalancingv2.actions.AuthenticateCognitoAction;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * Superset and the results API on Fargate behind one Application Load Balancer: the dashboard on
 * port 80 (443 with a certificate), the API on 8080 (8443). Internal by default, reachable from the
 * VPC (or the named client networks) only; public only by explicit context, then HTTPS only (no
 * plain-HTTP listener at all) and a Cognito or OIDC authenticate action in front of Superset. The
 * API answers only requests with its bearer token (from Secrets Manager), so it has no authenticate
 * action: its clients are programs, not browsers.
 *
 * <p>Security groups: the load balancer's admits its clients and reaches only the two services'
 * container ports; each service admits only the load balancer and reaches only HTTPS (AWS APIs) and
 * the database, whose group admits them by group.
 *
 * <p>The Superset task prepares everything before its web server starts, as docker-compose's {@code
 * superset-init} does: a first container ({@code database-roles}, {@code
 * infra/superset/database_roles.py}) creates or updates, as the database owner, Superset's metadata
 * database and the read-only roles of the dashboard and the API with the passwords in Secrets
 * Manager; a second ({@code superset-init}, {@code infra/superset/init.sh}) runs {@code superset db
 * upgrade}, creates the admin, runs {@code superset init} and imports the bundle; only then does
 * {@code superset} start. Every step is idempotent, so every new task converges to the same state.
 */
public final class Serving extends Construct {
  /** The dashboard's read-only role (the bundle's connection, as in docker-compose). */
  public static final String READER_ROLE = "delaywatch_reader";

  /** The API's read-only role. */
  public static final String API_ROLE = "delaywatch_api";

  /** Superset's metadata database and its owner role. */
  public static final String SUPERSET_DATABASE = "superset";

  /** The Superset admin's user name (its password is generated into Secrets Manager). */
  public static final String SUPERSET_ADMIN = "admin";

  private final Cluster cluster;
  private final LogGroup logGroup;
  private final ApplicationLoadBalancer loadBalancer;
  private final FargateService superset;
  private final FargateService api;
  private final ScalableTaskCount apiScaling;
  private final Map<String, software.amazon.awscdk.services.secretsmanager.Secret> secrets =
      new LinkedHashMap<>();
  private final int dashboardPort;
  private final int apiPort;

  /** Props of {@link Serving}. */
  public record Props(
      IVpc vpc,
      SubnetSelection serviceSubnets,
      SubnetSelection loadBalancerSubnets,
      Settings.ServingSettings settings,
      Registry registry,
      String imageTag,
      Database database,
      String clusterName,
      String logGroupName,
      RetentionDays logRetention) {
    public Props {
      Objects.requireNonNull(vpc, "vpc");
      Objects.requireNonNull(serviceSubnets, "serviceSubnets");
      Objects.requireNonNull(loadBalancerSubnets, "loadBalancerSubnets");
      Objects.requireNonNull(settings, "settings");
      Objects.requireNonNull(registry, "registry");
      Objects.requireNonNull(imageTag, "imageTag");
      Objects.requireNonNull(database, "database");
      Objects.requireNonNull(clusterName, "clusterName");
      Objects.requireNonNull(logGroupName, "logGroupName");
      Objects.requireNonNull(logRetention, "logRetention");
    }

    public static Builder builder() {
      return new Builder();
    }

    /** Builder of {@link Props}; every property is required except the names and retention. */
    public static final class Builder {
      private IVpc vpc;
      private SubnetSelection serviceSubnets;
      private SubnetSelection loadBalancerSubnets;
      private Settings.ServingSettings settings;
      private Registry registry;
      private String imageTag;
      private Database database;
      private String clusterName = "delaywatch-serving";
      private String logGroupName = "/delaywatch/serving";
      private RetentionDays logRetention = RetentionDays.ONE_YEAR;

      public Builder vpc(IVpc vpc) {
        this.vpc = vpc;
        return this;
      }

      /** The private subnets the Fargate services run in. */
      public Builder serviceSubnets(SubnetSelection serviceSubnets) {
        this.serviceSubnets = serviceSubnets;
        return this;
      }

      /** Private subnets for an internal load balancer, public ones for an internet-facing one. */
      public Builder loadBalancerSubnets(SubnetSelection loadBalancerSubnets) {
        this.loadBalancerSubnets = loadBalancerSubnets;
        return this;
      }

      public Builder settings(Settings.ServingSettings settings) {
        this.settings = settings;
        return this;
      }

      public Builder registry(Registry registry) {
        this.registry = registry;
        return this;
      }

      /** The tag of both images (the release pushes them tagged with the git SHA). */
      public Builder imageTag(String imageTag) {
        this.imageTag = imageTag;
        return this;
      }

      public Builder database(Database database) {
        this.database = database;
        return this;
      }

      public Builder clusterName(String clusterName) {
        this.clusterName = clusterName;
        return this;
      }

      public Builder logGroupName(String logGroupName) {
        this.logGroupName = logGroupName;
        return this;
      }

      public Builder logRetention(RetentionDays logRetention) {
        this.logRetention = logRetention;
        return this;
      }

      public Props build() {
        return new Props(
            vpc,
            serviceSubnets,
            loadBalancerSubnets,
            settings,
            registry,
            imageTag,
            database,
            clusterName,
            logGroupName,
            logRetention);
      }
    }
  }

  public Serving(Construct scope, String id, Props props) {
    super(scope, id);
    Settings.ServingSettings settings = props.settings();
    boolean open = settings.access() == Settings.Access.PUBLIC;
    dashboardPort = settings.https() ? 443 : 80;
    apiPort = settings.https() ? 8443 : 8080;

    cluster =
        Cluster.Builder.create(this, "Cluster")
            .clusterName(props.clusterName())
            .vpc(props.vpc())
            .containerInsightsV2(ContainerInsights.DISABLED)
            .build();
    Checkov.skip(
        cluster,
        "CKV_AWS_65",
        "Two small services; the load balancer's and ECS's standard metrics (requests, latency, CPU, memory) come free. Container Insights would bill per-task metrics on top.");
    logGroup =
        LogGroup.Builder.create(this, "Logs")
            .logGroupName(props.logGroupName())
            .retention(props.logRetention())
            .removalPolicy(RemovalPolicy.DESTROY)
            .build();
    Checkov.skip(
        logGroup,
        "CKV_AWS_158",
        "Superset's and the API's request and error logs, never passwords or tokens (injected, not logged); CloudWatch Logs encrypts them at rest by default.");

    var supersetKey = secret("SupersetSecretKey", "Superset SECRET_KEY", null, 64);
    var supersetAdmin =
        secret("SupersetAdmin", "Superset admin login (key password)", SUPERSET_ADMIN, 32);
    var metadataLogin =
        secret(
            "SupersetDatabase",
            "PostgreSQL role " + SUPERSET_DATABASE + " (Superset's metadata)",
            SUPERSET_DATABASE,
            32);
    var readerLogin =
        secret(
            "ReaderDatabase",
            "PostgreSQL role " + READER_ROLE + " (the dashboard, read-only)",
            READER_ROLE,
            32);
    var apiLogin =
        secret(
            "ApiDatabase", "PostgreSQL role " + API_ROLE + " (the API, read-only)", API_ROLE, 32);
    var apiToken = secret("ApiToken", "Bearer token of delaywatch-api", null, 48);

    SecurityGroup lbGroup =
        SecurityGroup.Builder.create(this, "LoadBalancerSecurityGroup")
            .vpc(props.vpc())
            .description(
                open
                    ? "DelayWatch load balancer: HTTPS from the internet"
                    : "DelayWatch load balancer: its clients inside the VPC")
            .allowAllOutbound(false)
            .build();
    List<IPeer> clients =
        open
            ? List.of(Peer.anyIpv4())
            : (settings.clientCidrs().isEmpty()
                    ? List.of(props.vpc().getVpcCidrBlock())
                    : settings.clientCidrs())
                .stream().<IPeer>map(Peer::ipv4).toList();
    for (var client : clients) {
      lbGroup.addIngressRule(client, Port.tcp(dashboardPort), "the dashboard");
      lbGroup.addIngressRule(client, Port.tcp(apiPort), "the API");
    }
    if (settings.auth() != Settings.Auth.NONE) {
      // The authenticate action calls the identity provider's token and user-info endpoints.
      lbGroup.addEgressRule(Peer.anyIpv4(), Port.tcp(443), "the identity provider");
    }

    loadBalancer =
        ApplicationLoadBalancer.Builder.create(this, "LoadBalancer")
            .vpc(props.vpc())
            .vpcSubnets(props.loadBalancerSubnets())
            .internetFacing(open)
            .securityGroup(lbGroup)
            .dropInvalidHeaderFields(true)
            // SQL Lab and the dashboard's heavier charts may take longer than the default 60 s.
            .idleTimeout(Duration.seconds(120))
            .build();
    Checkov.skip(
        loadBalancer,
        "CKV_AWS_91",
        "CDK writes the access-log bucket policy only for a known region, and the templates are synthesized region-agnostic; Superset's gunicorn access log and the API's log record each request in CloudWatch.");
    Checkov.skip(
        loadBalancer,
        "CKV_AWS_150",
        "Deletion protection would make `cdk destroy` of this stateless stack fail; the load balancer holds no data and is recreated by a deploy.");
    if (open) {
      Checkov.skip(
          loadBalancer,
          "CKV2_AWS_28",
          "Superset is behind the authenticate action and the API behind its bearer token; a WAF web ACL ($5/month plus rules and requests) is left to deployments that need one.");
    }

    SecurityGroup supersetGroup = serviceGroup("SupersetSecurityGroup", "Superset", props);
    SecurityGroup apiGroup = serviceGroup("ApiSecurityGroup", "delaywatch-api", props);

    // Superset.
    FargateTaskDefinition supersetTask =
        taskDefinition(ServingApp.SUPERSET, settings.supersetSize());
    ContainerImage supersetImage =
        ContainerImage.fromEcrRepository(
            props.registry().repository(ServingApp.SUPERSET), props.imageTag());
    String host = props.database().instance().getDbInstanceEndpointAddress();
    String port = props.database().instance().getDbInstanceEndpointPort();
    String metadataUri =
        "postgresql+psycopg2://"
            + SUPERSET_DATABASE
            + "@"
            + host
            + ":"
            + port
            + "/"
            + SUPERSET_DATABASE
            + "?sslmode=require";
    String resultsUri =
        "postgresql+psycopg2://"
            + READER_ROLE
            + "@"
            + host
            + ":"
            + port
            + "/"
            + Database.NAME
            + "?sslmode=require";

    Map<String, String> rolesEnvironment = new LinkedHashMap<>();
    rolesEnvironment.put("PGHOST", host);
    rolesEnvironment.put("PGPORT", port);
    rolesEnvironment.put("PGDATABASE", Database.NAME);
    rolesEnvironment.put("PGSSLMODE", "require");
    rolesEnvironment.put("DELAYWATCH_OWNER_ROLE", Database.NAME);
    Map<String, Secret> rolesSecrets = new LinkedHashMap<>();
    // The database owner's login: it alone may create roles and databases.
    rolesSecrets.put("PGUSER", Secret.fromSecretsManager(props.database().secret(), "username"));
    rolesSecrets.put(
        "PGPASSWORD", Secret.fromSecretsManager(props.database().secret(), "password"));
    rolesSecrets.put("SUPERSET_DB_PASSWORD", Secret.fromSecretsManager(metadataLogin, "password"));
    rolesSecrets.put(
        "DELAYWATCH_READER_PASSWORD", Secret.fromSecretsManager(readerLogin, "password"));
    rolesSecrets.put("DELAYWATCH_API_PASSWORD", Secret.fromSecretsManager(apiLogin, "password"));
    ContainerDefinition roles =
        supersetTask.addContainer(
            "database-roles",
            ContainerDefinitionOptions.builder()
                .containerName("database-roles")
                .image(supersetImage)
                .essential(false)
                .command(List.of("python", "/app/delaywatch/database_roles.py"))
                .environment(rolesEnvironment)
                .secrets(rolesSecrets)
                .logging(logs("superset"))
                .build());

    Map<String, String> supersetEnvironment = new LinkedHashMap<>();
    supersetEnvironment.put("SUPERSET_METADATA_URI", metadataUri);
    supersetEnvironment.put("SUPERSET_BEHIND_PROXY", "true");
    Map<String, Secret> supersetSecrets = new LinkedHashMap<>();
    supersetSecrets.put("SUPERSET_SECRET_KEY", Secret.fromSecretsManager(supersetKey));
    supersetSecrets.put(
        "SUPERSET_METADATA_PASSWORD", Secret.fromSecretsManager(metadataLogin, "password"));

    Map<String, String> initEnvironment = new LinkedHashMap<>(supersetEnvironment);
    initEnvironment.put("SUPERSET_ADMIN_USERNAME", SUPERSET_ADMIN);
    initEnvironment.put("SUPERSET_DELAYWATCH_DB_URI", resultsUri);
    Map<String, Secret> initSecrets = new LinkedHashMap<>(supersetSecrets);
    initSecrets.put(
        "SUPERSET_ADMIN_PASSWORD", Secret.fromSecretsManager(supersetAdmin, "password"));
    initSecrets.put(
        "SUPERSET_DELAYWATCH_DB_PASSWORD", Secret.fromSecretsManager(readerLogin, "password"));
    ContainerDefinition init =
        supersetTask.addContainer(
            "superset-init",
            ContainerDefinitionOptions.builder()
                .containerName("superset-init")
                .image(supersetImage)
                .essential(false)
                .command(List.of("bash", "/app/delaywatch/init.sh"))
                .environment(initEnvironment)
                .secrets(initSecrets)
                .logging(logs("superset"))
                .build());
    init.addContainerDependencies(
        ContainerDependency.builder()
            .container(roles)
            .condition(ContainerDependencyCondition.SUCCESS)
            .build());

    ContainerDefinition web =
        supersetTask.addContainer(
            ServingApp.SUPERSET.id(),
            ContainerDefinitionOptions.builder()
                .containerName(ServingApp.SUPERSET.id())
                .image(supersetImage)
                .essential(true)
                .environment(supersetEnvironment)
                .secrets(supersetSecrets)
                .portMappings(
                    List.of(
                        PortMapping.builder()
                            .containerPort(ServingApp.SUPERSET.containerPort())
                            .build()))
                .logging(logs("superset"))
                .build());
    web.addContainerDependencies(
        ContainerDependency.builder()
            .container(init)
            .condition(ContainerDependencyCondition.SUCCESS)
            .build());

    superset =
        service(
            ServingApp.SUPERSET,
            supersetTask,
            supersetGroup,
            props,
            // One task: two would run the init containers at the same time; the dashboard's
            // queries run in PostgreSQL, and its gunicorn workers serve a team.
            1,
            // The first start migrates an empty metadata database and imports the bundle.
            Duration.minutes(10));

    // The API.
    FargateTaskDefinition apiTask = taskDefinition(ServingApp.API, settings.apiSize());
    Map<String, String> apiEnvironment = new LinkedHashMap<>();
    apiEnvironment.put("DELAYWATCH_JDBC_URL", props.database().jdbcUrl());
    apiEnvironment.put("PGUSER", API_ROLE);
    Map<String, Secret> apiSecrets = new LinkedHashMap<>();
    apiSecrets.put("PGPASSWORD", Secret.fromSecretsManager(apiLogin, "password"));
    apiSecrets.put("DELAYWATCH_API_TOKEN", Secret.fromSecretsManager(apiToken));
    apiTask.addContainer(
        ServingApp.API.id(),
        ContainerDefinitionOptions.builder()
            .containerName(ServingApp.API.id())
            .image(
                ContainerImage.fromEcrRepository(
                    props.registry().repository(ServingApp.API), props.imageTag()))
            .essential(true)
            .environment(apiEnvironment)
            .secrets(apiSecrets)
            .portMappings(
                List.of(
                    PortMapping.builder().containerPort(ServingApp.API.containerPort()).build()))
            .logging(logs("api"))
            .build());
    api = service(ServingApp.API, apiTask, apiGroup, props, settings.apiMinTasks(), null);
    // The API's role is created by Superset's first container: CloudFormation starts the API only
    // once the Superset service is stable, i.e. the roles exist.
    api.getNode().addDependency(superset);

    // Listeners and targets.
    ApplicationTargetGroup supersetTargets = targetGroup(ServingApp.SUPERSET, props);
    ApplicationTargetGroup apiTargets = targetGroup(ServingApp.API, props);
    supersetTargets.addTarget(
        superset.loadBalancerTarget(
            LoadBalancerTargetOptions.builder()
                .containerName(ServingApp.SUPERSET.id())
                .containerPort(ServingApp.SUPERSET.containerPort())
                .build()));
    apiTargets.addTarget(
        api.loadBalancerTarget(
            LoadBalancerTargetOptions.builder()
                .containerName(ServingApp.API.id())
                .containerPort(ServingApp.API.containerPort())
                .build()));
    listener("Dashboard", dashboardPort, props, dashboardAction(settings, supersetTargets));
    listener("Api", apiPort, props, ListenerAction.forward(List.of(apiTargets)));

    apiScaling =
        api.autoScaleTaskCount(
            EnableScalingProps.builder()
                .minCapacity(settings.apiMinTasks())
                .maxCapacity(settings.apiMaxTasks())
                .build());
    apiScaling.scaleOnRequestCount(
        "RequestsPerTask",
        RequestCountScalingProps.builder()
            .requestsPerTarget(settings.apiRequestsPerTarget())
            .targetGroup(apiTargets)
            .scaleOutCooldown(Duration.minutes(1))
            // Slower in than out: a burst of bookings should not flap the task count.
            .scaleInCooldown(Duration.minutes(5))
            .build());

    // The database admits both services by group; the rules live in this stack (remote rule), so
    // the database stack never depends on the serving stack.
    SecurityGroup databaseGroup = props.database().securityGroup();
    databaseGroup.addIngressRule(
        supersetGroup,
        Port.tcp(Network.POSTGRES_PORT),
        "Superset (metadata, dashboard, roles)",
        true);
    databaseGroup.addIngressRule(apiGroup, Port.tcp(Network.POSTGRES_PORT), "delaywatch-api", true);
    supersetGroup.addEgressRule(databaseGroup, Port.tcp(Network.POSTGRES_PORT), "the RDS database");
    apiGroup.addEgressRule(databaseGroup, Port.tcp(Network.POSTGRES_PORT), "the RDS database");
  }

  private software.amazon.awscdk.services.secretsmanager.Secret secret(
      String id, String description, String username, int length) {
    SecretStringGenerator.Builder generator =
        SecretStringGenerator.builder()
            .passwordLength(length)
            // Passwords go into SQL literals, URLs and environment variables: letters and digits
            // only, still 190+ bits at 32 characters.
            .excludePunctuation(true);
    if (username != null) {
      generator
          .secretStringTemplate("{\"username\":\"" + username + "\"}")
          .generateStringKey("password");
    }
    var secret =
        software.amazon.awscdk.services.secretsmanager.Secret.Builder.create(this, id)
            .description("DelayWatch: " + description)
            .generateSecretString(generator.build())
            .build();
    Checkov.skip(
        secret,
        "CKV_AWS_149",
        "Encrypted with the AWS-managed key aws/secretsmanager; only the serving tasks' execution roles may read it (IAM), a customer key would add cost and grants, not a narrower audience.");
    secrets.put(id, secret);
    return secret;
  }

  private SecurityGroup serviceGroup(String id, String what, Props props) {
    SecurityGroup group =
        SecurityGroup.Builder.create(this, id)
            .vpc(props.vpc())
            .description(what + ": the load balancer in; HTTPS to AWS APIs, PostgreSQL out")
            .allowAllOutbound(false)
            .build();
    group.addEgressRule(
        Peer.anyIpv4(), Port.tcp(443), "AWS APIs (ECR, logs, Secrets Manager: endpoints or NAT)");
    return group;
  }

  private FargateTaskDefinition taskDefinition(ServingApp app, Settings.TaskSize size) {
    FargateTaskDefinition definition =
        FargateTaskDefinition.Builder.create(this, app.constructId() + "Task")
            .family(app.family())
            .cpu(size.cpu())
            .memoryLimitMiB(size.memoryMiB())
            .runtimePlatform(
                RuntimePlatform.builder()
                    .operatingSystemFamily(OperatingSystemFamily.LINUX)
                    // Jib builds the API for linux/amd64; the Superset image is pushed for it.
                    .cpuArchitecture(CpuArchitecture.X86_64)
                    .build())
            .build();
    Checkov.skip(
        definition,
        "CKV_AWS_336",
        app == ServingApp.SUPERSET
            ? "Superset writes its home (/app/superset_home: thumbnails, uploads) and Python's caches at run time; a read-only root would need volumes owned by the image's user, which Fargate bind mounts are not."
            : "The API image runs as a non-root user and its JVM writes temporary files to /tmp; a Fargate bind volume there would be root-owned and unwritable for that user.");
    return definition;
  }

  private FargateService service(
      ServingApp app,
      FargateTaskDefinition definition,
      SecurityGroup group,
      Props props,
      int desiredCount,
      Duration gracePeriod) {
    FargateService.Builder builder =
        FargateService.Builder.create(this, app.constructId())
            .cluster(cluster)
            .serviceName(app.family())
            .taskDefinition(definition)
            .desiredCount(desiredCount)
            .platformVersion(FargatePlatformVersion.LATEST)
            .vpcSubnets(props.serviceSubnets())
            .securityGroups(List.of(group))
            .assignPublicIp(false)
            .minHealthyPercent(100)
            .maxHealthyPercent(200)
            .circuitBreaker(DeploymentCircuitBreaker.builder().enable(true).rollback(true).build())
            .healthCheckGracePeriod(gracePeriod == null ? Duration.seconds(60) : gracePeriod);
    return builder.build();
  }

  private ApplicationTargetGroup targetGroup(ServingApp app, Props props) {
    return ApplicationTargetGroup.Builder.create(this, app.constructId() + "Targets")
        .vpc(props.vpc())
        .targetType(TargetType.IP)
        .protocol(ApplicationProtocol.HTTP)
        .port(app.containerPort())
        .deregistrationDelay(Duration.seconds(30))
        .healthCheck(
            HealthCheck.builder()
                .path(app.healthPath())
                .healthyHttpCodes("200")
                .interval(Duration.seconds(15))
                .timeout(Duration.seconds(5))
                .healthyThresholdCount(2)
                .unhealthyThresholdCount(3)
                .build())
        .build();
  }

  private ApplicationListener listener(
      String id, int port, Props props, ListenerAction defaultAction) {
    ApplicationListener listener;
    if (props.settings().https()) {
      listener =
          loadBalancer.addListener(
              id,
              software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps
                  .builder()
                  .port(port)
                  .protocol(ApplicationProtocol.HTTPS)
                  .sslPolicy(SslPolicy.RECOMMENDED_TLS)
                  .certificates(
                      List.of(
                          ListenerCertificate.fromCertificateManager(
                              Certificate.fromCertificateArn(
                                  this, id + "Certificate", props.settings().certificateArn()))))
                  .defaultAction(defaultAction)
                  .open(false)
                  .build());
    } else {
      listener =
          loadBalancer.addListener(
              id,
              software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps
                  .builder()
                  .port(port)
                  .protocol(ApplicationProtocol.HTTP)
                  .defaultAction(defaultAction)
                  .open(false)
                  .build());
      Checkov.skip(
          listener,
          "CKV_AWS_2",
          "Internal load balancer without a certificate (the default): reachable from inside the VPC only, through SSM port forwarding or a VPN. -c servingCertificateArn=… switches it to HTTPS; a public one is HTTPS only.");
      Checkov.skip(
          listener,
          "CKV_AWS_103",
          "Plain HTTP inside the VPC (see CKV_AWS_2); with a certificate the listener uses ELBSecurityPolicy-TLS13-1-2-2021-06 (TLS 1.2 and 1.3 only).");
    }
    return listener;
  }

  private ListenerAction dashboardAction(
      Settings.ServingSettings settings, ApplicationTargetGroup targets) {
    ListenerAction forward = ListenerAction.forward(List.of(targets));
    return switch (settings.auth()) {
      case NONE -> forward;
      case COGNITO -> {
        Settings.CognitoSettings cognito = settings.cognito();
        var pool = UserPool.fromUserPoolArn(this, "UserPool", cognito.userPoolArn());
        yield AuthenticateCognitoAction.Builder.create()
            .userPool(pool)
            .userPoolClient(
                UserPoolClient.fromUserPoolClientId(this, "UserPoolClient", cognito.clientId()))
            .userPoolDomain(UserPoolDomain.fromDomainName(this, "UserPoolDomain", cognito.domain()))
            .next(forward)
            .build();
      }
      case OIDC -> {
        Settings.OidcSettings oidc = settings.oidc();
        yield ListenerAction.authenticateOidc(
            AuthenticateOidcOptions.builder()
                .issuer(oidc.issuer())
                .authorizationEndpoint(oidc.authorizationEndpoint())
                .tokenEndpoint(oidc.tokenEndpoint())
                .userInfoEndpoint(oidc.userInfoEndpoint())
                .clientId(oidc.clientId())
                // A dynamic reference: CloudFormation reads the secret at deploy time.
                .clientSecret(SecretValue.secretsManager(oidc.clientSecretName()))
                .next(forward)
                .build());
      }
    };
  }

  private LogDriver logs(String streamPrefix) {
    return LogDriver.awsLogs(
        AwsLogDriverProps.builder().logGroup(logGroup).streamPrefix(streamPrefix).build());
  }

  public Cluster cluster() {
    return cluster;
  }

  public LogGroup logGroup() {
    return logGroup;
  }

  public ApplicationLoadBalancer loadBalancer() {
    return loadBalancer;
  }

  /** The generated secrets by construct id (SupersetAdmin, ApiToken, …). */
  public Map<String, software.amazon.awscdk.services.secretsmanager.Secret> secrets() {
    return Map.copyOf(secrets);
  }

  /** The listener port of the dashboard: 443 with a certificate, else 80. */
  public int dashboardPort() {
    return dashboardPort;
  }

  /** The listener port of the API: 8443 with a certificate, else 8080. */
  public int apiPort() {
    return apiPort;
  }
}
