package vn.loa.controller.station;

/** A loudspeaker cluster of a station, serving a village. */
public record Zone(long id, long stationId, String name, Long areaId) {
}
