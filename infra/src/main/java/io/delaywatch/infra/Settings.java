package io.delaywatch.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Node;

/**
 * Everything a deployment may choose, read from CDK context ({@code cdk deploy -c key=value} or
 * {@code cdk.json}); every key has a default, so {@code cdk deploy} alone gives a working system.
 * Names that the DAG and the task contract fix (task definition families and ECR repositories
 * {@code delaywatch-<task>}, container {@code <task>}, stream prefix {@code delaywatch}) are not
 * settings.
 *
 * @param name prefix of the stack names, the ECS cluster, the log group {@code /<name>/tasks}, the
 *     MWAA environment, the RDS instance and the Glue database
 * @param account AWS account, or null for an environment-agnostic synth
 * @param region AWS region, or null for an environment-agnostic synth
 * @param availabilityZones the VPC's zones; empty: the first two of the region
 * @param egress how private subnets reach AWS APIs: interface endpoints or a NAT gateway
 * @param natGateways NAT gateways when {@code egress=nat}
 * @param imageTag tag of the task images the task definitions run (the release passes the git SHA)
 * @param keepImages images kept per ECR repository
 * @param noncurrentVersionDays days an overwritten or deleted object version is kept
 * @param logRetentionDays days the task, VPC flow, database and S3 access logs are kept
 * @param db database sizes and protection
 * @param airflow MWAA environment settings
 * @param catalogYears first and last year Athena's partition projection enumerates
 * @param taskSizes CPU units and memory (MiB) per task
 * @param serving the load balancer, Superset and the API ({@code delaywatch-serving})
 * @param dagsDir the repository's {@code dags/} folder (its requirements.txt seeds the MWAA bucket)
 */
