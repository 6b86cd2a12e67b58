package vn.loa.agent.cellular;

import java.time.YearMonth;

/**
 * The mobile data used in one calendar month, summed from the modem interface's byte counters, which count from
 * zero at every boot (and when the modem's interface is re-created). Pure: {@link #next} is the whole rule.
 *
 * @param month       the month summed (Vietnam time)
 * @param bootId      the boot the last counter reading belongs to
 * @param lastCounter rx + tx at the last reading
 * @param usedBytes   the month's bytes so far
 */
public record DataUsage(YearMonth month, String bootId, long lastCounter, long usedBytes) {
    /** Nothing counted yet. */
    public static DataUsage none() {
        return new DataUsage(null, "", 0, 0);
    }

    /**
     * The usage after reading the counter {@code counter} (rx + tx) in boot {@code boot} during {@code now}: the
     * growth since the last reading of the same boot is added; in another boot, or when the counter went backwards
     * (the interface was re-created), the whole counter is new traffic. A new month starts from what this reading
     * added (the month's first bytes may include a few of the previous month's last minutes).
     */
    public DataUsage next(long counter, String boot, YearMonth now) {
        boolean sameBoot = month != null && bootId.equals(boot) && counter >= lastCounter;
        long added = sameBoot ? counter - lastCounter : counter;
        long base = now.equals(month) ? usedBytes : 0;
        return new DataUsage(now, boot, counter, base + added);
    }

    /** The bytes used in {@code now}: zero when the last reading was in an earlier month. */
    public long usedIn(YearMonth now) {
        return now.equals(month) ? usedBytes : 0;
    }
}
