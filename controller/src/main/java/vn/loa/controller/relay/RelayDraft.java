package vn.loa.controller.relay;

import java.util.List;
import vn.loa.controller.schedule.Targets;

/**
 * A relay as the API received it, still unchecked: times as {@code HH:mm}, days as {@code MON}…{@code SUN}, dates
 * as {@code yyyy-MM-dd}. Null days means every day; null {@code fallbackBulletinId} means no fallback.
 */
public record RelayDraft(String title, String url, Targets targets, List<Window> windows, List<String> days,
        String from, String until, Long fallbackBulletinId) {

    public RelayDraft(String title, String url, Targets targets, List<Window> windows, List<String> days, String from,
            String until) {
        this(title, url, targets, windows, days, from, until, null);
    }

    public record Window(String start, String end) {
    }
}
