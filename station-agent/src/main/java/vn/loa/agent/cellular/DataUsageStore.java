package vn.loa.agent.cellular;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.protocol.v1.CellularLink;

/**
 * The month's mobile data use, kept in {@code <data>/cellular-usage.properties} across restarts and reboots
 * (written to a temporary file and renamed), and the data plan's quota from the station's settings. Called on
 * the agent's I/O executor only (after {@link ModemProbe#refresh}); {@link #annotate} reads a volatile snapshot.
 */
public final class DataUsageStore {
    private static final Logger log = LoggerFactory.getLogger(DataUsageStore.class);
    /** Data plans in Vietnam run by calendar month. */
    public static final ZoneId PLAN_ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    private final long stationId;
    private final Path file;
    private final Clock clock;
    private final Supplier<String> bootId;
    private final long monthlyQuotaBytes;
    private volatile DataUsage usage;

    public DataUsageStore(long stationId, Path dataDir, Clock clock, Supplier<String> bootId, long monthlyQuotaBytes) {
        this.stationId = stationId;
        this.file = dataDir.resolve("cellular-usage.properties");
        this.clock = clock;
        this.bootId = bootId;
        this.monthlyQuotaBytes = monthlyQuotaBytes;
        this.usage = load();
    }

    /** Adds what the link's counters show since the last reading; nothing without counters. */
    public void record(Optional<CellularLink> link) {
        if (link.isEmpty() || !link.get().getHasBytes()) {
            return;
        }
        CellularLink l = link.get();
        DataUsage next = usage.next(l.getRxBytes() + l.getTxBytes(), bootId.get(), YearMonth.now(clock.withZone(PLAN_ZONE)));
        usage = next;
        save(next);
    }

    /** The link with this month's use and the quota (the heartbeat's copy). */
    public CellularLink annotate(CellularLink link) {
        if (!link.getHasBytes() && monthlyQuotaBytes == 0) {
            return link;
        }
        return link.toBuilder().setMonthUsedBytes(usage.usedIn(YearMonth.now(clock.withZone(PLAN_ZONE))))
                .setMonthlyQuotaBytes(monthlyQuotaBytes).build();
    }

    private DataUsage load() {
        if (!Files.exists(file)) {
            return DataUsage.none();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
            return new DataUsage(YearMonth.parse(p.getProperty("month")), p.getProperty("bootId", ""),
                    Long.parseLong(p.getProperty("lastCounter", "0")), Long.parseLong(p.getProperty("usedBytes", "0")));
        } catch (IOException | RuntimeException e) {
            log.warn("station {}: cannot read {} ({}); the month's data use counts from now", stationId, file, e.toString());
            return DataUsage.none();
        }
    }

    private void save(DataUsage u) {
        Properties p = new Properties();
        p.setProperty("month", u.month().toString());
        p.setProperty("bootId", u.bootId());
        p.setProperty("lastCounter", Long.toString(u.lastCounter()));
        p.setProperty("usedBytes", Long.toString(u.usedBytes()));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(out, "mobile data used this month (docs/updates.md#the-data-plan)");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("station {}: cannot write {} ({}); the month's data use is kept in memory", stationId, file, e.toString());
        }
    }
}
