package vn.loa.controller.alarm;

/** One alarm condition at a station: its kind and what it concerns ("" for the station, a zone id for a zone). */
public record AlarmKey(AlarmKind kind, String subject) {
    public static AlarmKey of(AlarmKind kind) {
        return new AlarmKey(kind, "");
    }

    public static AlarmKey zone(long zoneId) {
        return new AlarmKey(AlarmKind.ZONE_FAILED, Long.toString(zoneId));
    }

    /** A device of the station (a relay board), by the stable name the agent gives it. */
    public static AlarmKey device(String device) {
        return new AlarmKey(AlarmKind.DEVICE_FAULT, device);
    }

    /** A relay's upstream alarm; it is the controller's, kept under station 0. */
    public static AlarmKey relay(long relayId) {
        return new AlarmKey(AlarmKind.RELAY_UPSTREAM_DOWN, Long.toString(relayId));
    }
}
