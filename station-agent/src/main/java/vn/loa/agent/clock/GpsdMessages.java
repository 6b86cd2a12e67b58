package vn.loa.agent.clock;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;

/**
 * Reads GPS time from one line of gpsd's JSON protocol (https://gpsd.io/gpsd_json.html). Pure.
 *
 * <ul>
 * <li>{@code PPS}: {@code real_sec/real_nsec} is the true time of a pulse edge and {@code clock_sec/clock_nsec}
 *     the system clock at that edge: their difference is the offset, to the microsecond;
 * <li>{@code TPV} with a fix ({@code mode} 2 or 3) and a {@code time}: the offset is that time minus the system
 *     clock when the line was read. NMEA sentences arrive after the second they name, so this is late by the
 *     receiver's reporting delay (typically 0.1–0.5 s; docs/resilience.md#time-without-the-controller);
 * <li>anything else (VERSION, DEVICES, SKY, a TPV without a fix): no reading.
 * </ul>
 */
public final class GpsdMessages {
    private static final JsonFactory JSON = new JsonFactory();

    private GpsdMessages() {
    }

    /** The command that asks gpsd to stream JSON reports, PPS included. */
    public static String watch() {
        return "?WATCH={\"enable\":true,\"json\":true,\"pps\":true};\n";
    }

    /**
     * @param line        one line from gpsd
     * @param receivedAtUs the system clock when the line was read, microseconds since the epoch
     * @return GPS time minus the system clock in microseconds, when the line carries GPS time
     */
    public static OptionalLong offsetUs(String line, long receivedAtUs) {
        String kind = null;
        int mode = 0;
        String time = null;
        long realSec = -1;
        long realNsec = 0;
        long clockSec = -1;
        long clockNsec = 0;
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return OptionalLong.empty();
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                switch (name) {
                    case "class" -> kind = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "mode" -> mode = value == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : 0;
                    case "time" -> time = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "real_sec" -> realSec = value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : -1;
                    case "real_nsec" -> realNsec = value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : 0;
                    case "clock_sec" -> clockSec = value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : -1;
                    case "clock_nsec" -> clockNsec = value == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : 0;
                    default -> p.skipChildren();
                }
            }
        } catch (IOException e) {
            return OptionalLong.empty(); // not JSON (a partial line at close): no reading
        }
        if ("PPS".equals(kind) && realSec > 0 && clockSec > 0) {
            return OptionalLong.of((realSec - clockSec) * 1_000_000 + (realNsec - clockNsec) / 1_000);
        }
        if ("TPV".equals(kind) && mode >= 2 && time != null) {
            try {
                Instant t = Instant.parse(time);
                return OptionalLong.of(t.getEpochSecond() * 1_000_000 + t.getNano() / 1_000 - receivedAtUs);
            } catch (DateTimeParseException e) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }
}
