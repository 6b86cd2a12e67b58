package vn.loa.controller.cap;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The parts of a CAP 1.2 alert (OASIS CAP 1.2 §3.2) that Loa acts on, as parsed from a schema-valid document.
 * {@code sender} is recorded but never trusted: trust comes from the authenticated caller.
 */
public record CapAlert(String identifier, String sender, Instant sent, Status status, MsgType msgType,
        String references, List<Info> infos) {

    public enum Status { Actual, Exercise, System, Test, Draft }

    public enum MsgType { Alert, Update, Cancel, Ack, Error }

    public CapAlert {
        infos = List.copyOf(infos);
    }

    /** One {@code <info>}: one language's text, the three values the priority comes from, the areas. */
    public record Info(String language, String event, String urgency, String severity, String certainty,
            Instant expires, String headline, String description, String instruction, List<Resource> resources,
            List<Area> areas) {
        public Info {
            resources = List.copyOf(resources);
            areas = List.copyOf(areas);
        }
    }

    /**
     * A {@code <resource>}: only {@code audio/*} ones are used. {@code digest}: the hex hash of the file the alert
     * gives (SHA-1 in CAP 1.2; a SHA-256 is accepted too), null when it gives none.
     */
    public record Resource(String description, String mimeType, java.net.URI uri, String digest) {
        public boolean isAudio() {
            return mimeType != null && mimeType.startsWith("audio/") && uri != null;
        }
    }

    /** An {@code <area>}: its shapes and its geocodes ({@code valueName}, {@code value}). */
    public record Area(String description, CapArea shapes, List<Geocode> geocodes) {
        public Area {
            geocodes = List.copyOf(geocodes);
        }
    }

    public record Geocode(String valueName, String value) {
    }

    /** The earliest {@code expires} of its infos, if any says one. */
    public Optional<Instant> expires() {
        return infos.stream().map(Info::expires).filter(java.util.Objects::nonNull).min(Instant::compareTo);
    }

    /**
     * The identifiers this alert refers to (CAP {@code references}: space-separated {@code sender,identifier,sent}
     * triples); an Update or Cancel names the alerts it changes this way.
     */
    public List<String> referencedIdentifiers() {
        if (references == null || references.isBlank()) {
            return List.of();
        }
        return java.util.Arrays.stream(references.trim().split("\\s+")).map(t -> t.split(","))
                .filter(p -> p.length == 3).map(p -> p[1]).toList();
    }
}
