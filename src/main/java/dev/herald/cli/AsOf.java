package dev.herald.cli;

import picocli.CommandLine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Reads {@code --as-of}: a date means the end of that day (UTC), so that day's articles are visible; a date-time
 * is taken as given.
 */
final class AsOf implements CommandLine.ITypeConverter<Instant> {

    @Override
    public Instant convert(String value) {
        return parse(value);
    }

    static Instant parse(String value) {
        String v = value.trim();
        try {
            return LocalDate.parse(v).atTime(LocalTime.MAX).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // not a plain date; try a date-time
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException ignored) {
            // not with an offset either
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException(
                    "'" + value + "' is not a date: use YYYY-MM-DD (e.g. 2022-06-16) or an ISO date-time");
        }
    }
}
