package io.delaywatch.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The labels file beside a generated year, {@code YYYY.labels.csv}: a header {@code
 * airport,date,kind,anomalous}, then one line per labelled airport-day, e.g. {@code
 * ORD,2015-07-14,storm,true}, sorted by date and airport; {@code anomalous} is the kind's {@link
 * LabelKind#anomalous()} ({@code false} for {@code hub_spillover}, which an evaluation does not
 * score at all). An airport-day has at most one label; days without one are ordinary. Only
 * airport-days that have rows in the flights file are labelled.
 */
public final class Labels {
  /** The header line. */
  public static final String HEADER = "airport,date,kind,anomalous";

  private Labels() {}

  /** Writes {@code labels} in the given order, LF line endings. */
  public static void write(Path file, List<Label> labels) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
      out.write(HEADER);
      out.write('\n');
      for (Label label : labels) {
        out.write(label.airport());
        out.write(',');
        out.write(label.date().toString());
        out.write(',');
        out.write(label.kind().label());
        out.write(',');
        out.write(Boolean.toString(label.kind().anomalous()));
        out.write('\n');
      }
    }
  }

  /**
   * Reads a labels file.
   *
   * @throws IOException when it cannot be read, or a line is not a label (the message names the
   *     line)
   */
  public static List<Label> read(Path file) throws IOException {
    List<Label> labels = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.US_ASCII)) {
      String header = in.readLine();
      if (header == null || !header.strip().equals(HEADER)) {
        throw new IOException(
            file + " line 1: expected the header " + HEADER + ", found " + header);
      }
      int number = 1;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        String[] fields = line.strip().split(",", -1);
        try {
          if (fields.length != 4) {
            throw new IllegalArgumentException("expected 4 fields, found " + fields.length);
          }
          LabelKind kind = LabelKind.ofLabel(fields[2]);
          if (!fields[3].equals(Boolean.toString(kind.anomalous()))) {
            throw new IllegalArgumentException(
                "kind "
                    + kind.label()
                    + " has anomalous="
                    + kind.anomalous()
                    + ", found "
                    + fields[3]);
          }
          labels.add(new Label(fields[0], LocalDate.parse(fields[1]), kind));
        } catch (IllegalArgumentException | DateTimeParseException e) {
          throw new IOException(file + " line " + number + ": " + e.getMessage(), e);
        }
      }
    }
    return labels;
  }
}
