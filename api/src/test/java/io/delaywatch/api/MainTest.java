package io.delaywatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {
  @Test
  void withoutATokenNothingStartsAndTheExitIsUsage() {
    assumeTrue(System.getenv("DELAYWATCH_API_TOKEN") == null, "a token is set in this environment");
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new Main()).setErr(new PrintWriter(err));
    int exit = cli.execute("--jdbc-url", "jdbc:postgresql://127.0.0.1:1/none");
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .startsWith(
            "a bearer token of at least 16 characters is required: set DELAYWATCH_API_TOKEN or"
                + " --token-secret-arn");
  }

  @Test
  void aThreadCountJettyCannotRunWithIsUsage() {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new Main()).setErr(new PrintWriter(err));
    int exit =
        cli.execute("--jdbc-url", "jdbc:postgresql://127.0.0.1:1/none", "--http-threads", "3");
    assertThat(exit).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("--http-threads: expected an integer from 4 to 1000, got 3");
  }
}
