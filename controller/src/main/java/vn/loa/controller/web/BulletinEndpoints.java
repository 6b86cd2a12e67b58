package vn.loa.controller.web;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.multipart.Attribute;
import io.netty.handler.codec.http.multipart.DefaultHttpDataFactory;
import io.netty.handler.codec.http.multipart.FileUpload;
import io.netty.handler.codec.http.multipart.HttpPostRequestDecoder;
import io.netty.handler.codec.http.multipart.InterfaceHttpData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.approval.Approval;
import vn.loa.controller.approval.ApprovalKind;
import vn.loa.controller.approval.ApprovalPolicy;
import vn.loa.controller.approval.ApprovalRepository;
import vn.loa.controller.bulletin.Bulletin;
import vn.loa.controller.bulletin.BulletinRepository;
import vn.loa.controller.media.IngestedMedia;
import vn.loa.controller.media.MediaIngest;
import vn.loa.controller.media.MediaRejectedException;
import vn.loa.controller.rejection.Action;
import vn.loa.controller.rejection.ObjectKind;
import vn.loa.controller.rejection.Problem;
import vn.loa.controller.rejection.Rejection;
import vn.loa.controller.rejection.RejectionCode;
import vn.loa.controller.rejection.Who;

/** Upload (multipart: {@code file}, {@code title}) and list bulletins. */
public final class BulletinEndpoints {
    private static final Logger log = LoggerFactory.getLogger(BulletinEndpoints.class);

    private final BulletinRepository bulletins;
    private final MediaIngest ingest;
    private final Path tmpDir;
    private final vn.loa.controller.media.MediaStore media;
    private final ScopeGuard scopes;
    private final ApprovalRepository approvals;

    public BulletinEndpoints(BulletinRepository bulletins, MediaIngest ingest, Path tmpDir) {
        this(bulletins, ingest, tmpDir, null);
    }

    /** @param media where the stored audio is, for {@code GET /api/v1/bulletins/{id}/audio} (null: no such route) */
    public BulletinEndpoints(BulletinRepository bulletins, MediaIngest ingest, Path tmpDir,
            vn.loa.controller.media.MediaStore media) {
        this(bulletins, ingest, tmpDir, media, null, null);
    }

    /** With the caller's scope and approval applied (docs/accounts.md); both required to register. */
    public BulletinEndpoints(BulletinRepository bulletins, MediaIngest ingest, Path tmpDir,
            vn.loa.controller.media.MediaStore media, ScopeGuard scopes, ApprovalRepository approvals) {
        this.scopes = scopes;
        this.approvals = approvals;
        this.bulletins = bulletins;
        this.ingest = ingest;
        this.tmpDir = tmpDir;
        this.media = media;
    }

    public void register(Router router) {
        java.util.Objects.requireNonNull(scopes, "scopes");
        java.util.Objects.requireNonNull(approvals, "approvals");
        router.visibility(ObjectKind.BULLETIN, (caller, id) -> bulletins.find(id).isPresent()
                && sees(scopes.of(caller), approvals.find(ApprovalKind.BULLETIN, id)
                        .map(vn.loa.controller.approval.ApprovalState::originAreaId).orElse(null)));
        router.add(HttpMethod.GET, "/api/v1/bulletins", r -> {
            ScopeGuard.View scope = scopes.of(r.account());
            Map<Long, Long> origins = approvals.bulletinOrigins();
            Map<Long, Approval> states = approvals.all(ApprovalKind.BULLETIN);
            return ApiResponse.ok(bulletins.findAll().stream().filter(b -> sees(scope, origins.get(b.id())))
                    .map(b -> view(b, states.get(b.id()))).toList());
        });
        router.add(HttpMethod.GET, "/api/v1/bulletins/{id}", r -> {
            long id = r.pathId("id");
            Bulletin b = bulletins.find(id).orElseThrow(() -> RejectionCode.NOT_FOUND.reject(ObjectKind.BULLETIN, id));
            var state = approvals.find(ApprovalKind.BULLETIN, id).orElseThrow();
            if (!sees(scopes.of(r.account()), state.originAreaId())) {
                throw RejectionCode.NOT_FOUND.reject(ObjectKind.BULLETIN, id);
            }
            return ApiResponse.ok(view(b, state.approval()));
        });
        router.add(HttpMethod.POST, "/api/v1/bulletins", this::upload);
        if (media != null) {
            BulletinAudioEndpoint audio = new BulletinAudioEndpoint(bulletins, media);
            router.add(HttpMethod.GET, "/api/v1/bulletins/{id}/audio", r -> {
                // the same visibility as the bulletin itself
                long id = r.pathId("id");
                var state = approvals.find(ApprovalKind.BULLETIN, id);
                if (state.isPresent() && !sees(scopes.of(r.account()), state.get().originAreaId())) {
                    throw RejectionCode.NOT_FOUND.reject(ObjectKind.BULLETIN, id);
                }
                return audio.handle(r);
            });
        }
    }

