package dev.palisade.engine.audit;

import java.time.LocalDate;

/**
 * Reads the RFC 3339 timestamps of audit events ({@code 2024-05-02T09:00:02.001000Z}, or with an
 * offset such as {@code +02:00}) into epoch milliseconds, straight from the parser's characters:
 * every event has two of them, and {@code Instant.parse} would cost more than the rest of the
 * event's fields. A timestamp only places a request on the report's time chart, so one that
 * cannot be read is {@link #NONE}, never a malformed event.
 */
public final class AuditTimestamp {
    /** No usable timestamp. */
    public static final long NONE = Long.MIN_VALUE;

    private AuditTimestamp() {}

    public static long epochMillis(String s) {
        return s == null ? NONE : epochMillis(s.toCharArray(), 0, s.length());
    }

    /** {@code YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)} in {@code c[offset, offset+length)}, else {@link #NONE}. */
    public static long epochMillis(char[] c, int offset, int length) {
        if (length < 20 || length > 40) {
            return NONE;
        }
        int end = offset + length;
        int year = digits(c, offset, 4);
        int month = digits(c, offset + 5, 2);
        int day = digits(c, offset + 8, 2);
        int hour = digits(c, offset + 11, 2);
        int minute = digits(c, offset + 14, 2);
        int second = digits(c, offset + 17, 2);
        if (year < 1 || c[offset + 4] != '-' || c[offset + 7] != '-' || (c[offset + 10] != 'T' && c[offset + 10] != 't')
                || c[offset + 13] != ':' || c[offset + 16] != ':' || month < 1 || month > 12 || day < 1
                || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) {
            return NONE;
        }
        int i = offset + 19;
        int millis = 0;
        if (c[i] == '.') {
            int scale = 100;
            i++;
            int start = i;
            while (i < end && c[i] >= '0' && c[i] <= '9') {
                millis += (c[i] - '0') * scale;
                scale /= 10;
                i++;
            }
            if (i == start) {
                return NONE;
            }
        }
        long offsetSeconds = zoneOffsetSeconds(c, i, end);
        if (offsetSeconds == NONE || day > LocalDate.of(year, month, 1).lengthOfMonth()) {
            return NONE;
        }
        long epochDay = LocalDate.of(year, month, day).toEpochDay();
        long seconds = epochDay * 86_400 + hour * 3_600L + minute * 60L + Math.min(second, 59) - offsetSeconds;
        return seconds * 1_000 + millis;
    }

    /** {@code Z} is 0; {@code ±HH:MM} in seconds east of UTC; anything else {@link #NONE}. */
    private static long zoneOffsetSeconds(char[] c, int i, int end) {
        if (end - i == 1 && (c[i] == 'Z' || c[i] == 'z')) {
            return 0;
        }
        if (end - i != 6 || (c[i] != '+' && c[i] != '-') || c[i + 3] != ':') {
            return NONE;
        }
        int hours = digits(c, i + 1, 2);
        int minutes = digits(c, i + 4, 2);
        if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) {
            return NONE;
        }
        long seconds = hours * 3_600L + minutes * 60L;
        return c[i] == '-' ? -seconds : seconds;
    }

    /** The decimal number of {@code n} digits at {@code i}, or -1 when one is not a digit. */
    private static int digits(char[] c, int i, int n) {
        int value = 0;
        for (int k = i; k < i + n; k++) {
            if (c[k] < '0' || c[k] > '9') {
                return -1;
            }
            value = value * 10 + (c[k] - '0');
        }
        return value;
    }
}
