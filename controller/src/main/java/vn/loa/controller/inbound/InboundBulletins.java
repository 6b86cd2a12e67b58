package vn.loa.controller.inbound;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.account.Account;
import vn.loa.controller.account.Scope;
import vn.loa.controller.approval.Approval;
import vn.loa.controller.approval.ApprovalKind;
import vn.loa.controller.approval.ApprovalPolicy;
import vn.loa.controller.approval.ApprovalRepository;
import vn.loa.controller.approval.ApprovalState;
import vn.loa.controller.area.AreaHistory;
import vn.loa.controller.area.AreaRepository;
import vn.loa.controller.area.AreaTree;
import vn.loa.controller.bulletin.BulletinRepository;
import vn.loa.controller.exchange.ExchangeRecord;
import vn.loa.controller.exchange.ExchangeWriter;
import vn.loa.controller.inbox.InboxRefused;
import vn.loa.controller.inbox.InboxService;
import vn.loa.controller.inbox.Level;
import vn.loa.controller.inbox.Source;
import vn.loa.controller.media.IngestedMedia;
import vn.loa.controller.media.MediaIngest;
import vn.loa.controller.media.MediaRejectedException;
import vn.loa.controller.rejection.Problem;
import vn.loa.controller.rejection.Rejection;
import vn.loa.controller.rejection.RejectionCode;

/**
 * Takes a bulletin the upstream system sent down (docs/integration.md#inbound-bulletins) into the same path as the
 * console's: its GSO codes resolved through the area history (codes of merged units still land) to communes inside
 * the sender's scope; its audio stored as a bulletin; NORMAL and PRIORITY into the communes' inboxes (TT 39, source
 * PROVINCE_SYSTEM), EMERGENCY on the air at once. Approval as on the console: a NORMAL or PRIORITY bulletin whose
 * sender's scope lies in an area requiring approval (or whose uploaded bulletin is still pending) is held until a
 * reviewer decides on its bulletin ({@link #reviewed}); an EMERGENCY never waits, as the console's announcements
 * never do. A receipt goes back through the exchange, and another at the decision; the same {@code ref} twice is
 * taken once.
 */
public final class InboundBulletins {
    private static final Logger log = LoggerFactory.getLogger(InboundBulletins.class);
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private final AreaRepository areas;
    private final BulletinRepository bulletins;
    private final MediaIngest ingest;
    private final AudioFetch audioFetch;
    private final InboxService inbox;
    private final EmergencyAnnouncer emergency;
    private final ExchangeWriter exchange;
    private final ApprovalRepository approvals;
    private final InboundHolds holds;
    private final Path tmpDir;
    private final Clock clock;

    public InboundBulletins(AreaRepository areas, BulletinRepository bulletins, MediaIngest ingest, AudioFetch audioFetch,
            InboxService inbox, EmergencyAnnouncer emergency, ExchangeWriter exchange, ApprovalRepository approvals,
            InboundHolds holds, Path tmpDir, Clock clock) {
        this.approvals = approvals;
        this.holds = holds;
        this.areas = areas;
        this.bulletins = bulletins;
        this.ingest = ingest;
        this.audioFetch = audioFetch;
        this.inbox = inbox;
        this.emergency = emergency;
        this.exchange = exchange;
        this.tmpDir = tmpDir;
        this.clock = clock;
    }

    /** What became of it; {@code duplicate} when this ref was taken before (nothing done again). */
    public record Taken(ExchangeRecord.InboundReceipt receipt, boolean duplicate, String storedBody) {
    }

    public static String key(String ref) {
        return "inbound:" + ref;
    }

