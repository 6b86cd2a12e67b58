package vn.loa.agent.command;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * The agent's recent log lines, kept in memory for a technician to fetch remotely. Several agents
 * may share one process (the demo), so a line naming another station is left out; lines naming no
 * station (the process's own) are kept.
 */
public final class RecentLog extends AppenderBase<ILoggingEvent> {
    private static final Pattern STATION = Pattern.compile("\\bstation (\\d+)\\b");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    public static final int CAPACITY = 1000;

    private final long stationId;
    private final Deque<String> lines = new ArrayDeque<>();

    RecentLog(long stationId) {
        this.stationId = stationId;
        setName("loa-recent-log-" + stationId);
    }

    /** Attaches to the root logger when logging goes to logback; empty otherwise. */
    public static Optional<RecentLog> attach(long stationId) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return Optional.empty();
        }
        RecentLog log = new RecentLog(stationId);
        log.setContext(context);
        log.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(log);
        return Optional.of(log);
    }

    public void detach() {
        if (getContext() instanceof LoggerContext context) {
            Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
            root.detachAppender(this);
        }
        stop();
    }

    @Override
    protected void append(ILoggingEvent e) {
        String msg = e.getFormattedMessage();
        if (!concernsThisStation(msg)) {
            return;
        }
        StringBuilder line = new StringBuilder(TIME.format(Instant.ofEpochMilli(e.getTimeStamp()))).append(' ')
                .append(e.getLevel()).append(' ').append(shortName(e.getLoggerName())).append(" - ").append(msg);
        IThrowableProxy t = e.getThrowableProxy();
        if (t != null) {
            line.append(" [").append(t.getClassName()).append(": ").append(t.getMessage()).append(']');
        }
        synchronized (lines) {
            lines.addLast(line.toString());
            while (lines.size() > CAPACITY) {
                lines.removeFirst();
            }
        }
    }

    boolean concernsThisStation(String msg) {
        if (msg == null) {
            return false;
        }
        Matcher m = STATION.matcher(msg);
        boolean named = false;
        while (m.find()) {
            named = true;
            if (m.group(1).equals(Long.toString(stationId))) {
                return true;
            }
        }
        return !named;
    }

    private static String shortName(String logger) {
        int dot = logger.lastIndexOf('.');
        return dot < 0 ? logger : logger.substring(dot + 1);
    }

    /** The last {@code max} lines, oldest first. */
    public List<String> last(int max) {
        synchronized (lines) {
            List<String> all = new ArrayList<>(lines);
            return List.copyOf(all.subList(Math.max(0, all.size() - max), all.size()));
        }
    }
}
