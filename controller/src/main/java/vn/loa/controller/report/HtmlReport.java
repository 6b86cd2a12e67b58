package vn.loa.controller.report;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The report as a printable HTML page (A4 landscape), Vietnamese first, English second. */
public final class HtmlReport {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm")
            .withZone(ProvinceReportBuilder.VIETNAM);

    private HtmlReport() {
    }

    public static byte[] render(ProvinceReport r) {
        StringBuilder h = new StringBuilder(16_384);
        String month = String.format("%02d/%d", r.month().getMonthValue(), r.month().getYear());
        h.append("<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(esc(ReportLabels.TITLE)).append(" — ").append(month).append("</title>")
                .append("<style>")
                .append("body{font-family:'Noto Sans','DejaVu Sans',Arial,sans-serif;font-size:12px;margin:16px;color:#111}")
                .append("h1{font-size:18px;margin:0 0 4px}p.meta{margin:0 0 12px;color:#444}")
                .append("table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:3px 5px}")
                .append("th{background:#eee;font-weight:600;vertical-align:bottom}td.n{text-align:right}")
                .append("tr.commune td{font-weight:600;background:#fafafa}tr.village td{color:#333}")
                .append("tr.village td.name{padding-left:20px}tr.total td{font-weight:700;border-top:2px solid #333}")
                .append(".en{color:#555;font-weight:normal;display:block;font-size:11px}")
                .append("@page{size:A4 landscape;margin:12mm}@media print{body{margin:0}tr{page-break-inside:avoid}}")
                .append("</style></head><body>\n");
        h.append("<h1>").append(esc("Báo cáo hoạt động đài truyền thanh cơ sở — tháng " + month))
                .append("<span class=\"en\">Commune radio station report — ").append(esc(r.month().toString()))
                .append("</span></h1>\n");
        h.append("<p class=\"meta\">").append(esc(ReportLabels.GENERATED)).append(": ")
                .append(WHEN.format(r.generatedAt())).append(" · ").append(esc(ReportLabels.PERIOD)).append(": ")
                .append(WHEN.format(r.periodEnd())).append("</p>\n");
        h.append("<table><thead><tr>");
        header(h, ReportLabels.DISTRICT);
        header(h, ReportLabels.COMMUNE + " · " + ReportLabels.VILLAGE);
        header(h, ReportLabels.STATIONS);
        header(h, ReportLabels.STATIONS_WORKING);
        header(h, ReportLabels.ZONES);
        header(h, ReportLabels.ZONES_WORKING);
        ProvinceReport.PRIORITIES.forEach(p -> header(h, ReportLabels.HOURS.get(p)));
        header(h, ReportLabels.TOTAL_HOURS);
        header(h, ReportLabels.AVAILABILITY);
        header(h, ReportLabels.FAILED);
        ProvinceReport.INBOX_STATES.forEach(st -> header(h, ReportLabels.INBOX.get(st)));
        h.append("</tr></thead>\n<tbody>\n");
        for (ProvinceReport.Commune c : r.communes()) {
            row(h, "commune", c.parentName(), c.name() + (c.code() == null ? "" : " (" + c.code() + ")"), c);
            for (ProvinceReport.Village v : c.villages()) {
                h.append("<tr class=\"village\"><td></td><td class=\"name\">")
                        .append(esc(v.name() == null ? ReportLabels.NO_VILLAGE : v.name()))
                        .append("</td><td></td><td></td><td class=\"n\">").append(v.zones())
                        .append("</td><td class=\"n\">").append(v.zonesWorking()).append("</td>");
                h.append("<td></td>".repeat(ProvinceReport.PRIORITIES.size() + 3 + ProvinceReport.INBOX_STATES.size()))
                        .append("</tr>\n");
            }
        }
        row(h, "total", null, r.total().name(), r.total());
        h.append("</tbody></table>\n");
        languages(h, r);
        h.append("<p class=\"meta\">Đài hoạt động: sẵn sàng ít nhất ").append(pct(ReportRules.STATION_WORKING))
                .append(" thời gian (trực tuyến, không lỗi khuếch đại, đồng hồ đã đồng bộ). ")
                .append("<span class=\"en\">A station works when it was available at least ")
                .append(pct(ReportRules.STATION_WORKING))
                .append(" of the time (online, no amplifier fault, clock synchronised).</span></p>\n");
        h.append("</body></html>\n");
        return h.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Bulletins played by language, per commune: only the languages that were played. */
    private static void languages(StringBuilder h, ProvinceReport r) {
        List<String> codes = new java.util.ArrayList<>(r.total().playsByLanguage().keySet());
        if (codes.isEmpty()) {
            return;
        }
        h.append("<h2 style=\"font-size:14px;margin:16px 0 4px\">").append(esc(ReportLabels.BY_LANGUAGE_VI))
                .append("<span class=\"en\">").append(esc(ReportLabels.BY_LANGUAGE_EN)).append("</span></h2>\n");
        h.append("<table class=\"languages\"><thead><tr>");
        header(h, ReportLabels.COMMUNE);
        for (String code : codes) {
            var lang = vn.loa.controller.bulletin.BulletinLanguage.of(code);
            header(h, lang.map(l -> l.vietnamese() + " / " + l.english() + " (" + code + ")").orElse(code));
        }
        h.append("</tr></thead>\n<tbody>\n");
        List<ProvinceReport.Commune> rows = new java.util.ArrayList<>(r.communes());
        rows.add(r.total());
        for (ProvinceReport.Commune c : rows) {
            h.append("<tr class=\"").append(c == r.total() ? "total" : "commune").append("\"><td>").append(esc(c.name()))
                    .append("</td>");
            for (String code : codes) {
                h.append("<td class=\"n\">").append(c.playsByLanguage().getOrDefault(code, 0)).append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody></table>\n");
    }

    private static void header(StringBuilder h, String label) {
        int slash = label.indexOf(" / ");
        if (slash < 0) {
            h.append("<th>").append(esc(label)).append("</th>");
            return;
        }
        h.append("<th>").append(esc(label.substring(0, slash))).append("<span class=\"en\">")
                .append(esc(label.substring(slash + 3))).append("</span></th>");
    }

    private static void row(StringBuilder h, String cls, String district, String name, ProvinceReport.Commune c) {
        h.append("<tr class=\"").append(cls).append("\"><td>").append(esc(district == null ? "" : district))
                .append("</td><td>").append(esc(name)).append("</td>");
        num(h, Integer.toString(c.stations()));
        num(h, Integer.toString(c.stationsWorking()));
        num(h, Integer.toString(c.zones()));
        num(h, Integer.toString(c.zonesWorking()));
        ProvinceReport.PRIORITIES.forEach(p -> num(h, CsvReport.hours(c.hoursByPriority().get(p))));
        num(h, CsvReport.hours(c.totalHours()));
        num(h, c.availability() == null ? "—" : String.format(Locale.ROOT, "%.1f", c.availability() * 100));
        num(h, Integer.toString(c.failedPlays()));
        ProvinceReport.INBOX_STATES.forEach(st -> num(h, Integer.toString(c.bulletinsFromProvince().getOrDefault(st, 0))));
        h.append("</tr>\n");
    }

    private static void num(StringBuilder h, String v) {
        h.append("<td class=\"n\">").append(esc(v)).append("</td>");
    }

    private static String pct(double share) {
        return Math.round(share * 100) + " %";
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
