package vn.loa.controller.report;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read the diacritics):
 * one row per commune with its totals, followed by one row per village of that commune with its zones.
 */
public final class CsvReport {
    private CsvReport() {
    }

    public static byte[] render(ProvinceReport r) {
        StringBuilder out = new StringBuilder("\uFEFF");
        List<String> header = new ArrayList<>(List.of(ReportLabels.MONTH, ReportLabels.DISTRICT,
                ReportLabels.COMMUNE_CODE, ReportLabels.COMMUNE, ReportLabels.VILLAGE, ReportLabels.STATIONS,
                ReportLabels.STATIONS_WORKING, ReportLabels.ZONES, ReportLabels.ZONES_WORKING));
        ProvinceReport.PRIORITIES.forEach(p -> header.add(ReportLabels.HOURS.get(p)));
        header.addAll(List.of(ReportLabels.TOTAL_HOURS, ReportLabels.AVAILABILITY, ReportLabels.FAILED,
                ReportLabels.SKIPPED));
        ProvinceReport.INBOX_STATES.forEach(st -> header.add(ReportLabels.INBOX.get(st)));
        line(out, header);
        String month = r.month().toString();
        for (ProvinceReport.Commune c : r.communes()) {
            communeLine(out, month, c);
            for (ProvinceReport.Village v : c.villages()) {
                List<String> row = new ArrayList<>(List.of(month, nz(c.parentName()), nz(c.code()), c.name(),
                        v.name() == null ? ReportLabels.NO_VILLAGE : v.name(), "", "", Integer.toString(v.zones()),
                        Integer.toString(v.zonesWorking())));
                for (int i = 0; i < ProvinceReport.PRIORITIES.size() + 4 + ProvinceReport.INBOX_STATES.size(); i++) {
                    row.add("");
                }
                line(out, row);
            }
        }
        communeLine(out, month, r.total());
        // a second block after an empty line: bulletins played by language, one row per commune and language
        if (!r.total().playsByLanguage().isEmpty()) {
            out.append("\r\n");
            line(out, List.of(ReportLabels.MONTH, ReportLabels.COMMUNE, ReportLabels.LANGUAGE_CODE, ReportLabels.LANGUAGE,
                    ReportLabels.PLAYED_BULLETINS));
            List<ProvinceReport.Commune> rows = new ArrayList<>(r.communes());
            rows.add(r.total());
            for (ProvinceReport.Commune c : rows) {
                c.playsByLanguage().forEach((code, n) -> line(out, List.of(month, c.name(), code,
                        vn.loa.controller.bulletin.BulletinLanguage.of(code).map(l -> l.vietnamese()).orElse(code),
                        Integer.toString(n))));
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void communeLine(StringBuilder out, String month, ProvinceReport.Commune c) {
        List<String> row = new ArrayList<>(List.of(month, nz(c.parentName()), nz(c.code()), c.name(), "",
                Integer.toString(c.stations()), Integer.toString(c.stationsWorking()), Integer.toString(c.zones()),
                Integer.toString(c.zonesWorking())));
        ProvinceReport.PRIORITIES.forEach(p -> row.add(hours(c.hoursByPriority().get(p))));
        row.add(hours(c.totalHours()));
        row.add(c.availability() == null ? "" : String.format(Locale.ROOT, "%.1f", c.availability() * 100));
        row.add(Integer.toString(c.failedPlays()));
        row.add(Integer.toString(c.skippedPlays()));
        ProvinceReport.INBOX_STATES.forEach(st -> row.add(Integer.toString(c.bulletinsFromProvince().getOrDefault(st, 0))));
        line(out, row);
    }

    static String hours(Double h) {
        return String.format(Locale.ROOT, "%.2f", h == null ? 0.0 : h);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static void line(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(escape(cells.get(i)));
        }
        out.append("\r\n");
    }

    /** RFC 4180 quoting; a leading = + - @ is neutralised so a spreadsheet never runs a cell as a formula. */
    static String escape(String s) {
        String v = s;
        if (!v.isEmpty() && "=+-@".indexOf(v.charAt(0)) >= 0 && !v.matches("-?[0-9.]+")) {
            v = "'" + v;
        }
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
