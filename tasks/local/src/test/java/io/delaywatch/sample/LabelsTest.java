package io.delaywatch.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelsTest {
  @TempDir Path dir;

  @Test
  void writesOneLinePerLabelWithItsAnomalousFlag() throws IOException {
    Path file = dir.resolve("2015.labels.csv");

    Labels.write(
        file,
        List.of(
            new Label("ORD", LocalDate.of(2015, 7, 14), LabelKind.STORM),
            new Label("ATL", LocalDate.of(2015, 11, 26), LabelKind.HOLIDAY_DIP)));

    assertThat(Files.readString(file))
        .isEqualTo(
            """
            airport,date,kind,anomalous
            ORD,2015-07-14,storm,true
            ATL,2015-11-26,holiday_dip,false
            """);
  }

  @Test
  void readsBackWhatItWrote() throws IOException {
    Path file = dir.resolve("labels.csv");
    List<Label> labels =
        List.of(
            new Label("DEN", LocalDate.of(2016, 3, 1), LabelKind.CLOSURE),
            new Label("LAX", LocalDate.of(2016, 3, 2), LabelKind.DRIFT),
            new Label("SFO", LocalDate.of(2016, 3, 3), LabelKind.HUB_EVENT),
            new Label("SEA", LocalDate.of(2016, 3, 4), LabelKind.SPIKE));

    Labels.write(file, labels);

    assertThat(Labels.read(file)).isEqualTo(labels);
  }

  @Test
  void anUnknownKindFailsNamingTheLine() throws IOException {
    Path file = dir.resolve("labels.csv");
    Files.writeString(file, "airport,date,kind,anomalous\nORD,2015-07-14,hail,true\n");

    assertThatThrownBy(() -> Labels.read(file))
        .isInstanceOf(IOException.class)
        .hasMessage(file + " line 2: unknown label kind 'hail'");
  }

  @Test
  void aFlagThatContradictsTheKindFails() throws IOException {
    Path file = dir.resolve("labels.csv");
    Files.writeString(file, "airport,date,kind,anomalous\nORD,2015-07-14,drift,true\n");

    assertThatThrownBy(() -> Labels.read(file))
        .hasMessage(file + " line 2: kind drift has anomalous=false, found true");
  }
}
