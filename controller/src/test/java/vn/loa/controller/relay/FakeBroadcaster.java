package vn.loa.controller.relay;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Records what a relay session does with its broadcasts. */
final class FakeBroadcaster implements Broadcaster {
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger packets = new AtomicInteger();
    final List<String> stops = new CopyOnWriteArrayList<>();
    final AtomicInteger ends = new AtomicInteger();

    @Override
    public OnAir open(Relay relay) {
        long id = opened.incrementAndGet();
        return new OnAir() {
            @Override
            public long id() {
                return id;
            }

            @Override
            public boolean packet(byte[] opus) {
                packets.incrementAndGet();
                return true;
            }

            @Override
            public void end() {
                ends.incrementAndGet();
            }

            @Override
            public void stop(String reason) {
                stops.add(reason);
            }
        };
    }
}
