package vn.loa.agent.player;

import vn.loa.protocol.v1.BroadcastStatus;

/** Told what the player does with each announcement (sent to the controller as it happens). */
@FunctionalInterface
public interface BroadcastListener {
    void status(BroadcastStatus status);

    BroadcastListener NONE = s -> { };
}
