package vn.loa.controller.command;

import java.time.Instant;

/** A remote command as stored: what was asked, of which station, by whom, and what came back. */
public record StationCommand(long id, long stationId, CommandType type, String paramsJson, CommandState state,
        String message, String resultJson, String requestedBy, Instant requestedAt, Instant deadlineAt,
        Instant updatedAt) {
}
