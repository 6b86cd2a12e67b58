package vn.loa.controller.cap;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Decides what a parsed CAP alert does, pure (docs/integration.md#cap-12-alerts): only {@code Actual} alerts of
 * type Alert, Update or Cancel air; the {@code info} in the controller's language is used (else the first); its
 * severity/urgency/certainty give the priority through the table; its areas pick the stations; an audio
 * {@code resource} is played, else its text is spoken; an expired alert airs nothing; an untrusted caller's
 * alert waits for approval. The {@code sender} element plays no part.
 */
public final class CapPlanner {
    private final CapPriorityTable priorities;
    private final String language;

    /** @param language the language announcements are spoken in, e.g. {@code vi} (a primary subtag is enough) */
    public CapPlanner(CapPriorityTable priorities, String language) {
        this.priorities = priorities;
        this.language = primary(language);
    }

    public CapDecision decide(CapAlert alert, boolean trusted, List<CapTargeting.StationPlace> stations, GsoAreas gso,
            Instant now) {
        String id = alert.identifier();
        if (alert.status() != CapAlert.Status.Actual) {
            return new CapDecision.NotBroadcast(id, CapDecision.Reason.NOT_ACTUAL, "status " + alert.status());
        }
        List<String> referenced = alert.referencedIdentifiers();
        switch (alert.msgType()) {
            case Ack, Error -> {
                return new CapDecision.NotBroadcast(id, CapDecision.Reason.NOT_AN_ALERT, "msgType " + alert.msgType());
            }
            case Cancel -> {
                return referenced.isEmpty()
                        ? new CapDecision.NotBroadcast(id, CapDecision.Reason.NO_REFERENCE, "a Cancel without references")
                        : new CapDecision.Stop(id, referenced, !trusted);
            }
            case Update -> {
                if (referenced.isEmpty()) {
                    return new CapDecision.NotBroadcast(id, CapDecision.Reason.NO_REFERENCE, "an Update without references");
                }
            }
            case Alert -> {
            }
        }
        Optional<CapAlert.Info> chosen = choose(alert.infos());
        if (chosen.isEmpty()) {
            return new CapDecision.NotBroadcast(id, CapDecision.Reason.NOTHING_TO_SAY, "no info");
        }
        CapAlert.Info info = chosen.get();
        if (info.expires() != null && !info.expires().isAfter(now)) {
            return new CapDecision.NotBroadcast(id, CapDecision.Reason.EXPIRED, "expired at " + info.expires());
        }
        Optional<CapDecision.Content> content = content(info);
        if (content.isEmpty()) {
            return new CapDecision.NotBroadcast(id, CapDecision.Reason.NOTHING_TO_SAY,
                    "no audio resource, headline, description or instruction");
        }
        Set<Long> inside = CapTargeting.stationsInside(info.areas(), stations, gso, now);
        if (inside.isEmpty()) {
            return new CapDecision.NotBroadcast(id, CapDecision.Reason.NO_STATION_INSIDE,
                    "areas " + info.areas().stream().map(CapAlert.Area::description).toList());
        }
        String title = Stream.of(info.headline(), info.event()).filter(s -> s != null && !s.isBlank()).findFirst()
                .orElse(id);
        return new CapDecision.Broadcast(id, "CAP: " + title,
                priorities.priorityOf(info.severity(), info.urgency(), info.certainty()), inside, content.get(),
                info.expires(), alert.msgType() == CapAlert.MsgType.Update ? referenced : List.of(), !trusted);
    }

    /** The info in our language, else the first. */
    private Optional<CapAlert.Info> choose(List<CapAlert.Info> infos) {
        return infos.stream().filter(i -> primary(i.language()).equals(language)).findFirst()
                .or(() -> infos.stream().findFirst());
    }

    private static Optional<CapDecision.Content> content(CapAlert.Info info) {
        String text = Stream.of(info.headline(), info.description(), info.instruction())
                .filter(s -> s != null && !s.isBlank()).map(s -> s.replaceAll("\\s+", " ").strip())
                .map(s -> s.endsWith(".") ? s : s + ".").collect(Collectors.joining(" "));
        CapDecision.Speech speech = text.isEmpty() ? null : new CapDecision.Speech(text, primary(info.language()));
        for (CapAlert.Resource r : info.resources()) {
            if (r.isAudio()) {
                return Optional.of(new CapDecision.Audio(r.uri(), r.mimeType(), r.digest(), speech));
            }
        }
        return Optional.ofNullable(speech);
    }

    static String primary(String tag) {
        return tag == null ? "en" : tag.split("-")[0].toLowerCase(Locale.ROOT);
    }
}
