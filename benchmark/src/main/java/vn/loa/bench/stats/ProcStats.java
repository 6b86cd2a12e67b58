package vn.loa.bench.stats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time and memory of a Linux process, read from /proc (clock ticks of 10 ms, as on this kernel). */
public final class ProcStats {
    /** USER_HZ; {@code getconf CLK_TCK} is 100 on every Linux this runs on. */
    public static final long TICKS_PER_SECOND = 100;

    private ProcStats() {
    }

    /** One reading: CPU time (user + system) and resident memory. */
    public record Sample(long nanos, long cpuTicks, long rssKb, long threads) {
        /** CPU between two samples as a percentage of one core. */
        public double cpuPercentSince(Sample earlier) {
            double seconds = (nanos - earlier.nanos) / 1e9;
            return seconds <= 0 ? 0 : 100.0 * (cpuTicks - earlier.cpuTicks) / TICKS_PER_SECOND / seconds;
        }
    }

    public static Sample sample(long pid) {
        try {
            long now = System.nanoTime();
            return new Sample(now, cpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))),
                    statusKb(pid, "VmRSS:"), statusKb(pid, "Threads:"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + " (has the process ended?): " + e.getMessage(), e);
        }
    }

    /** utime + stime (fields 14 and 15) of a /proc/PID/stat line; the command name may hold spaces. */
    static long cpuTicks(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/PID/stat line: " + stat);
        }
        String[] f = stat.substring(close + 2).trim().split(" ");
        // f[0] is field 3 (state); utime is field 14 → f[11], stime field 15 → f[12]
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** A kB (or count) line of /proc/PID/status, e.g. {@code VmRSS:} or {@code VmHWM:}. */
    public static long statusKb(long pid, String key) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
            }
        }
        throw new IllegalStateException(key + " not in /proc/" + pid + "/status");
    }
}
