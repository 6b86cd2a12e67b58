package vn.loa.controller.exchange;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import vn.loa.controller.report.ProvinceReport;
import vn.loa.controller.report.ProvinceReportBuilder;

/**
 * Which month's statistics are due, and the records of a month's province report (pure;
 * docs/integration.md#monthly-statistics). Only a month that is over is recorded, once per commune: its figures
 * are final, so one key per commune and month suffices and the receiver never has to replace a record. The
 * current month's running figures are in {@code GET /api/v1/reports/province}.
 */
public final class MonthlyStatistics {
    /**
     * How long after a month's end (Vietnam time) its statistics wait: a station that was offline at the turn of the
     * month uploads its as-run log when it comes back, and those lines belong to the month that ended.
     */
    public static final Duration GRACE = Duration.ofDays(1);

    private MonthlyStatistics() {
    }

    /** The last month whose end lies at least {@code grace} before {@code now} (Vietnam time). */
    public static YearMonth lastClosedMonth(Instant now, Duration grace) {
        return YearMonth.from(now.minus(grace).atZone(ProvinceReportBuilder.VIETNAM)).minusMonths(1);
    }

    public static String key(long communeId, YearMonth month) {
        return "monthly-statistics:" + communeId + ":" + month;
    }

    /** One record per commune of the report; the row of stations in no commune, and the province total, are not sent. */
    public static List<Keyed> records(ProvinceReport report) {
        return report.communes().stream().filter(c -> c.areaId() != null)
                .map(c -> new Keyed(key(c.areaId(), report.month()),
                        new ExchangeRecord.MonthlyStatistics(report.month(), c)))
                .toList();
    }

    /** Minutes on the air, summed over the priorities and rounded to the nearest minute. */
    public static long minutesOnAir(ProvinceReport.Commune c) {
        return Math.round(c.totalHours() * 60);
    }

    /** A record with its key. */
    public record Keyed(String key, ExchangeRecord.MonthlyStatistics record) {
    }

    static Optional<YearMonth> due(Instant now, YearMonth lastDone) {
        YearMonth closed = lastClosedMonth(now, GRACE);
        return closed.equals(lastDone) ? Optional.empty() : Optional.of(closed);
    }
}
