package vn.loa.controller.cap;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import vn.loa.protocol.v1.Priority;

/** What to do with one CAP alert ({@link CapPlanner}). Every variant keeps the alert's {@code identifier}. */
public sealed interface CapDecision {
    String identifier();

    /** What the stations play. */
    sealed interface Content {
    }

    /** {@code headline}, {@code description} and {@code instruction} spoken by text-to-speech in {@code language}. */
    record Speech(String text, String language) implements Content {
    }

    /**
     * A {@code resource} of type {@code audio/*}, played when it can be fetched and decoded; {@code digest} the hash
     * the alert gives for it (null: none); {@code orElse} the info's text, spoken instead when the resource cannot be
     * used (null when the info has no text).
     */
    record Audio(URI uri, String mimeType, String digest, Speech orElse) implements Content {
    }

    /**
     * Announce to {@code stationIds}. An Update first stops the announcements of the alerts it {@code replaces}.
     * {@code needsApproval}: the caller is not trusted, so a reviewer must approve before anything airs.
     */
    record Broadcast(String identifier, String title, Priority priority, Set<Long> stationIds, Content content,
            Instant expires, List<String> replaces, boolean needsApproval) implements CapDecision {
        public Broadcast {
            stationIds = Set.copyOf(stationIds);
            replaces = List.copyOf(replaces);
        }
    }

    /** A Cancel: stop the announcements of the alerts it references (after approval when not trusted). */
    record Stop(String identifier, List<String> stops, boolean needsApproval) implements CapDecision {
        public Stop {
            stops = List.copyOf(stops);
        }
    }

    /** Taken and stored, but nothing airs, for {@code reason}. */
    record NotBroadcast(String identifier, Reason reason, String detail) implements CapDecision {
    }

    enum Reason {
        /** status Exercise, System, Test or Draft: only Actual alerts air. */
        NOT_ACTUAL,
        /** msgType Ack or Error. */
        NOT_AN_ALERT,
        /** its {@code expires} has passed. */
        EXPIRED,
        /** no {@code info}, or one with nothing to say (no audio resource, headline, description or instruction). */
        NOTHING_TO_SAY,
        /** none of the stations is inside its areas. */
        NO_STATION_INSIDE,
        /** an Update or Cancel that references no alert. */
        NO_REFERENCE
    }
}
