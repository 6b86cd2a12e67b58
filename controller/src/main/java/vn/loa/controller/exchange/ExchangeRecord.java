package vn.loa.controller.exchange;

import java.time.Instant;
import vn.loa.controller.alarm.Alarm;
import vn.loa.controller.area.Area;
import vn.loa.controller.bulletin.Bulletin;
import vn.loa.controller.playlog.PlayRecord;
import vn.loa.controller.station.Station;

/**
 * What the controller shares with the province's information-source system, before an {@link ExchangeSchema} maps
 * it to a wire format. {@link #kind()} is the record kind of the schema ({@code station}, {@code broadcast-log}…).
 */
public sealed interface ExchangeRecord {
    String kind();

    /** A station of the registry as it is now; {@code area} is its area (with its GSO code), null if unknown; whether it
     * is online travels as STATION_OFFLINE alarm records. */
    record StationEntry(Station station, Area area) implements ExchangeRecord {
        @Override
        public String kind() {
            return "station";
        }
    }

    /** A bulletin as it is now, with its approval state. */
    record BulletinEntry(Bulletin bulletin, String approval) implements ExchangeRecord {
        @Override
        public String kind() {
            return "bulletin";
        }
    }

    /**
     * A schedule as it is now; {@code ruleJson} and {@code targetsJson} are its stored rule and targets (the API's
     * rule and targets objects), {@code deletedAt} set once it is deleted.
     */
    record ScheduleEntry(long id, String title, long bulletinId, String priority, String ruleJson, String targetsJson,
            String approval, Instant createdAt, Instant deletedAt) implements ExchangeRecord {
        @Override
        public String kind() {
            return "schedule";
        }
    }

    /** One line of the broadcast log ("nhật ký phát"): one item played, or not, at one station. */
    record BroadcastLogEntry(PlayRecord play) implements ExchangeRecord {
        @Override
        public String kind() {
            return "broadcast-log";
        }
    }

    /** A change to an alarm: {@code event} is RAISED, RETURNED, RECURRED, ACKNOWLEDGED or CLEARED. */
    record AlarmEntry(Alarm alarm, String event, Instant at) implements ExchangeRecord {
        @Override
        public String kind() {
            return "alarm";
        }
    }

    /**
     * What became of a bulletin the upstream system sent down: its dispatch (inbox) and/or announcement, whose
     * broadcast-log lines carry {@code scheduleId}s of the dispatch's schedules or {@code broadcastId = announcementId}.
     * {@code approval} is the bulletin's: PENDING when the dispatch is held for a reviewer (a second receipt follows
     * the decision, APPROVED with its dispatch, or REJECTED).
     */
    record InboundReceipt(String ref, String level, long senderAccountId, java.util.List<Long> communeIds,
            Long bulletinId, Long dispatchId, Long announcementId, String approval) implements ExchangeRecord {
        @Override
        public String kind() {
            return "inbound-receipt";
        }
    }

    /**
     * The figures of one commune for one month that is over (docs/integration.md#monthly-statistics): the province
     * report's row of that commune, as built from the as-run log, the alarm history and the station list.
     */
    record MonthlyStatistics(java.time.YearMonth month, vn.loa.controller.report.ProvinceReport.Commune commune)
            implements ExchangeRecord {
        @Override
        public String kind() {
            return "monthly-statistics";
        }
    }
}
