package vn.loa.agent.player;

import java.io.IOException;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.agent.store.PlayJournal;
import vn.loa.protocol.v1.BroadcastStart;
import vn.loa.protocol.v1.PlanItem;
import vn.loa.protocol.v1.PlayReport;

/** Builds play reports and hands them to the durable sink; a plan item's report is then journalled. */
final class Reporter {
    private static final Logger log = LoggerFactory.getLogger(Reporter.class);

    private final long stationId;
    private final ReportSink sink;
    private final PlayJournal journal;

    Reporter(long stationId, ReportSink sink, PlayJournal journal) {
        this.stationId = stationId;
        this.sink = sink;
        this.journal = journal;
    }

    static PlayReport.Builder of(PlanItem item) {
        return PlayReport.newBuilder().setReportId(UUID.randomUUID().toString()).setItemId(item.getItemId())
                .setScheduleId(item.getScheduleId()).setBulletinId(item.getBulletinId())
                .addAllZoneIds(item.getZoneIdsList()).setPlannedAtMs(item.getPlannedAtMs())
                .setPriority(item.getPriority());
    }

    static PlayReport.Builder of(BroadcastStart start) {
        return PlayReport.newBuilder().setReportId(UUID.randomUUID().toString())
                .setItemId("b" + start.getBroadcastId()).setBroadcastId(start.getBroadcastId())
                .addAllZoneIds(start.getZoneIdsList()).setPlannedAtMs(start.getStartAtMs())
                .setPriority(start.getPriority());
    }

    /** A report of what a play sequence did, with this reason. */
    static PlayReport played(PlayReport.Builder report, PlaySequence.Result r, String reason) {
        report.setOutcome(Reasons.outcome(r.ending())).setReason(reason).setStartedAtMs(r.startedAtMs())
                .setEndedAtMs(r.endedAtMs());
        if (r.started()) {
            report.setPeakDbfs(r.peakDbfs()).setRmsDbfs(r.rmsDbfs());
        }
        return report.build();
    }

    /** Stores the report durably; a plan item's is then journalled as reported. */
    void report(PlayReport report) {
        if (!sink.report(report)) {
            // left unreported in the journal: after a restart it is reported as interrupted
            return;
        }
        if (report.getBroadcastId() != 0) {
            return;
        }
        try {
            journal.markReported(report.getItemId());
        } catch (IOException e) {
            log.error("station {} item {}: cannot journal the report: {}", stationId, report.getItemId(),
                    e.getMessage());
        }
    }
}
