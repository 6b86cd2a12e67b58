package vn.loa.controller.report;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The total length of a union of time spans within a window. */
final class Intervals {
    private Intervals() {
    }

    record Span(Instant start, Instant end) {
    }

    static Duration covered(List<Span> spans, Instant from, Instant to) {
        List<Span> clipped = new ArrayList<>();
        for (Span s : spans) {
            Instant a = s.start().isBefore(from) ? from : s.start();
            Instant b = s.end() == null || s.end().isAfter(to) ? to : s.end();
            if (a.isBefore(b)) {
                clipped.add(new Span(a, b));
            }
        }
        clipped.sort(Comparator.comparing(Span::start));
        Duration total = Duration.ZERO;
        Instant curStart = null;
        Instant curEnd = null;
        for (Span s : clipped) {
            if (curEnd == null || s.start().isAfter(curEnd)) {
                if (curEnd != null) {
                    total = total.plus(Duration.between(curStart, curEnd));
                }
                curStart = s.start();
                curEnd = s.end();
            } else if (s.end().isAfter(curEnd)) {
                curEnd = s.end();
            }
        }
        if (curEnd != null) {
            total = total.plus(Duration.between(curStart, curEnd));
        }
        return total;
    }
}
