package io.delaywatch.local;

import io.delaywatch.task.TaskCommandLine;
import picocli.CommandLine.Command;

/** The local runner behind {@code ./delaywatch}: the whole pipeline on one machine. */
@Command(
    name = "delaywatch",
    mixinStandardHelpOptions = true,
    versionProvider = LocalVersion.class,
    description = {
      "DelayWatch on one machine: sample data, the six steps in order, an embedded PostgreSQL.",
      "Run one step exactly as its container would with: ./delaywatch TASK [options]",
      "(TASK = discover, download, transform, detect, plot, load; see ./delaywatch TASK --help).",
      "After the demo, look at its table with ./delaywatch sql \"SELECT ...\" or ./delaywatch psql."
    },
    subcommands = {
      DemoCommand.class,
      RunCommand.class,
      GenerateCommand.class,
      io.delaywatch.evaluate.EvaluateCommand.class,
      SqlCommand.class,
      PsqlCommand.class
    })
public final class Main {
  public static void main(String[] args) {
    System.exit(TaskCommandLine.of(new Main()).execute(args));
  }
}
