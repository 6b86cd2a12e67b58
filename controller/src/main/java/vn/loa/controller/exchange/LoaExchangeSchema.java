package vn.loa.controller.exchange;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import vn.loa.controller.alarm.Alarm;
import vn.loa.controller.bulletin.Bulletin;
import vn.loa.controller.playlog.PlayRecord;
import vn.loa.controller.station.Station;
import vn.loa.controller.station.Zone;

/**
 * The controller's own exchange schema, version 1 (docs/integration.md#exchange-schema): every record is one JSON
 * object {@code {"schema": "loa-exchange/1", "key", "kind", "recordedAt", "data": {...}}}; field names are stable,
 * new fields may be added within a version, and a change that removes or re-means one is a new version.
 */
public final class LoaExchangeSchema implements ExchangeSchema {
    public static final String ID = "loa-exchange/1";

    private final ObjectMapper json;

    public LoaExchangeSchema(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String encode(String key, Instant recordedAt, ExchangeRecord record) {
        ObjectNode root = json.createObjectNode();
        root.put("schema", ID);
        root.put("key", key);
        root.put("kind", record.kind());
        root.put("recordedAt", recordedAt.toString());
        ObjectNode data = root.putObject("data");
        switch (record) {
            case ExchangeRecord.StationEntry s -> station(data, s);
            case ExchangeRecord.BulletinEntry b -> bulletin(data, b.bulletin(), b.approval());
            case ExchangeRecord.BroadcastLogEntry p -> play(data, p.play());
            case ExchangeRecord.AlarmEntry a -> alarm(data, a.alarm(), a.event(), a.at());
            case ExchangeRecord.InboundReceipt r -> receipt(data, r);
            case ExchangeRecord.ScheduleEntry sc -> schedule(data, sc);
            case ExchangeRecord.MonthlyStatistics m -> monthly(data, m);
        }
        try {
            return json.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an exchange record could not be written as JSON: " + key, e);
        }
    }

    private static void station(ObjectNode d, ExchangeRecord.StationEntry s) {
        Station st = s.station();
        d.put("stationId", st.id());
        d.put("name", st.name());
        d.put("areaId", st.areaId());
        d.put("gsoCode", s.area() == null ? null : s.area().code());
        d.put("areaName", s.area() == null ? null : s.area().name());
        d.put("areaKind", s.area() == null ? null : s.area().kind().name());
        d.put("latitude", st.latitude());
        d.put("longitude", st.longitude());
        ArrayNode zones = d.putArray("zones");
        for (Zone z : st.zones()) {
            zones.addObject().put("zoneId", z.id()).put("name", z.name()).put("areaId", z.areaId());
        }
    }

    private static void bulletin(ObjectNode d, Bulletin b, String approval) {
        d.put("bulletinId", b.id());
        d.put("title", b.title());
        d.put("approval", approval);
        d.put("language", b.language());
        d.put("durationMs", b.durationMs());
        d.put("sha256", b.sha256());
        d.put("createdAt", text(b.createdAt()));
    }

    private static void play(ObjectNode d, PlayRecord p) {
        d.put("reportId", p.reportId());
        d.put("stationId", p.stationId());
        d.put("itemId", p.itemId());
        d.put("scheduleId", p.scheduleId());
        d.put("broadcastId", p.broadcastId());
        d.put("bulletinId", p.bulletinId());
        ArrayNode zones = d.putArray("zoneIds");
        p.zoneIds().forEach(zones::add);
        d.put("priority", p.priority());
        d.put("plannedAt", text(p.plannedAt()));
        d.put("startedAt", text(p.startedAt()));
        d.put("endedAt", text(p.endedAt()));
        d.put("outcome", p.outcome());
        d.put("reason", p.reason() == null || p.reason().isEmpty() ? null : p.reason());
        d.put("peakDbfs", p.peakDbfs());
        d.put("rmsDbfs", p.rmsDbfs());
    }

    private static void alarm(ObjectNode d, Alarm a, String event, Instant at) {
        d.put("alarmId", a.id());
        d.put("event", event);
        d.put("at", text(at));
        d.put("stationId", a.stationId());
        d.put("alarmKind", a.kind().name());
        d.put("subject", a.subject());
        d.put("state", a.state().name());
        d.put("detail", a.detail());
        d.put("raisedAt", text(a.raisedAt()));
        d.put("textVi", a.kind().vietnamese());
        d.put("textEn", a.kind().english());
    }

    private void schedule(ObjectNode d, ExchangeRecord.ScheduleEntry s) {
        d.put("scheduleId", s.id());
        d.put("title", s.title());
        d.put("bulletinId", s.bulletinId());
        d.put("priority", s.priority());
        d.set("rule", parse(s.ruleJson()));
        d.set("targets", parse(s.targetsJson()));
        d.put("approval", s.approval());
        d.put("createdAt", text(s.createdAt()));
        d.put("deletedAt", text(s.deletedAt()));
    }

    private com.fasterxml.jackson.databind.JsonNode parse(String stored) {
        try {
            return stored == null ? null : json.readTree(stored);
        } catch (JsonProcessingException e) {
            return json.getNodeFactory().textNode(stored);
        }
    }

    private static void receipt(ObjectNode d, ExchangeRecord.InboundReceipt r) {
        d.put("ref", r.ref());
        d.put("level", r.level());
        d.put("senderAccountId", r.senderAccountId());
        ArrayNode communes = d.putArray("communeIds");
        r.communeIds().forEach(communes::add);
        d.put("bulletinId", r.bulletinId());
        d.put("dispatchId", r.dispatchId());
        d.put("announcementId", r.announcementId());
        d.put("approval", r.approval());
    }

    private static void monthly(ObjectNode d, ExchangeRecord.MonthlyStatistics m) {
        vn.loa.controller.report.ProvinceReport.Commune c = m.commune();
        d.put("month", m.month().toString());
        d.put("from", text(m.month().atDay(1).atStartOfDay(vn.loa.controller.report.ProvinceReportBuilder.VIETNAM)
                .toInstant()));
        d.put("to", text(m.month().plusMonths(1).atDay(1)
                .atStartOfDay(vn.loa.controller.report.ProvinceReportBuilder.VIETNAM).toInstant()));
        d.put("communeId", c.areaId());
        d.put("gsoCode", c.code());
        d.put("name", c.name());
        d.put("parentName", c.parentName());
        d.put("stations", c.stations());
        d.put("stationsWorking", c.stationsWorking());
        d.put("zones", c.zones());
        d.put("zonesWorking", c.zonesWorking());
        d.put("availability", c.availability());
        ObjectNode outcomes = d.putObject("playsByOutcome");
        c.playsByOutcome().forEach(outcomes::put);
        d.put("minutesOnAir", MonthlyStatistics.minutesOnAir(c));
        ObjectNode minutes = d.putObject("minutesByPriority");
        c.hoursByPriority().forEach((k, v) -> minutes.put(k, Math.round(v * 60)));
        ObjectNode languages = d.putObject("playsByLanguage");
        c.playsByLanguage().forEach(languages::put);
        ObjectNode inbox = d.putObject("bulletinsFromProvince");
        c.bulletinsFromProvince().forEach(inbox::put);
        ArrayNode villages = d.putArray("villages");
        for (vn.loa.controller.report.ProvinceReport.Village v : c.villages()) {
            villages.addObject().put("areaId", v.areaId()).put("name", v.name()).put("zones", v.zones())
                    .put("zonesWorking", v.zonesWorking());
        }
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
