package vn.loa.agent.cellular;

import java.nio.file.Path;

/**
 * How the agent reads its mobile link (docs/updates.md#cellular-link-health).
 *
 * @param mmcli             ModemManager's command line tool: a name looked up on the PATH, or a path
 * @param sysNet            where the interfaces' byte counters are ({@code /sys/class/net})
 * @param monthlyQuotaBytes the data plan's monthly quota ({@code dataQuotaMiB} in station.properties); 0: none
 */
public record CellularSettings(String mmcli, Path sysNet, long monthlyQuotaBytes) {
    public CellularSettings {
        if (mmcli == null || mmcli.isBlank() || sysNet == null) {
            throw new IllegalArgumentException("mmcli and the interface statistics directory are required");
        }
        if (monthlyQuotaBytes < 0) {
            throw new IllegalArgumentException("the monthly data quota must be zero (none) or positive, got " + monthlyQuotaBytes);
        }
    }

    /** mmcli on the PATH, /sys/class/net, no quota. */
    public static CellularSettings defaults() {
        return new CellularSettings("mmcli", Path.of("/sys/class/net"), 0);
    }

    public CellularSettings withQuotaMiB(long mib) {
        return new CellularSettings(mmcli, sysNet, Math.multiplyExact(mib, 1L << 20));
    }
}
