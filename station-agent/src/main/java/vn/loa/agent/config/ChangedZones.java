package vn.loa.agent.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import vn.loa.protocol.hardwarefile.HardwareConfig;
import vn.loa.protocol.hardwarefile.HardwareConfig.BoardChannel;

/**
 * Which zones a new hardware file's self-test switches (docs/configuration.md): the zones it adds or rewires; every
 * zone when the amplifier, a board or the bypass changed, when the station ran no hardware file before, or when
 * nothing a relay depends on changed (a timing or a gain: every zone is still checked once). Pure.
 */
public final class ChangedZones {
    private ChangedZones() {
    }

    /** @param before the file that ran until now, or null (simulated hardware) */
    public static List<Long> toTest(HardwareConfig before, HardwareConfig after) {
        List<Long> all = List.copyOf(after.zones().keySet());
        if (before == null || !Objects.equals(before.amplifier(), after.amplifier())
                || !Objects.equals(before.bypass(), after.bypass()) || boardChanged(before, after, after.amplifier())) {
            return all;
        }
        List<Long> changed = new ArrayList<>();
        for (HardwareConfig.Zone z : after.zones().values()) {
            HardwareConfig.Zone old = before.zones().get(z.id());
            if (old == null || !old.relay().equals(z.relay()) || boardChanged(before, after, z.relay())) {
                changed.add(z.id());
            }
        }
        return changed.isEmpty() ? all : changed;
    }

    private static boolean boardChanged(HardwareConfig before, HardwareConfig after, HardwareConfig.RelayRef relay) {
        return relay instanceof BoardChannel bc
                && !Objects.equals(before.boards().get(bc.board()), after.boards().get(bc.board()));
    }
}
