package io.delaywatch.local;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./delaywatch sql "SELECT …"}: one query on the demo's database, printed as a table. */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    versionProvider = LocalVersion.class,
    description = {
      "Runs one SQL statement on the demo's database and prints the result as a table.",
      "Starts the embedded PostgreSQL of ./delaywatch demo (data in .delaywatch/pg) for the",
      "statement and stops it after. Example:",
      "  ./delaywatch sql \"select airport, count(*) from airport_daily_summary group by 1\""
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:printed", "2:the statement failed (its message on stderr)"})
final class SqlCommand implements Callable<Integer> {
  /** Rows printed at most: a table for a person, not an export. */
  static final int MAX_ROWS = 1000;

  @Parameters(index = "0", paramLabel = "STATEMENT", description = "The SQL to run.")
  String statement;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    try (LocalPostgres db = LocalPostgres.embedded(TaskProcess.stateDir().resolve("pg"));
        Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        Statement s = c.createStatement()) {
      s.setMaxRows(MAX_ROWS + 1);
      boolean hasRows;
      try {
        hasRows = s.execute(statement);
      } catch (SQLException e) {
        spec.commandLine().getErr().println("sql: " + e.getMessage());
        return 2;
      }
      PrintWriter out = spec.commandLine().getOut();
      if (!hasRows) {
        out.printf("(%d rows changed)%n", s.getUpdateCount());
      } else {
        try (ResultSet rs = s.getResultSet()) {
          out.print(table(rs));
        }
      }
      out.flush();
    }
    return 0;
  }

  /** psql's aligned format: a header, a rule, one line per row, then the row count. */
  static String table(ResultSet rs) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    int columns = meta.getColumnCount();
    List<String[]> rows = new ArrayList<>();
    String[] header = new String[columns];
    int[] width = new int[columns];
    boolean[] numeric = new boolean[columns];
    for (int i = 0; i < columns; i++) {
      header[i] = meta.getColumnLabel(i + 1);
      width[i] = header[i].length();
      numeric[i] = Number.class.isAssignableFrom(classOf(meta, i + 1));
    }
    boolean more = false;
    while (rs.next()) {
      if (rows.size() == MAX_ROWS) {
        more = true;
        break;
      }
      String[] row = new String[columns];
      for (int i = 0; i < columns; i++) {
        String value = rs.getString(i + 1);
        row[i] = value == null ? "" : value;
        width[i] = Math.max(width[i], row[i].length());
      }
      rows.add(row);
    }
    StringBuilder out = new StringBuilder();
    line(out, header, width, new boolean[columns]);
    for (int i = 0; i < columns; i++) {
      out.append(i == 0 ? "" : "-+-").append("-".repeat(width[i]));
    }
    out.append('\n');
    for (String[] row : rows) {
      line(out, row, width, numeric);
    }
    out.append(
        more
            ? String.format("(first %d rows)%n", MAX_ROWS)
            : String.format("(%d row%s)%n", rows.size(), rows.size() == 1 ? "" : "s"));
    return out.toString();
  }

  private static void line(StringBuilder out, String[] cells, int[] width, boolean[] right) {
    for (int i = 0; i < cells.length; i++) {
      String pad = " ".repeat(width[i] - cells[i].length());
      out.append(i == 0 ? "" : " | ").append(right[i] ? pad + cells[i] : cells[i] + pad);
    }
    out.append('\n');
  }

  private static Class<?> classOf(ResultSetMetaData meta, int column) {
    try {
      return Class.forName(meta.getColumnClassName(column));
    } catch (ClassNotFoundException | SQLException e) {
      return Object.class;
    }
  }
}
