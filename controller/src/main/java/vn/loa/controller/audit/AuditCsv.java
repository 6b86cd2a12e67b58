package vn.loa.controller.audit;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The audit log as CSV (RFC 4180, UTF-8 with a byte-order mark so spreadsheets read Vietnamese). Cells that
 * a spreadsheet would run as a formula ({@code = + - @}, tab, carriage return) are prefixed with {@code '}.
 */
public final class AuditCsv {
    private AuditCsv() {
    }

    public static byte[] render(List<AuditEntry> rows) {
        StringBuilder sb = new StringBuilder("\uFEFF");
        sb.append("id,at,username,action,target,detail,remoteAddress\r\n");
        for (AuditEntry e : rows) {
            sb.append(e.id()).append(',').append(e.at()).append(',').append(cell(e.username())).append(',')
                    .append(cell(e.action())).append(',').append(cell(e.target())).append(',')
                    .append(cell(e.detail())).append(',').append(cell(e.remoteAddress())).append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String cell(String v) {
        if (v == null || v.isEmpty()) {
            return "";
        }
        String s = "=+-@\t\r".indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
