package vn.loa.controller.schedule.rule;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

/** Helpers shared by the rule tests. */
final class RuleTestSupport {

    static final ZoneId HCM = ZoneId.of("Asia/Ho_Chi_Minh");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RuleTestSupport() {
    }

    /** JSON written with single quotes for readability. */
    static JsonNode json(String singleQuoted) {
        try {
            return MAPPER.readTree(singleQuoted.replace('\'', '"'));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(singleQuoted, e);
        }
    }

    static ScheduleRule rule(String singleQuotedJson) {
        return new RuleParser(HCM).parse(json(singleQuotedJson));
    }

    static ScheduleRule rule(ZoneId zone, String singleQuotedJson) {
        return new RuleParser(zone).parse(json(singleQuotedJson));
    }

    /** A local date-time like "2026-12-01T17:00" in Asia/Ho_Chi_Minh. */
    static Instant local(String localDateTime) {
        return local(HCM, localDateTime);
    }

    static Instant local(ZoneId zone, String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    static List<Instant> locals(String... localDateTimes) {
        return Arrays.stream(localDateTimes).map(RuleTestSupport::local).toList();
    }
}
