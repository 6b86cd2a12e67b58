package vn.loa.controller.announcement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vn.loa.controller.announcement.AnnouncementWindow.Join;
import vn.loa.protocol.v1.BroadcastStart;

/** When an announcement is finished, and what a station that connects while it runs does: table-driven. */
@Timeout(10)
class AnnouncementWindowTest {
    private static final long START = 100_000;
    /** 30 s of audio + the 5 s margin. */
    private static final long PLAY = 35_000;
    /** The first instant the window is over. */
    private static final long OVER = START + PLAY + AnnouncementWindow.GIVE_UP_AFTER_END_MS + 1;

    private static TargetState at(StationState s) {
        return TargetState.initial(s).startingAt(START);
    }

    private static TargetState lost(boolean hadStarted) {
        return at(StationState.PLAYING).reported(StationState.PLAYING, hadStarted ? START : 0, "", 0)
                .failed(TargetState.LINK_LOST, START + 5_000);
    }

    private static TargetState lostBeforePlaying() {
        return at(StationState.RECEIVING).failed(TargetState.LINK_LOST, START - 100);
    }

    private static TargetState joinedLate() {
        return at(StationState.OFFLINE).joining(START + 20_000);
    }

    @Test
    void playLength() {
        BroadcastStart recorded = BroadcastStart.newBuilder().setSampleRate(24_000).setTotalSamples(24_000 * 30L)
                .setRepeat(2).build();
        assertThat(AnnouncementWindow.playMs(recorded, 1_500, 20)).isEqualTo(65_000);
        assertThat(AnnouncementWindow.playMs(recorded.toBuilder().setRepeat(0).build(), 0, 20)).isEqualTo(35_000);
        BroadcastStart live = BroadcastStart.newBuilder().setLive(true).setSampleRate(24_000).build();
        assertThat(AnnouncementWindow.playMs(live, 500, 20)).as("what a live one has had so far").isEqualTo(15_000);
    }

    record Finish(String why, List<TargetState> targets, boolean ended, long nowMs, boolean finished) {
    }

    @Test
    void whenAnAnnouncementIsFinished() {
        TargetState done = at(StationState.DONE);
        TargetState failed = at(StationState.FAILED).failed("DEVICE_FAULT", START + 1_000);
        TargetState playing = at(StationState.PLAYING);
        TargetState offline = at(StationState.OFFLINE);
        for (Finish c : List.of(
                new Finish("every station done", List.of(done, done), true, START + 1, true),
                new Finish("done or failed by the station", List.of(done, failed), true, START + 1, true),
                new Finish("one still playing", List.of(done, playing), true, START + 40_000, false),
                new Finish("an offline station may still join", List.of(done, offline), true, OVER - 1, false),
                new Finish("... until the window is over", List.of(done, offline), true, OVER, true),
                new Finish("a lost link may still come back", List.of(done, lost(true)), true, OVER - 1, false),
                new Finish("... until the window is over", List.of(done, lost(true)), true, OVER, true),
                new Finish("no report by the end of the window", List.of(done, playing), true, OVER, true),
                new Finish("a live one that has not ended is never over", List.of(done, offline), false, OVER * 10,
                        false),
                new Finish("a late joiner is waited for past the common window", List.of(playing, joinedLate()), true,
                        OVER, false),
                new Finish("... unless it has reported", List.of(done, joinedLate().reported(StationState.DONE, OVER, "",
                        0)), true, OVER, true))) {
            assertThat(AnnouncementWindow.finished(c.targets(), c.ended(), c.nowMs(), START, PLAY)).as(c.why())
                    .isEqualTo(c.finished());
        }
    }

    record Connects(String why, TargetState target, boolean foundLost, boolean opened, boolean stopped, boolean live,
            long nowMs, long stationLeadMs, Join expected) {
    }

