package io.delaywatch.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.services.logs.RetentionDays;

class SettingsTest {
  @Test
  void everySettingHasADefault() {
    Settings settings = Settings.from(key -> null, Map.of());

    assertThat(settings.name()).isEqualTo("delaywatch");
    assertThat(settings.account()).isNull();
    assertThat(settings.egress()).isEqualTo(Settings.Egress.ENDPOINTS);
    assertThat(settings.imageTag()).isEqualTo("0.1.0");
    assertThat(settings.keepImages()).isEqualTo(10);
    assertThat(settings.logRetention()).isEqualTo(RetentionDays.ONE_YEAR);
    assertThat(settings.db())
        .isEqualTo(new Settings.DatabaseSettings("t4g.micro", 20, 100, false, 7, true, List.of()));
    assertThat(settings.airflow())
        .isEqualTo(new Settings.AirflowSettings("2.10.3", "mw1.small", 2, "PRIVATE_ONLY", 2));
    assertThat(settings.catalogYears()).isEqualTo(new Settings.YearRange(2009, 2030));
    assertThat(settings.size(Task.PLOT)).isEqualTo(new Settings.TaskSize(1024, 2048));
    assertThat(settings.size(Task.DETECT)).isEqualTo(new Settings.TaskSize(512, 1024));
    assertThat(settings.dagsDir()).isEqualTo(Path.of("../dags"));
    assertThat(settings.taskLogGroup()).isEqualTo("/delaywatch/tasks");
  }

  @Test
  void accountAndRegionFallBackToTheCdkClisEnvironment() {
    Settings settings =
        Settings.from(
            key -> null,
            Map.of("CDK_DEFAULT_ACCOUNT", "123456789012", "CDK_DEFAULT_REGION", "us-east-1"));

    assertThat(settings.environment().getAccount()).isEqualTo("123456789012");
    assertThat(settings.environment().getRegion()).isEqualTo("us-east-1");
  }

  @Test
  void contextOverridesDefaults() {
    Map<String, String> context =
        Map.of(
            "egress",
            "NAT",
            "logRetentionDays",
            "90",
            "plotCpu",
            "2048",
            "dbClientSecurityGroups",
            " sg-1 , sg-2 ");

    Settings settings = Settings.from(context::get, Map.of());

    assertThat(settings.egress()).isEqualTo(Settings.Egress.NAT);
    assertThat(settings.logRetention()).isEqualTo(RetentionDays.THREE_MONTHS);
    assertThat(settings.size(Task.PLOT)).isEqualTo(new Settings.TaskSize(2048, 2048));
    assertThat(settings.db().clientSecurityGroupIds()).containsExactly("sg-1", "sg-2");
  }

  @Test
  void unknownEgressFailsNamingTheChoices() {
    assertThatThrownBy(() -> Settings.from(Map.of("egress", "vpn")::get, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("context egress=vpn: expected one of endpoints, nat");
  }

  @Test
  void retentionCloudWatchDoesNotOfferFails() {
    assertThatThrownBy(() -> Settings.from(Map.of("logRetentionDays", "100")::get, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "context logRetentionDays=100: CloudWatch accepts 1, 3, 5, 7, 14, 30, 60, 90, 120,"
                + " 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288 or 3653");
  }

  @Test
  void malformedNumberFailsNamingTheKey() {
    assertThatThrownBy(() -> Settings.from(Map.of("keepImages", "ten")::get, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("context keepImages=ten: expected a whole number");
  }

  @Test
  void taskNamesFollowTheOneNameRule() {
    assertThat(Task.DETECT.id()).isEqualTo("detect");
    assertThat(Task.DETECT.constructId()).isEqualTo("Detect");
    assertThat(Task.DETECT.family()).isEqualTo("delaywatch-detect");
    assertThat(Task.DETECT.manifests()).isEqualTo("runs/year=*/detect.json");
  }
}
