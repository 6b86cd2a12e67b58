package vn.loa.controller.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.bulletin.Bulletin;
import vn.loa.controller.schedule.Schedule;
import vn.loa.controller.schedule.TargetResolver;
import vn.loa.protocol.v1.PlanItem;
import vn.loa.protocol.v1.PlanSync;

/** Expands schedules into one plan per station for a window of time. Pure: no I/O. */
public final class PlanBuilder {
    private static final Logger log = LoggerFactory.getLogger(PlanBuilder.class);

    private PlanBuilder() {
    }

    public static Map<Long, PlanSync> build(List<Schedule> schedules, Map<Long, Bulletin> bulletins,
            TargetResolver resolver, Collection<Long> stationIds, Instant from, Instant until, Instant now) {
        Map<Long, List<PlanItem>> items = new HashMap<>();
        for (long id : stationIds) {
            items.put(id, new ArrayList<>());
        }
        for (Schedule s : schedules) {
            Bulletin b = bulletins.get(s.bulletinId());
            if (b == null) {
                log.error("schedule {} refers to missing bulletin {}; not planned", s.id(), s.bulletinId());
                continue;
            }
            List<Instant> when;
            try {
                Instant notBefore = s.createdAt() != null && s.createdAt().isAfter(from) ? s.createdAt() : from;
                when = notBefore.isBefore(until) ? s.rule().occurrences(notBefore, until) : List.of();
            } catch (RuntimeException e) {
                log.error("schedule {} cannot be expanded: {}", s.id(), e.getMessage());
                continue;
            }
            if (when.isEmpty()) {
                continue;
            }
            TargetResolver.Reach reach = resolver.resolve(s.targets());
            for (long stationId : reach.stationIds()) {
                List<PlanItem> list = items.get(stationId);
                if (list == null) {
                    continue;
                }
                SortedSet<Long> zones = reach.zonesOf(stationId);
                for (Instant at : when) {
                    PlanItem.Builder item = PlanItem.newBuilder().setItemId(itemId(s.id(), at)).setScheduleId(s.id())
                            .setBulletinId(b.id()).setTitle(s.title()).setMediaSha256(b.sha256())
                            .setMediaSize(b.sizeBytes()).setDurationMs(b.durationMs())
                            .setPlannedAtMs(at.toEpochMilli()).addAllZoneIds(zones).setPriority(s.priority()).setOnPreempt(s.onPreempt())
                            .setHardTime(s.hardTime());
                    // max_wait_ms present = a WAIT the schedule asked for (protocol 2); absent = the default
                    if (s.waitAsked() || s.maxWaitSeconds() > 0) {
                        item.setMaxWaitMs(s.maxWaitSeconds() * 1000L);
                    }
                    list.add(item.build());
                }
            }
        }
        Map<Long, PlanSync> plans = new HashMap<>();
        for (var e : items.entrySet()) {
            List<PlanItem> list = e.getValue();
            list.sort(Comparator.comparingLong(PlanItem::getPlannedAtMs).thenComparing(PlanItem::getItemId));
            plans.put(e.getKey(), PlanSync.newBuilder().setVersion(version(list)).setGeneratedAtMs(now.toEpochMilli())
                    .setHorizonUntilMs(until.toEpochMilli()).addAllItems(list).build());
        }
        return plans;
    }

    /** Stable across rebuilds: the same schedule at the same instant is the same item. */
    public static String itemId(long scheduleId, Instant at) {
        return "s" + scheduleId + "-" + at.getEpochSecond();
    }

    static String version(List<PlanItem> items) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            for (PlanItem i : items) {
                md.update(i.toByteArray());
            }
            md.update(Integer.toString(items.size()).getBytes(StandardCharsets.US_ASCII));
            return java.util.HexFormat.of().formatHex(md.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
