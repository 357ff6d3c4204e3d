package io.delaywatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every command's help, as {@code ./delaywatch CMD --help} prints it: exit 0, usage on stdout and
 * nothing on stderr. picocli formats descriptions with {@code String.format}; a lone {@code %}
 * (e.g. "90% of") made it warn three times on stderr and print the raw text.
 */
class LauncherHelpIT {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "discover",
        "download",
        "transform",
        "detect",
        "plot",
        "load",
        "demo",
        "run",
        "generate",
        "evaluate",
        "sql",
        "psql"
      })
  void helpIsCleanUsageOnStdout(String command) throws Exception {
    LauncherProcess.Outcome help = LauncherProcess.run(Map.of(), command, "--help");

    assertThat(help.exit()).as(help.stderr()).isZero();
    assertThat(help.stderr()).isEmpty();
    List<String> lines = help.stdout();
    assertThat(lines).anyMatch(line -> line.startsWith("Usage: "));
    assertThat(lines).noneMatch(line -> line.contains("%n") || line.contains("%%"));
    assertThat(lines).anyMatch(line -> line.contains("--help"));
  }
}