    @Test
    void whatAStationThatConnectsWhileItRunsDoes() {
        Join none = new Join.None();
        for (Connects c : List.of(
                new Connects("offline at the open: starts at the common start", at(StationState.OFFLINE), false, true,
                        false, false, START - 5_000, 0, new Join.StartAt(START)),
                new Connects("offline, after the start: its own lead", at(StationState.OFFLINE), false, true, false,
                        false, START + 10_000, 0, new Join.StartAt(START + 10_800)),
                new Connects("its own warm-up", at(StationState.OFFLINE), false, true, false, false, START + 10_000,
                        1_600, new Join.StartAt(START + 11_900)),
                new Connects("pending (its start never arrived)", at(StationState.PENDING), false, true, false, false,
                        START + 10_000, 0, new Join.StartAt(START + 10_800)),
                new Connects("receiving", at(StationState.RECEIVING), false, true, false, false, START + 10_000, 0,
                        new Join.StartAt(START + 10_800)),
                new Connects("lost while playing: plays on", lost(true), false, true, false, false, START + 10_000, 0,
                        new Join.Resume()),
                new Connects("lost before it played: starts again", lostBeforePlaying(), false, true, false, false,
                        START + 10_000, 0, new Join.StartAt(START + 10_800)),
                new Connects("its old link is found lost now, while playing", at(StationState.PLAYING)
                        .reported(StationState.PLAYING, START, "", 0), true, true, false, false, START + 10_000, 0,
                        new Join.Resume()),
                new Connects("playing on a link still open: nothing", at(StationState.PLAYING), false, true, false,
                        false, START + 10_000, 0, none),
                new Connects("done: nothing", at(StationState.DONE), false, true, false, false, START + 10_000, 0, none),
                new Connects("failed by the station: nothing", at(StationState.FAILED), false, true, false, false,
                        START + 10_000, 0, none),
                new Connects("stopped: nothing", at(StationState.OFFLINE), false, true, true, false, START + 10_000, 0,
                        none),
                new Connects("a live one not opened yet: nothing", at(StationState.OFFLINE), false, false, false, true,
                        START + 10_000, 0, none),
                new Connects("a recorded one past its window: nothing", at(StationState.OFFLINE), false, true, false,
                        false, OVER, 0, none),
                new Connects("a live one has no window", at(StationState.OFFLINE), false, true, false, true, OVER, 0,
                        new Join.StartAt(OVER + 800)))) {
            assertThat(AnnouncementWindow.join(c.target(), c.foundLost(), c.opened(), c.stopped(), c.live(), true,
                    c.nowMs(), START, PLAY, AnnouncementService.DEFAULT_LEAD_MS, c.stationLeadMs())).as(c.why())
                    .isEqualTo(c.expected());
        }
    }

    @Test
    void aStationStateFollowsItsReports() {
        TargetState t = at(StationState.PENDING).reported(StationState.RECEIVING, START - 500, "", 0);
        assertThat(t.state()).isEqualTo(StationState.RECEIVING);
        t = t.reported(StationState.PLAYING, START + 3, "", 0);
        assertThat(t.startedAtMs()).isEqualTo(START + 3);
        t = t.reported(StationState.DONE, START + 30_000, "UNDERRUN", 2);
        assertThat(t).isEqualTo(new TargetState(StationState.DONE, START, START + 3, START + 30_000, "UNDERRUN", 2, 0));
        TargetState again = t.joining(START + 40_000);
        assertThat(again.attempt()).isEqualTo(1);
        assertThat(again.reason()).isEqualTo(TargetState.JOINED_LATE);
        assertThat(again.endedAtMs()).isZero();
        assertThat(lost(true).resumed()).satisfies(r -> {
            assertThat(r.state()).isEqualTo(StationState.PLAYING);
            assertThat(r.startedAtMs()).isEqualTo(START);
            assertThat(r.attempt()).isEqualTo(1);
            assertThat(r.linkLost()).isFalse();
        });
    }
}