    /** @throws Rejection for unknown codes, targets outside the sender's scope, audio that cannot be used */
    public Taken take(InboundBulletin b, Account sender) throws IOException, InterruptedException {
        var earlier = exchange.find(key(b.ref()));
        if (earlier.isPresent()) {
            return new Taken(null, true, earlier.get().body());
        }
        List<Long> communes = communes(b.gsoCodes(), sender);
        Long bulletinId = b.hasAudio() ? storeAudio(b, sender) : null;
        Long dispatchId = null;
        Long announcementId = null;
        Approval approval = bulletinId == null ? Approval.APPROVED
                : approvals.find(ApprovalKind.BULLETIN, bulletinId).map(ApprovalState::approval).orElse(Approval.APPROVED);
        if (approval == Approval.REJECTED) {
            throw new InboxRefused(List.of("bulletinId: bulletin " + bulletinId + " was rejected by a reviewer"));
        }
        if (approval == Approval.PENDING && b.level() != Level.EMERGENCY) {
            holds.hold(new InboundHolds.Held(b.ref(), bulletinId, b.level(), b.title(), b.proposedAt(), b.respondBy(),
                    b.window(), communes, sender.id()), clock.instant());
            log.info("inbound bulletin '{}' ({}) from {}: bulletin {} awaits approval, its dispatch is held", b.ref(),
                    b.level(), sender.username(), bulletinId);
        } else if (bulletinId != null) {
            InboxService.Sent sent = inbox.send(new InboxService.NewDispatch(b.title(), bulletinId, b.level(),
                    b.proposedAt(), b.respondBy(), b.window(), communes, Source.PROVINCE_SYSTEM, b.ref(), sender.id()),
                    new AreaTree(areas.findAll()));
            dispatchId = sent.dispatchId();
            announcementId = sent.announcementId();
        } else {
            announcementId = emergency.announce(b.title(), b.text(), b.language(), communes, sender.id());
        }
        var receipt = new ExchangeRecord.InboundReceipt(b.ref(), b.level().name(), sender.id(), communes, bulletinId,
                dispatchId, announcementId, approval.name());
        exchange.record(key(b.ref()), receipt);
        log.info("inbound bulletin '{}' ({}) from {} to communes {}: bulletin {}, dispatch {}, announcement {}", b.ref(),
                b.level(), sender.username(), communes, bulletinId, dispatchId, announcementId);
        return new Taken(receipt, false, null);
    }

    /**
     * A reviewer decided on a bulletin (an approval listener): the inbound dispatches held for it are sent (approved)
     * or dropped (rejected), each with a receipt {@code inbound:<ref>:<decision>} back through the exchange. A
     * dispatch that can no longer be sent (its proposed time or deadline passed while it waited) is refused, logged
     * and its receipt carries no dispatch.
     */
    public void reviewed(ApprovalKind kind, long id, Approval decision) {
        if (kind != ApprovalKind.BULLETIN) {
            return;
        }
        for (InboundHolds.Held h : holds.heldFor(id)) {
            decide(h, decision);
        }
    }

    /**
     * Finishes what a controller that stopped left undone (a leader job, {@link HeldDispatchSweep}): a dispatch still
     * held although its bulletin's review is stored (the stop came before the listener), and a dispatch claimed for
     * release before {@code claimedBefore} but never settled (the stop came before or after sending it). A dispatch
     * already sent for the ref is taken as the one (V29 lets only one exist), so each is sent exactly once.
     *
     * @return how many were finished
     */
    public int resume(java.time.Instant claimedBefore) {
        int done = 0;
        for (InboundHolds.Decided d : holds.decidedWhileHeld()) {
            log.info("inbound bulletin '{}': bulletin {} was {} while the controller stopped; acting on it now",
                    d.held().ref(), d.held().bulletinId(), d.decision());
            done += decide(d.held(), d.decision()) ? 1 : 0;
        }
        for (InboundHolds.Held h : holds.releasedUnsettled(claimedBefore)) {
            log.info("inbound bulletin '{}': bulletin {} approved, its dispatch was claimed but not settled; "
                    + "finishing it now", h.ref(), h.bulletinId());
            receipt(h, Approval.APPROVED, release(h));
            done++;
        }
        return done;
    }

    /** @return whether this node decided it (false when another did first) */
    private boolean decide(InboundHolds.Held h, Approval decision) {
        InboundHolds.State outcome = decision == Approval.APPROVED ? InboundHolds.State.RELEASED
                : InboundHolds.State.REJECTED;
        if (!holds.claim(h.ref(), outcome, clock.instant())) {
            return false; // decided meanwhile
        }
        Long dispatchId = null;
        if (decision == Approval.APPROVED) {
            dispatchId = release(h);
        } else {
            log.info("inbound bulletin '{}': bulletin {} rejected, its dispatch is dropped", h.ref(), h.bulletinId());
        }
        receipt(h, decision, dispatchId);
        return true;
    }

