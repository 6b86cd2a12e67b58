package vn.loa.controller.relay;

/** Where a relay's audio goes: a live RELAY broadcast to the relay's targets. */
public interface Broadcaster {

    /** Opens a live broadcast for this relay; fails when it cannot be opened (e.g. its targets no longer exist). */
    OnAir open(Relay relay) throws Exception;

    /** One open broadcast. */
    interface OnAir {
        long id();

        /** Feeds one 20 ms Opus packet; false when the broadcast was stopped from elsewhere. */
        boolean packet(byte[] opus);

        /** No more audio: the stations play out what they have and finish. */
        void end();

        /** Cuts the broadcast off everywhere now. */
        void stop(String reason);
    }
}
