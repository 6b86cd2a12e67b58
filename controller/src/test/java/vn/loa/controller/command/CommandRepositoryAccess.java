package vn.loa.controller.command;

import java.time.Instant;

/** For tests in other packages: a command's move on, as the leader's command service writes it. */
public final class CommandRepositoryAccess {
    private CommandRepositoryAccess() {
    }

    public static boolean update(CommandRepository commands, long id, CommandState state, String message, Instant at) {
        return commands.update(id, state, message, null, at);
    }
}