    private ApiResponse upload(ApiRequest request) throws IOException {
        if (!request.account().role().mayBroadcast()) {
            throw RejectionCode.ROLE_FORBIDDEN.reject(Who.ADMIN_OR_OPERATOR, Action.UPLOAD_BULLETINS);
        }
        String contentType = request.header("Content-Type");
        if (contentType == null || !contentType.toLowerCase().startsWith("multipart/form-data")) {
            throw RejectionCode.MULTIPART_REQUIRED.reject();
        }
        HttpPostRequestDecoder decoder = decoder(request);
        Path upload = null;
        try {
            UploadForm form = checked(read(decoder));
            upload = Files.createTempFile(tmpDir, "upload-", ".bin");
            if (form.file().isInMemory()) {
                Files.write(upload, form.file().get());
            } else {
                Files.move(form.file().getFile().toPath(), upload, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            String originalName = sanitize(form.file().getFilename());
            IngestedMedia media = ingest(upload, originalName, request);
            long id = store(form, media, originalName, request);
            return ApiResponse.created(view(bulletins.find(id).orElseThrow(),
                    approvals.find(ApprovalKind.BULLETIN, id).orElseThrow().approval()))
                    .withHeader("Location", "/api/v1/bulletins/" + id);
        } finally {
            decoder.destroy();
            if (upload != null) {
                Files.deleteIfExists(upload);
            }
            if (request.http() instanceof SpooledUpload spooled) {
                Files.deleteIfExists(spooled.body()); // now, before the answer: a client sees no file left behind
            }
        }
    }

    /** The multipart decoder of the request, its parts spooled to {@link #tmpDir} past 16 KiB. */
    private HttpPostRequestDecoder decoder(ApiRequest request) throws IOException {
        Files.createDirectories(tmpDir);
        DefaultHttpDataFactory factory = new DefaultHttpDataFactory(16 * 1024);
        factory.setBaseDir(tmpDir.toString());
        factory.setDeleteOnExit(false);
        try {
            return request.http() instanceof SpooledUpload spooled ? fromFile(factory, spooled)
                    : new HttpPostRequestDecoder(factory, request.http());
        } catch (HttpPostRequestDecoder.ErrorDataDecoderException e) {
            throw RejectionCode.MULTIPART_MALFORMED.reject(e.getMessage());
        }
    }

    /** The upload form's parts as sent; {@code language}: the default when none was given. */
    private record UploadForm(String title, String language, FileUpload file) {
    }

    private static UploadForm read(HttpPostRequestDecoder decoder) throws IOException {
        String title = null;
        String language = vn.loa.controller.bulletin.BulletinLanguage.DEFAULT;
        FileUpload file = null;
        try {
            for (InterfaceHttpData part : decoder.getBodyHttpDatas()) {
                if (part instanceof Attribute a && "title".equals(a.getName())) {
                    title = a.getValue().strip();
                } else if (part instanceof Attribute a && "language".equals(a.getName()) && !a.getValue().isBlank()) {
                    language = a.getValue().strip();
                } else if (part instanceof FileUpload f && "file".equals(f.getName())) {
                    file = f;
                }
            }
        } catch (HttpPostRequestDecoder.NotEnoughDataDecoderException | HttpPostRequestDecoder.ErrorDataDecoderException e) {
            throw RejectionCode.MULTIPART_MALFORMED.reject(e.getMessage());
        }
        return new UploadForm(title, language, file);
    }

    /** @return the form with its language's code; @throws Rejection (400) listing everything wrong with it */
    private static UploadForm checked(UploadForm form) {
        List<Problem> problems = new ArrayList<>();
        String title = form.title();
        if (title == null || title.isEmpty()) {
            problems.add(RejectionCode.REQUIRED.problem("title"));
        } else if (title.length() > 300) {
            problems.add(RejectionCode.TOO_LONG.problem("title", 300));
        }
        FileUpload file = form.file();
        if (file == null) {
            problems.add(RejectionCode.REQUIRED.problem("file"));
        } else if (file.length() == 0) {
            problems.add(RejectionCode.FILE_EMPTY.problem());
        }
        var lang = vn.loa.controller.bulletin.BulletinLanguage.of(form.language());
        if (lang.isEmpty()) {
            problems.add(PlayEndpoints.unsupportedLanguage("language", form.language()).first());
        }
        if (!problems.isEmpty()) {
            throw new Rejection(problems);
        }
        return new UploadForm(title, lang.get().code(), file);
    }

    /** @throws Rejection 413 when the audio is too long or large, 400 when it is not audio we take */
    private IngestedMedia ingest(Path upload, String originalName, ApiRequest request) throws IOException {
        try {
            return ingest.ingest(upload, originalName);
        } catch (MediaRejectedException e) {
            log.info("upload '{}' by {} refused: {}", originalName, request.account().username(), e.reason());
            throw (e.kind() == MediaRejectedException.Kind.TOO_LARGE ? RejectionCode.MEDIA_TOO_LARGE : RejectionCode.MEDIA_REJECTED)
                    .reject(e.reason());
        }
    }

    /** The bulletin stored, with its origin and, when the uploader's area requires it, pending approval. */
    private long store(UploadForm form, IngestedMedia media, String originalName, ApiRequest request) {
        long id = bulletins.create(form.title(), media.sha256(), media.sizeBytes(), media.durationMs(), media.sampleRate(),
                originalName, request.account().id());
        bulletins.setLanguage(id, form.language());
        approvals.setOrigin(id, request.account().scopeAreaId());
        ScopeGuard.View scope = scopes.of(request.account());
        ApprovalPolicy.approvalArea(request.account(), scope.tree(), approvals.areasRequiringApproval())
                .ifPresent(area -> approvals.requireApproval(ApprovalKind.BULLETIN, id, area));
        log.info("bulletin {} '{}' stored by {}: {} ms, media {}", id, form.title(), request.account().username(),
                media.durationMs(), media.sha256());
        return id;
    }

    /**
     * The multipart decoder fed from the spooled body, one chunk at a time: the file part goes on to disk as it is
     * parsed; at most a chunk and the decoder's undecoded remainder are in memory.
     */
    private static HttpPostRequestDecoder fromFile(DefaultHttpDataFactory factory, SpooledUpload spooled) throws IOException {
        var head = new io.netty.handler.codec.http.DefaultHttpRequest(spooled.protocolVersion(), spooled.method(),
                spooled.uri(), spooled.headers());
        HttpPostRequestDecoder decoder = new HttpPostRequestDecoder(factory, head);
        decoder.setDiscardThreshold(SPOOL_CHUNK);
        try (var in = java.nio.channels.FileChannel.open(spooled.body())) {
            java.nio.ByteBuffer chunk = java.nio.ByteBuffer.allocate(SPOOL_CHUNK);
            while (in.read(chunk) > 0) {
                chunk.flip();
                var content = new io.netty.handler.codec.http.DefaultHttpContent(io.netty.buffer.Unpooled.wrappedBuffer(chunk));
                try {
                    decoder.offer(content);
                } finally {
                    content.release();
                }
                chunk.clear();
            }
            decoder.offer(io.netty.handler.codec.http.LastHttpContent.EMPTY_LAST_CONTENT);
        } catch (HttpPostRequestDecoder.ErrorDataDecoderException e) {
            decoder.destroy();
            throw RejectionCode.MULTIPART_MALFORMED.reject(e.getMessage());
        } catch (IOException | RuntimeException e) {
            decoder.destroy();
            throw e;
        }
        return decoder;
    }

    /** How much of a spooled body is read (and decoded) at a time. */
    private static final int SPOOL_CHUNK = 64 * 1024;

    private static String sanitize(String name) {
        if (name == null) {
            return null;
        }
        String base = name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        return base.length() > 200 ? base.substring(0, 200) : base;
    }

    /**
     * A bulletin is seen by a scoped caller when it was uploaded inside the scope, above it (shared down the
     * tree), or by an admin (no origin).
     */
    static boolean sees(ScopeGuard.View scope, Long originAreaId) {
        return originAreaId == null || scope.everything() || scope.areaVisible(originAreaId)
                || scope.tree().isWithin(scope.scope().rootAreaId(), originAreaId);
    }

    static Map<String, Object> view(Bulletin b, Approval approval) {
        Map<String, Object> m = view(b);
        m.put("approval", (approval == null ? Approval.APPROVED : approval).name());
        return m;
    }

    static Map<String, Object> view(Bulletin b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", b.id());
        m.put("title", b.title());
        m.put("durationMs", b.durationMs());
        m.put("sha256", b.sha256());
        m.put("sizeBytes", b.sizeBytes());
        m.put("originalName", b.originalName());
        m.put("language", b.language());
        m.put("languageName", vn.loa.controller.bulletin.BulletinLanguage.of(b.language())
                .map(vn.loa.controller.bulletin.BulletinLanguage::vietnamese).orElse(b.language()));
        m.put("createdAt", Json.utc(b.createdAt()));
        return m;
    }
}
