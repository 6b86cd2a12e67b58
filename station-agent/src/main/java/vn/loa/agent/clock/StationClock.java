package vn.loa.agent.clock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.agent.store.AtomicFiles;
import vn.loa.protocol.clock.ClockSample;
import vn.loa.protocol.clock.OffsetFilter;

/**
 * The controller's clock as seen from this station: the local clock plus a filtered offset learnt
 * from NTP-style exchanges. After a restart of the agent alone (same boot) the last offset is still
 * valid and is restored from {@code clock.properties}; after a reboot the machine's own sources are
 * asked ({@link ClockRecovery}: an NTP-synchronised system clock, an RTC), and without any the time is
 * unknown until the controller answers.
 */
public final class StationClock extends Clock {
    private static final Logger log = LoggerFactory.getLogger(StationClock.class);
    private final Clock local;
    private final Path stateFile;
    private final Supplier<String> bootId;
    private final LocalTimeSources sources;
    private volatile ClockSource source = ClockSource.NONE;
    private final OffsetFilter filter = new OffsetFilter(32, 3);
    private final ReentrantLock lock = new ReentrantLock();
    private volatile long offsetUs;
    private volatile boolean synchronised;
    private volatile long rttUs = -1;
    private long samplesSincePersist;
    private ClockRecovery.Saved saved;

    public StationClock(Clock local, Path dataDir, Supplier<String> bootId) {
        this(local, dataDir, bootId, LocalTimeSources.linux());
    }

    public StationClock(Clock local, Path dataDir, Supplier<String> bootId, LocalTimeSources sources) {
        this.local = local;
        this.stateFile = dataDir.resolve("clock.properties");
        this.bootId = bootId;
        this.sources = sources;
    }

    /** The kernel's boot id, or "" when there is none. */
    public static String linuxBootId() {
        try {
            return Files.readString(Path.of("/proc/sys/kernel/random/boot_id"), StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Takes back the last offset when this is still the same boot of the machine; after a reboot, takes the
     * time from the machine's own sources when it has any ({@link ClockRecovery}).
     */
    public void restore() {
        ClockRecovery.Saved saved = null;
        if (Files.exists(stateFile)) {
            Properties p = new Properties();
            try (var in = Files.newInputStream(stateFile)) {
                p.load(in);
                saved = new ClockRecovery.Saved(p.getProperty("bootId", ""), Long.parseLong(p.getProperty("offsetUs")),
                        Long.parseLong(p.getProperty("savedAtMs", "0")),
                        Boolean.parseBoolean(p.getProperty("ntpSynchronised", "false")));
            } catch (IOException | RuntimeException e) {
                log.warn("ignoring unreadable clock state {}: {}", stateFile, e.toString());
            }
        }
        ClockRecovery.Recovery r = ClockRecovery.decide(saved, bootId.get(), local.millis(), sources.ntpSynchronised(),
                sources.rtcEpochSeconds());
        lock.lock();
        try {
            this.saved = saved;
            if (source == ClockSource.CONTROLLER) {
                return; // the controller answered first
            }
            if (source == ClockSource.GPS && r.source() == ClockSource.NONE) {
                return; // GPS answered first
            }
            source = r.source();
            offsetUs = r.offsetUs();
            synchronised = r.source() != ClockSource.NONE;
        } finally {
            lock.unlock();
        }
        switch (r.source()) {
            case RESTORED -> log.info("clock restored from the last run: offset {} us", r.offsetUs());
            case NTP -> log.info("clock from the NTP-synchronised system clock (the machine rebooted), offset {} us "
                    + "kept from the last run until the controller answers", r.offsetUs());
            case RTC -> log.info("clock from the real-time clock {} (the machine rebooted), offset {} us until the "
                    + "controller answers", sources.rtcSinceEpoch(), r.offsetUs());
            case NONE, CONTROLLER, GPS -> log.info("clock unknown until the controller answers{} (machine rebooted, "
                    + "no NTP synchronisation, no RTC): scheduled items wait",
                    sources.gpsd() == null ? "" : " or gpsd at " + sources.gpsd() + " has a fix");
        }
    }

    /**
     * A GPS reading from gpsd: GPS time minus the system clock. Taken ({@link ClockRecovery}) while the time is
     * unknown or already from GPS, i.e. after a reboot with no controller, no NTP and no RTC; ignored otherwise.
     * Called on gpsd's thread.
     */
    public void gpsReading(long gpsOffsetUs) {
        ClockRecovery.Recovery r;
        boolean first;
        lock.lock();
        try {
            if (source != ClockSource.NONE && source != ClockSource.GPS) {
                return;
            }
            r = ClockRecovery.decide(saved, bootId.get(), local.millis(), sources.ntpSynchronised(),
                    sources.rtcEpochSeconds(), java.util.OptionalLong.of(gpsOffsetUs));
            if (r.source() != ClockSource.GPS) {
                return;
            }
            first = source != ClockSource.GPS;
            source = ClockSource.GPS;
            offsetUs = r.offsetUs();
            synchronised = true;
        } finally {
            lock.unlock();
        }
        if (first) {
            log.info("clock from GPS (gpsd; the machine rebooted, no NTP, no RTC): offset {} us until the controller "
                    + "answers", r.offsetUs());
        }
    }

    /** Where the time comes from now. */
    public ClockSource source() {
        return source;
    }

    /** Local clock, microseconds since the epoch (t0 and t3 of an exchange). */
    public long localMicros() {
        Instant now = local.instant();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    /** Called on the agent's virtual I/O thread, which may also persist the offset: a lock, not synchronized. */
    public void addSample(long t0, long t1, long t2, long t3) {
        lock.lock();
        try {
            add(ClockSample.of(t0, t1, t2, t3));
        } finally {
            lock.unlock();
        }
    }

    private void add(ClockSample sample) {
        filter.add(sample);
        OptionalLong filtered = filter.offsetUs();
        rttUs = filter.rttUs().orElse(-1);
        if (filtered.isPresent()) {
            boolean first = source != ClockSource.CONTROLLER;
            long previous = offsetUs;
            offsetUs = filtered.getAsLong();
            synchronised = true;
            source = ClockSource.CONTROLLER;
            if (first || Math.abs(previous - offsetUs) > 50_000) {
                log.info("clock synchronised: offset {} us, rtt {} us", offsetUs, rttUs);
                persist();
            } else if (++samplesSincePersist >= 16) {
                persist();
            }
        }
    }

    private void persist() {
        samplesSincePersist = 0;
        Properties p = new Properties();
        p.setProperty("bootId", bootId.get());
        p.setProperty("offsetUs", Long.toString(offsetUs));
        p.setProperty("savedAtMs", Long.toString(local.millis()));
        p.setProperty("ntpSynchronised", Boolean.toString(sources.ntpSynchronised()));
        try {
            var out = new java.io.ByteArrayOutputStream();
            p.store(out, "controller clock offset");
            AtomicFiles.write(stateFile, out.toByteArray());
        } catch (IOException e) {
            log.warn("cannot save the clock state: {}", e.getMessage());
        }
    }

    public boolean isSynchronised() {
        return synchronised;
    }

    public long offsetUs() {
        return offsetUs;
    }

    public long rttUs() {
        return rttUs;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the station clock is UTC");
    }

    @Override
    public Instant instant() {
        return local.instant().plusNanos(offsetUs * 1_000);
    }

    @Override
    public long millis() {
        return instant().toEpochMilli();
    }
}
