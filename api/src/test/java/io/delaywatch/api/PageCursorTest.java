package io.delaywatch.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PageCursorTest {
  @Test
  void aCursorDecodesToTheKeysetItWasMadeOf() {
    PageCursor cursor = new PageCursor(LocalDate.of(2016, 7, 4), "ATL");
    assertThat(PageCursor.decode("cursor", cursor.encode())).isEqualTo(cursor);
    assertThat(cursor.encode()).matches("[A-Za-z0-9_-]+");
  }

  @Test
  void aTamperedCursorIsABadParameter() {
    assertThatThrownBy(() -> PageCursor.decode("cursor", "MjAxNi0xMy0wNHxBVEw"))
        .isInstanceOf(ProblemException.class)
        .hasMessage(
            "cursor: expected the next_cursor of a previous page, got 'MjAxNi0xMy0wNHxBVEw'");
  }
}
