package vn.loa.bench;

import java.util.List;
import java.util.Locale;

/**
 * What {@code slow-clients} measured: the controller's resident memory idle, at its peak and at the end while the
 * slow clients held on; how a normal client fared meanwhile; how many slow clients the controller cut off.
 *
 * @param clients         slow clients opened, of each kind
 * @param heldSeconds     how long they were held
 * @param idleRssKb       VmRSS before the first slow client
 * @param peakRssKb       the highest VmRSS sampled while they were held
 * @param endRssKb        VmRSS at the end of the hold
 * @param healthOk        normal requests answered 200 while they were held
 * @param healthFailed    normal requests that failed or were refused
 * @param healthMaxMs     the slowest answered normal request
 * @param cutOff          slow clients whose connection the controller closed before the end of the hold
 */
record SlowClientsReport(List<Kind> clients, int heldSeconds, long idleRssKb, long peakRssKb, long endRssKb,
        int healthOk, int healthFailed, long healthMaxMs, int cutOff) {

    /** One kind of slow client and how many were opened. */
    record Kind(String name, int count) {
    }

    int totalClients() {
        return clients.stream().mapToInt(Kind::count).sum();
    }

    /** Peak RSS above idle, MB. */
    double growthMb() {
        return (peakRssKb - idleRssKb) / 1024.0;
    }

    String format() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "slow clients: %d (%s), held %d s%n", totalClients(),
                String.join(", ", clients.stream().map(k -> k.count() + " " + k.name()).toList()), heldSeconds));
        b.append(String.format(Locale.ROOT, "controller RSS: idle %.1f MB, peak %.1f MB (+%.1f MB), end %.1f MB%n",
                idleRssKb / 1024.0, peakRssKb / 1024.0, growthMb(), endRssKb / 1024.0));
        b.append(String.format(Locale.ROOT, "normal client meanwhile: %d answered, %d failed, slowest %d ms%n",
                healthOk, healthFailed, healthMaxMs));
        b.append(String.format(Locale.ROOT, "slow clients cut off by the controller before the end: %d of %d%n",
                cutOff, totalClients()));
        return b.toString();
    }
}
