package vn.loa.agent.store;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.protocol.v1.PlayReport;

/**
 * Play reports waiting for the controller's acknowledgement, one file each
 * ({@code outbox/<report id>.pb}, written atomically), deleted only when acknowledged. A report is
 * never dropped; the controller stores each report id once, so sending one twice is harmless.
 */
public final class Outbox {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final Path dir;

    public Outbox(Path dataDir) throws IOException {
        this.dir = dataDir.resolve("outbox");
        Files.createDirectories(dir);
    }

    public void add(PlayReport report) throws IOException {
        AtomicFiles.write(fileOf(report.getReportId()), report.toByteArray());
    }

    /** Pending reports, oldest planned first. Unreadable files are kept aside, not deleted. */
    public List<PlayReport> pending() throws IOException {
        List<PlayReport> reports = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.pb")) {
            for (Path f : files) {
                try {
                    reports.add(PlayReport.parseFrom(Files.readAllBytes(f)));
                } catch (NoSuchFileException e) {
                    // acknowledged meanwhile
                } catch (IOException e) {
                    Path aside = f.resolveSibling(f.getFileName() + ".corrupt");
                    log.error("outbox file {} is unreadable ({}); moved to {}", f, e.getMessage(), aside);
                    Files.move(f, aside);
                }
            }
        }
        reports.sort(Comparator.comparingLong(PlayReport::getPlannedAtMs).thenComparing(PlayReport::getReportId));
        return reports;
    }

    public int size() {
        try (var files = Files.list(dir)) {
            return (int) files.filter(p -> p.toString().endsWith(".pb")).count();
        } catch (IOException e) {
            return -1;
        }
    }

    public void acknowledge(String reportId) throws IOException {
        if (SAFE_ID.matcher(reportId).matches()) {
            Files.deleteIfExists(fileOf(reportId));
        } else {
            log.warn("ignoring an acknowledgement for a malformed report id {}", reportId);
        }
    }

    private Path fileOf(String reportId) {
        if (!SAFE_ID.matcher(reportId).matches()) {
            throw new IllegalArgumentException("malformed report id " + reportId);
        }
        return dir.resolve(reportId + ".pb");
    }
}
