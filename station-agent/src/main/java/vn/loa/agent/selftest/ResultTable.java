package vn.loa.agent.selftest;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import vn.loa.hardware.SensorReadings;

/** Prints the self-test's results as a plain-text table a technician can read on a phone's SSH app. */
final class ResultTable {
    private static final String[] HEADER = {"ZONE (Vùng)", "RELAY (Rơ-le)", "READ-BACK (Đọc lại)", "LEVEL (Mức)",
        "RESULT (Kết quả)"};

    private ResultTable() {
    }

    static void print(PrintWriter out, List<ZoneResult> results, SensorReadings inputs) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (ZoneResult r : results) {
            rows.add(new String[] {String.valueOf(r.zone()), r.relay(), r.readBack(), r.level(),
                r.passed() ? "OK (Đạt)" : "FAIL (Lỗi): " + String.join("; ", r.problems())});
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length - 1; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i < row.length - 1 ? pad(row[i], widths[i]) + "  " : row[i]);
            }
            out.println(line.toString().stripTrailing());
        }
        if (inputs != null) {
            out.println("inputs: amplifier fault " + (inputs.amplifierFault() ? "ACTIVE" : "no") + ", mains "
                    + (inputs.mainsPresent() ? "present" : "ABSENT") + ", door " + (inputs.doorOpen() ? "OPEN" : "closed"));
        }
        long failed = results.stream().filter(r -> !r.passed()).count();
        out.println(failed == 0 ? "self-test passed: " + results.size() + " zone(s) OK"
                : "self-test FAILED: " + failed + " of " + results.size() + " zone(s)");
        out.flush();
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
