package vn.loa.agent.selftest;

import java.util.List;

/**
 * What the self-test found for one zone.
 *
 * @param relay    where the zone's relay is wired
 * @param readBack what the relay board reported ("on→off", "n/a" where the board cannot tell)
 * @param level    the test tone's level as the output measured it, or "-" (silent test)
 * @param problems empty when the zone passed
 */
public record ZoneResult(long zone, String relay, String readBack, String level, List<String> problems) {
    public ZoneResult {
        problems = List.copyOf(problems);
    }

    public boolean passed() {
        return problems.isEmpty();
    }
}
