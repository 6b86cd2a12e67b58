package vn.loa.agent.quiet;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.protocol.quiet.QuietHours;
import vn.loa.protocol.quiet.QuietRule;
import vn.loa.protocol.v1.PlanSync;

/**
 * The quiet hours a plan carries, read once per plan version: the player asks for them before every
 * decision and every frame, and the plan changes a few times a day. A rule the agent cannot read is left
 * out and logged (the rest still hold); an unknown time zone falls back to Asia/Ho_Chi_Minh. Owned by
 * the player's thread.
 */
public final class PlanQuietHours {
    private static final Logger log = LoggerFactory.getLogger(PlanQuietHours.class);

    private final long stationId;
    private String version;
    private QuietHours current = QuietHours.none();

    public PlanQuietHours(long stationId) {
        this.stationId = stationId;
    }

    public QuietHours of(PlanSync plan) {
        if (!plan.getVersion().equals(version)) {
            version = plan.getVersion();
            current = read(stationId, plan);
        }
        return current;
    }

    static QuietHours read(long stationId, PlanSync plan) {
        List<QuietRule> rules = new ArrayList<>();
        for (vn.loa.protocol.v1.QuietRule r : plan.getQuietRulesList()) {
            try {
                rules.add(QuietRule.fromProto(r));
            } catch (IllegalArgumentException | DateTimeException e) {
                log.error("station {}: plan {} quiet rule {} '{}' left out: {}", stationId, plan.getVersion(), r.getId(),
                        r.getName(), e.getMessage());
            }
        }
        ZoneId zone = QuietHours.VIETNAM;
        if (!plan.getTimeZone().isEmpty()) {
            try {
                zone = ZoneId.of(plan.getTimeZone());
            } catch (DateTimeException e) {
                log.error("station {}: plan {} time zone '{}' unknown, quiet hours use {}", stationId, plan.getVersion(),
                        plan.getTimeZone(), zone);
            }
        }
        if (!rules.isEmpty()) {
            log.info("station {}: plan {} keeps {} quiet-hour rules in {}", stationId, plan.getVersion(), rules.size(), zone);
        }
        return new QuietHours(rules, zone);
    }
}
