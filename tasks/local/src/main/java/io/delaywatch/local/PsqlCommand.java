package io.delaywatch.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./delaywatch psql}: an interactive psql on the demo's database. */
@Command(
    name = "psql",
    mixinStandardHelpOptions = true,
    versionProvider = LocalVersion.class,
    description = {
      "Opens an interactive psql on the demo's database (table airport_daily_summary).",
      "Starts the embedded PostgreSQL of ./delaywatch demo (data in .delaywatch/pg) and stops it",
      "when psql ends. Needs the PostgreSQL client (/usr/bin/psql; apt-get install",
      "postgresql-client, or set DELAYWATCH_PSQL). Arguments after -- go to psql, e.g.",
      "  ./delaywatch psql -- -c '\\d airport_daily_summary'"
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:psql ended normally", "2:no psql client", "other:psql's own exit code"})
final class PsqlCommand implements Callable<Integer> {
  @Parameters(arity = "0..*", paramLabel = "PSQL_ARGS", description = "Arguments for psql.")
  List<String> psqlArgs = new ArrayList<>();

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Path psql = Path.of(System.getenv().getOrDefault("DELAYWATCH_PSQL", "/usr/bin/psql"));
    if (!Files.isExecutable(psql)) {
      spec.commandLine()
          .getErr()
          .println(
              "psql: "
                  + psql
                  + " not found: apt-get install postgresql-client, or set DELAYWATCH_PSQL");
      return 2;
    }
    try (LocalPostgres db = LocalPostgres.embedded(TaskProcess.stateDir().resolve("pg"))) {
      List<String> command = new ArrayList<>();
      command.addAll(
          List.of(
              psql.toString(),
              "--host=localhost",
              "--port=" + db.embeddedPort(),
              "--username=" + db.user(),
              "--dbname=postgres"));
      command.addAll(psqlArgs);
      ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
      // The client finds its own ~/.psqlrc; it gets no password: the embedded server trusts
      // local connections.
      return builder.start().waitFor();
    }
  }
}
