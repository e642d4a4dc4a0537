package dev.herald.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PublishedDatesTest {

    @ParameterizedTest
    @CsvSource({
            "2022-06-16, 2022-06-16T00:00:00Z",
            "2022-06-16T14:30:00Z, 2022-06-16T14:30:00Z",
            "2022-06-16T14:30:00.250Z, 2022-06-16T14:30:00.250Z",
            "2022-06-16T14:30:00+02:00, 2022-06-16T12:30:00Z",
            "2022-06-16T14:30:00+0200, 2022-06-16T12:30:00Z",
            "2022-06-16T14:30, 2022-06-16T14:30:00Z",
            "2022-06-16 14:30, 2022-06-16T14:30:00Z",
            "2022-06-16 14:30:15, 2022-06-16T14:30:15Z",
            "'Thu, 16 Jun 2022 14:30:00 GMT', 2022-06-16T14:30:00Z"
    })
    void should_parse_when_value_is_in_a_supported_format(String value, String expected) {
        // given a date as sources write it
        // when
        Instant parsed = PublishedDates.parse(value);
        // then
        assertEquals(Instant.parse(expected), parsed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "yesterday", "16/06/2022", "2022-13-45"})
    void should_return_null_when_value_is_not_a_date(String value) {
        // given an unreadable value
        // when
        Instant parsed = PublishedDates.parse(value);
        // then
        assertNull(parsed);
    }
}