public record Settings(
    String name,
    String account,
    String region,
    List<String> availabilityZones,
    Egress egress,
    int natGateways,
    String imageTag,
    int keepImages,
    int noncurrentVersionDays,
    int logRetentionDays,
    DatabaseSettings db,
    AirflowSettings airflow,
    YearRange catalogYears,
    Map<Task, TaskSize> taskSizes,
    ServingSettings serving,
    Path dagsDir) {

  /** How the private subnets reach ECR, CloudWatch Logs, Secrets Manager, ECS, SQS and MWAA. */
  public enum Egress {
    /** Interface VPC endpoints; no internet gateway, no route out of the VPC. */
    ENDPOINTS,
    /** A NAT gateway in a public subnet. */
    NAT
  }

  /** RDS PostgreSQL settings. */
  public record DatabaseSettings(
      String instanceType,
      int storageGiB,
      int maxStorageGiB,
      boolean multiAz,
      int backupDays,
      boolean deletionProtection,
      List<String> clientSecurityGroupIds) {}

  /** MWAA settings. */
  public record AirflowSettings(
      String version,
      String environmentClass,
      int maxWorkers,
      String webserverAccessMode,
      int maxActiveRuns) {}

  /** Who may reach the load balancer. */
  public enum Access {
    /** An internal load balancer in the private subnets: the VPC (and named clients) only. */
    INTERNAL,
    /** Internet-facing, HTTPS only, an authentication action in front of Superset. */
    PUBLIC
  }

  /** How the load balancer authenticates dashboard users when it is public. */
  public enum Auth {
    NONE,
    COGNITO,
    OIDC
  }

  /**
   * The serving stack's settings.
   *
   * @param access internal (default) or public
   * @param certificateArn ACM certificate of the HTTPS listeners; required when public, optional
   *     (then HTTPS too) when internal
   * @param clientCidrs who may reach an internal load balancer; empty: the VPC's CIDR
   * @param auth the authentication action in front of Superset; required when public
   * @param cognito the user pool when {@code auth=cognito}
   * @param oidc the identity provider when {@code auth=oidc}
   * @param supersetSize Superset's Fargate size
   * @param apiSize one API task's Fargate size
   * @param apiMinTasks fewest API tasks
   * @param apiMaxTasks most API tasks
   * @param apiRequestsPerTarget requests per minute and API task that autoscaling aims at
   */
  public record ServingSettings(
      Access access,
      String certificateArn,
      List<String> clientCidrs,
      Auth auth,
      CognitoSettings cognito,
      OidcSettings oidc,
      TaskSize supersetSize,
      TaskSize apiSize,
      int apiMinTasks,
      int apiMaxTasks,
      int apiRequestsPerTarget) {
    /** Refuses a public load balancer without HTTPS or without authentication. */
    public ServingSettings {
      clientCidrs = List.copyOf(clientCidrs);
      if (access == Access.PUBLIC && certificateArn == null) {
        throw new IllegalArgumentException(
            "context servingAccess=public needs servingCertificateArn (an ACM certificate): a public load balancer serves HTTPS only");
      }
      if (access == Access.PUBLIC && auth == Auth.NONE) {
        throw new IllegalArgumentException(
            "context servingAccess=public needs servingAuth=cognito or servingAuth=oidc: Superset is never public without an authentication action");
      }
      if (auth == Auth.COGNITO && cognito == null) {
        throw new IllegalArgumentException(
            "context servingAuth=cognito needs cognitoUserPoolArn, cognitoClientId and cognitoDomain");
      }
      if (auth == Auth.OIDC && oidc == null) {
        throw new IllegalArgumentException(
            "context servingAuth=oidc needs oidcIssuer, oidcAuthorizationEndpoint, oidcTokenEndpoint, oidcUserInfoEndpoint, oidcClientId and oidcClientSecretName");
      }
      if (apiMinTasks < 1 || apiMaxTasks < apiMinTasks) {
        throw new IllegalArgumentException(
            "context apiMinTasks="
                + apiMinTasks
                + ", apiMaxTasks="
                + apiMaxTasks
                + ": expected 1 <= apiMinTasks <= apiMaxTasks");
      }
    }

    /** True when the listeners serve HTTPS (always when public). */
    public boolean https() {
      return certificateArn != null;
    }
  }

  /** An existing Cognito user pool, its app client and its hosted-UI domain (prefix or full). */
  public record CognitoSettings(String userPoolArn, String clientId, String domain) {}

  /**
   * An OpenID Connect identity provider; the client secret is the name of a Secrets Manager secret,
   * resolved by CloudFormation at deploy time and never written into the template.
   */
  public record OidcSettings(
      String issuer,
      String authorizationEndpoint,
      String tokenEndpoint,
      String userInfoEndpoint,
      String clientId,
      String clientSecretName) {}

  /** Years, both included. */
  public record YearRange(int first, int last) {}

  /** Fargate size of one task: CPU units (1024 = 1 vCPU) and memory in MiB. */
  public record TaskSize(int cpu, int memoryMiB) {}

  /** Checks the values CloudFormation would only reject at deploy time. */
  public Settings {
    retention(logRetentionDays);
    if (serving.access() == Access.PUBLIC && egress != Egress.NAT) {
      throw new IllegalArgumentException(
          "context servingAccess=public needs egress=nat: an internet-facing load balancer needs the public subnets that only the NAT variant has");
    }
  }

  /** The settings of {@code node}'s context (an App's node), with defaults for missing keys. */
  public static Settings from(Node node) {
    Function<String, String> context =
        key -> {
          Object value = node.tryGetContext(key);
          return value == null ? null : value.toString().trim();
        };
    return from(context, System.getenv());
  }

  static Settings from(Function<String, String> context, Map<String, String> env) {
    Reader in = new Reader(context);
    Map<Task, TaskSize> sizes = new EnumMap<>(Task.class);
    for (Task task : Task.values()) {
      sizes.put(
          task,
          new TaskSize(
              in.integer(task.id() + "Cpu", task.defaultCpu()),
              in.integer(task.id() + "MemoryMiB", task.defaultMemoryMiB())));
    }
    return new Settings(
        in.text("name", "delaywatch"),
        in.text("account", env.get("CDK_DEFAULT_ACCOUNT")),
        in.text("region", env.get("CDK_DEFAULT_REGION")),
        in.list("availabilityZones"),
        Egress.valueOf(
            in.choice("egress", "endpoints", "endpoints", "nat").toUpperCase(Locale.ROOT)),
        in.integer("natGateways", 1),
        in.text("imageTag", projectVersion()),
        in.integer("keepImages", 10),
        in.integer("noncurrentVersionDays", 30),
        in.integer("logRetentionDays", 365),
        new DatabaseSettings(
            in.text("dbInstanceType", "t4g.micro"),
            in.integer("dbStorageGiB", 20),
            in.integer("dbMaxStorageGiB", 100),
            in.bool("dbMultiAz", false),
            in.integer("dbBackupDays", 7),
            in.bool("dbDeletionProtection", true),
            in.list("dbClientSecurityGroups")),
        new AirflowSettings(
            in.text("airflowVersion", "2.10.3"),
            in.text("mwaaEnvironmentClass", "mw1.small"),
            in.integer("mwaaMaxWorkers", 2),
            in.choice("mwaaWebserverAccess", "PRIVATE_ONLY", "PRIVATE_ONLY", "PUBLIC_ONLY"),
            in.integer("maxActiveRuns", 2)),
        new YearRange(in.integer("catalogFirstYear", 2009), in.integer("catalogLastYear", 2030)),
        Map.copyOf(sizes),
        serving(in),
        Path.of(in.text("dagsDir", "../dags")));
  }

  private static ServingSettings serving(Reader in) {
    Auth auth =
        Auth.valueOf(
            in.choice("servingAuth", "none", "none", "cognito", "oidc").toUpperCase(Locale.ROOT));
    CognitoSettings cognito =
        in.allOf("cognitoUserPoolArn", "cognitoClientId", "cognitoDomain")
            ? new CognitoSettings(
                in.text("cognitoUserPoolArn", null),
                in.text("cognitoClientId", null),
                in.text("cognitoDomain", null))
            : null;
    OidcSettings oidc =
        in.allOf(
                "oidcIssuer",
                "oidcAuthorizationEndpoint",
                "oidcTokenEndpoint",
                "oidcUserInfoEndpoint",
                "oidcClientId",
                "oidcClientSecretName")
            ? new OidcSettings(
                in.text("oidcIssuer", null),
                in.text("oidcAuthorizationEndpoint", null),
                in.text("oidcTokenEndpoint", null),
                in.text("oidcUserInfoEndpoint", null),
                in.text("oidcClientId", null),
                in.text("oidcClientSecretName", null))
            : null;
    return new ServingSettings(
        Access.valueOf(
            in.choice("servingAccess", "internal", "internal", "public").toUpperCase(Locale.ROOT)),
        in.text("servingCertificateArn", null),
        in.list("servingClientCidrs"),
        auth,
        cognito,
        oidc,
        new TaskSize(in.integer("supersetCpu", 1024), in.integer("supersetMemoryMiB", 2048)),
        new TaskSize(in.integer("apiCpu", 512), in.integer("apiMemoryMiB", 1024)),
        in.integer("apiMinTasks", 1),
        in.integer("apiMaxTasks", 4),
        in.integer("apiRequestsPerTarget", 3000));
  }

  /** The CDK environment: account and region when both are known, else environment-agnostic. */
  public Environment environment() {
    return account == null || region == null
        ? Environment.builder().build()
        : Environment.builder().account(account).region(region).build();
  }

  /** The log retention as CloudWatch's enumeration. */
  public RetentionDays logRetention() {
    return retention(logRetentionDays);
  }

  /** {@code <name>-<part>}, e.g. the stack {@code delaywatch-data}. */
  public String qualified(String part) {
    return name + "-" + part;
  }

  public TaskSize size(Task task) {
    return taskSizes.get(task);
  }

  /** The log group of the task containers, as the DAG expects it by default. */
  public String taskLogGroup() {
    return "/" + name + "/tasks";
  }

  private static RetentionDays retention(int days) {
    return Arrays.stream(RetentionDays.values())
        .filter(r -> daysOf(r) == days)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "context logRetentionDays="
                        + days
                        + ": CloudWatch accepts 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653"));
  }

  private static int daysOf(RetentionDays retention) {
    return switch (retention.name()) {
      case "ONE_DAY" -> 1;
      case "THREE_DAYS" -> 3;
      case "FIVE_DAYS" -> 5;
      case "ONE_WEEK" -> 7;
      case "TWO_WEEKS" -> 14;
      case "ONE_MONTH" -> 30;
      case "TWO_MONTHS" -> 60;
      case "THREE_MONTHS" -> 90;
      case "FOUR_MONTHS" -> 120;
      case "FIVE_MONTHS" -> 150;
      case "SIX_MONTHS" -> 180;
      case "ONE_YEAR" -> 365;
      case "THIRTEEN_MONTHS" -> 400;
      case "EIGHTEEN_MONTHS" -> 545;
      case "TWO_YEARS" -> 731;
      case "THREE_YEARS" -> 1096;
      case "FIVE_YEARS" -> 1827;
      case "SIX_YEARS" -> 2192;
      case "SEVEN_YEARS" -> 2557;
      case "EIGHT_YEARS" -> 2922;
      case "NINE_YEARS" -> 3288;
      case "TEN_YEARS" -> 3653;
      default -> -1;
    };
  }

  private static String projectVersion() {
    Properties properties = new Properties();
    try (InputStream in = Settings.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        throw new IllegalStateException("version.properties is missing from the class path");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version");
  }

  /** Typed context values; a malformed value fails the synth naming the key. Not API. */
  private record Reader(Function<String, String> context) {
    String text(String key, String fallback) {
      String value = context.apply(key);
      return value == null || value.isEmpty() ? fallback : value;
    }

    int integer(String key, int fallback) {
      String value = text(key, null);
      if (value == null) {
        return fallback;
      }
      try {
        return Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "context " + key + "=" + value + ": expected a whole number", e);
      }
    }

    boolean bool(String key, boolean fallback) {
      String value = text(key, null);
      if (value == null) {
        return fallback;
      }
      return switch (value.toLowerCase(Locale.ROOT)) {
        case "true" -> true;
        case "false" -> false;
        default ->
            throw new IllegalArgumentException(
                "context " + key + "=" + value + ": expected true or false");
      };
    }

    String choice(String key, String fallback, String... allowed) {
      String value = text(key, fallback);
      for (String candidate : allowed) {
        if (candidate.equalsIgnoreCase(value)) {
          return candidate;
        }
      }
      throw new IllegalArgumentException(
          "context " + key + "=" + value + ": expected one of " + String.join(", ", allowed));
    }

    boolean allOf(String... keys) {
      for (String key : keys) {
        if (text(key, null) == null) {
          return false;
        }
      }
      return true;
    }

    List<String> list(String key) {
      String value = text(key, "");
      return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
  }
}
