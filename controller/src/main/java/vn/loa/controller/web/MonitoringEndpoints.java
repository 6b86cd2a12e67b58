package vn.loa.controller.web;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.DateTimeException;
import java.time.YearMonth;
import vn.loa.controller.metrics.LoaMetrics;
import vn.loa.controller.rejection.RejectionCode;
import vn.loa.controller.report.CsvReport;
import vn.loa.controller.report.HtmlReport;
import vn.loa.controller.report.ProvinceReport;
import vn.loa.controller.report.ProvinceReportBuilder;

/**
 * {@code GET /metrics} (Prometheus text format; public, as scrapers expect — it names station ids and
 * counts, nothing else) and {@code GET /api/v1/reports/province?month=2026-12&format=csv|html}.
 */
public final class MonitoringEndpoints {
    private final LoaMetrics metrics;
    private final ProvinceReportBuilder reports;

    private final ScopeGuard scopes;

    public MonitoringEndpoints(LoaMetrics metrics, ProvinceReportBuilder reports, ScopeGuard scopes) {
        this.scopes = scopes;
        this.metrics = metrics;
        this.reports = reports;
    }

    public void register(Router router) {
        router.addPublic(HttpMethod.GET, "/metrics",
                r -> ApiResponse.bytes(HttpResponseStatus.OK, metrics.scrape(), LoaMetrics.CONTENT_TYPE));
        router.add(HttpMethod.GET, "/api/v1/reports/province", this::province);
    }

    private ApiResponse province(ApiRequest r) {
        String m = r.queryParam("month");
        if (m == null) {
            throw RejectionCode.REQUIRED.reject("month");
        }
        YearMonth month;
        try {
            month = YearMonth.parse(m);
        } catch (DateTimeException e) {
            throw RejectionCode.NOT_A_MONTH.reject("month", m);
        }
        if (month.getYear() < 2000 || month.getYear() > 2200) {
            throw RejectionCode.DATE_OUT_OF_RANGE.reject("month", m, "2000-01", "2200-12");
        }
        String format = r.queryParam("format") == null ? "html" : r.queryParam("format");
        ProvinceReport report = reports.build(month);
        ScopeGuard.View scope = scopes.of(r.account());
        if (!scope.everything()) {
            report = ProvinceReportBuilder.restrict(report, scope::areaVisible);
        }
        return switch (format) {
            case "csv" -> ApiResponse.bytes(HttpResponseStatus.OK, CsvReport.render(report), "text/csv; charset=utf-8")
                    .withHeader("Content-Disposition", "attachment; filename=\"loa-bao-cao-" + month + ".csv\"");
            case "html" -> ApiResponse.bytes(HttpResponseStatus.OK, HtmlReport.render(report),
                    "text/html; charset=utf-8");
            default -> throw RejectionCode.NOT_ONE_OF.reject("format", format, java.util.List.of("csv", "html"));
        };
    }
}