    /** Sends a claimed dispatch unless it was sent already, and settles its row; the dispatch id, or null if refused. */
    private Long release(InboundHolds.Held h) {
        var earlier = holds.dispatchOf(h.ref());
        if (earlier.isPresent()) {
            holds.settle(h.ref(), InboundHolds.State.RELEASED, earlier.get(), null);
            log.info("inbound bulletin '{}': its dispatch {} was sent already", h.ref(), earlier.get());
            return earlier.get();
        }
        try {
            long dispatchId = inbox.send(new InboxService.NewDispatch(h.title(), h.bulletinId(), h.level(),
                    h.proposedAt(), h.respondBy(), h.window(), h.communeIds(), Source.PROVINCE_SYSTEM, h.ref(),
                    h.sentBy()), new AreaTree(areas.findAll())).dispatchId();
            holds.settle(h.ref(), InboundHolds.State.RELEASED, dispatchId, null);
            log.info("inbound bulletin '{}': bulletin {} approved, dispatch {} sent", h.ref(), h.bulletinId(), dispatchId);
            return dispatchId;
        } catch (InboxRefused e) {
            holds.settle(h.ref(), InboundHolds.State.REFUSED, null, e.getMessage());
            log.warn("inbound bulletin '{}': bulletin {} approved, but its dispatch cannot be sent any more: {}",
                    h.ref(), h.bulletinId(), e.getMessage());
            return null;
        } catch (vn.loa.controller.storage.StorageException e) {
            // another node sent it in the meantime: the unique (source, source_ref) of V29 refused a second one
            long other = holds.dispatchOf(h.ref()).orElseThrow(() -> e);
            holds.settle(h.ref(), InboundHolds.State.RELEASED, other, null);
            log.info("inbound bulletin '{}': its dispatch {} was sent by another node", h.ref(), other);
            return other;
        }
    }

    private void receipt(InboundHolds.Held h, Approval decision, Long dispatchId) {
        exchange.record(key(h.ref()) + ":" + decision.name(), new ExchangeRecord.InboundReceipt(h.ref(),
                h.level().name(), h.sentBy(), h.communeIds(), h.bulletinId(), dispatchId, null, decision.name()));
    }

    /** The communes its codes name today, each inside the sender's scope. */
    private List<Long> communes(List<String> codes, Account sender) {
        AreaHistory history = areas.history();
        LocalDate today = LocalDate.now(clock.withZone(VIETNAM));
        AreaTree tree = history.treeAt(today);
        Scope scope = Scope.of(sender, tree);
        List<Problem> problems = new ArrayList<>();
        Set<Long> areaIds = new LinkedHashSet<>();
        List<String> outside = new ArrayList<>();
        for (int i = 0; i < codes.size(); i++) {
            Set<Long> resolved = history.resolveCode(codes.get(i), today);
            if (resolved.isEmpty()) {
                problems.add(RejectionCode.GSO_CODE_UNKNOWN.problem("gsoCodes[" + i + "]", codes.get(i)));
            }
            for (long id : resolved) {
                if (scope.containsArea(id)) {
                    areaIds.add(id);
                } else {
                    outside.add(codes.get(i));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new Rejection(problems);
        }
        if (!outside.isEmpty()) {
            throw RejectionCode.TARGETS_OUTSIDE_SCOPE.reject(String.join(", ", outside));
        }
        Set<Long> communes = TargetCommunes.of(tree, areaIds);
        if (communes.isEmpty()) {
            throw RejectionCode.TARGETS_REACH_NOTHING.reject();
        }
        return List.copyOf(communes);
    }

    private long storeAudio(InboundBulletin b, Account sender) throws IOException, InterruptedException {
        if (b.bulletinId() != null) {
            return bulletins.find(b.bulletinId()).map(vn.loa.controller.bulletin.Bulletin::id).orElseThrow(
                    () -> RejectionCode.NOT_FOUND.reject(vn.loa.controller.rejection.ObjectKind.BULLETIN, b.bulletinId()));
        }
        Files.createDirectories(tmpDir);
        Path file = Files.createTempFile(tmpDir, "inbound-", ".audio");
        try {
            audioFetch.fetch(b.audioUrl(), file);
            IngestedMedia media;
            try {
                media = ingest.ingest(file, "inbound-" + b.ref());
            } catch (MediaRejectedException e) {
                throw e.kind() == MediaRejectedException.Kind.TOO_LARGE ? RejectionCode.MEDIA_TOO_LARGE.reject(e.reason())
                        : RejectionCode.MEDIA_REJECTED.reject(e.reason());
            }
            long id = bulletins.create(b.title(), media.sha256(), media.sizeBytes(), media.durationMs(),
                    media.sampleRate(), "inbound-" + b.ref(), sender.id());
            bulletins.setLanguage(id, b.language());
            // as an upload on the console: its origin, and approval when the sender's scope requires it; an
            // emergency's audio never waits (the console's announcements never do)
            approvals.setOrigin(id, sender.scopeAreaId());
            if (b.level() != Level.EMERGENCY) {
                ApprovalPolicy.approvalArea(sender, new AreaTree(areas.findAll()), approvals.areasRequiringApproval())
                        .ifPresent(area -> approvals.requireApproval(ApprovalKind.BULLETIN, id, area));
            }
            return id;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
