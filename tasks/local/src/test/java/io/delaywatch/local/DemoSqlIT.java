package io.delaywatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** After {@code ./delaywatch demo}, {@code ./delaywatch sql} reads the table the demo filled. */
class DemoSqlIT {
  @TempDir Path state;

  @Test
  void sqlPrintsTheRowCountTheDemoReported() throws Exception {
    Map<String, String> env = Map.of("DELAYWATCH_STATE", state.toString());
    LauncherProcess.Outcome demo =
        LauncherProcess.run(env, "demo", "--years", "2017", "--airports", "3", "--rows", "20000");
    assertThat(demo.exit()).as(demo.stderr()).isZero();
    String summary = String.join("\n", demo.stdout());
    Matcher rows = Pattern.compile("table airport_daily_summary: ([0-9,]+) rows").matcher(summary);
    assertThat(rows.find()).as(summary).isTrue();
    assertThat(summary).contains("./delaywatch sql").contains("./delaywatch psql");

    LauncherProcess.Outcome sql =
        LauncherProcess.run(env, "sql", "select count(*) from airport_daily_summary");

    assertThat(sql.exit()).as(sql.stderr()).isZero();
    String count = rows.group(1).replace(",", "");
    assertThat(sql.stdout())
        .containsExactly(
            "count",
            "-".repeat(Math.max(5, count.length())),
            " ".repeat(Math.max(0, 5 - count.length())) + count,
            "(1 row)");
  }

  @Test
  void aFailingStatementExitsTwoWithPostgresMessage() throws Exception {
    LauncherProcess.Outcome sql =
        LauncherProcess.run(Map.of("DELAYWATCH_STATE", state.toString()), "sql", "select nope");

    assertThat(sql.exit()).isEqualTo(2);
    assertThat(sql.stderr()).contains("sql: ERROR: column \"nope\" does not exist");
  }
}
