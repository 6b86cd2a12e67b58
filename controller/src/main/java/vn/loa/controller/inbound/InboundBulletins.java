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
import vn.loa.controller.area.AreaHistory;
import vn.loa.controller.area.AreaRepository;
import vn.loa.controller.area.AreaTree;
import vn.loa.controller.bulletin.BulletinRepository;
import vn.loa.controller.exchange.ExchangeRecord;
import vn.loa.controller.exchange.ExchangeWriter;
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
 * PROVINCE_SYSTEM), EMERGENCY on the air at once. A receipt goes back through the exchange; the same {@code ref}
 * twice is taken once.
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
    private final Path tmpDir;
    private final Clock clock;

    public InboundBulletins(AreaRepository areas, BulletinRepository bulletins, MediaIngest ingest, AudioFetch audioFetch,
            InboxService inbox, EmergencyAnnouncer emergency, ExchangeWriter exchange, Path tmpDir, Clock clock) {
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
        Long announcementId;
        if (bulletinId != null) {
            InboxService.Sent sent = inbox.send(new InboxService.NewDispatch(b.title(), bulletinId, b.level(),
                    b.proposedAt(), b.respondBy(), b.window(), communes, Source.PROVINCE_SYSTEM, b.ref(), sender.id()),
                    new AreaTree(areas.findAll()));
            dispatchId = sent.dispatchId();
            announcementId = sent.announcementId();
        } else {
            announcementId = emergency.announce(b.title(), b.text(), b.language(), communes, sender.id());
        }
        var receipt = new ExchangeRecord.InboundReceipt(b.ref(), b.level().name(), sender.id(), communes, bulletinId,
                dispatchId, announcementId);
        exchange.record(key(b.ref()), receipt);
        log.info("inbound bulletin '{}' ({}) from {} to communes {}: bulletin {}, dispatch {}, announcement {}", b.ref(),
                b.level(), sender.username(), communes, bulletinId, dispatchId, announcementId);
        return new Taken(receipt, false, null);
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
            return id;
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
