package vn.loa.controller.command;

import java.util.Map;
import vn.loa.protocol.v1.Command;

/**
 * A command request from the API, checked against the station ({@link CommandRequestParser}): the wire command,
 * the parameters as stored, and how long to wait for the answer.
 */
public record CommandRequest(CommandType type, Command.Builder command, Map<String, Object> params, long timeoutSeconds) {
}
