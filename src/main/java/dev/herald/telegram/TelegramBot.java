package dev.herald.telegram;

import dev.herald.config.TelegramMode;
import dev.herald.ops.Health;
import dev.herald.ops.HeraldMetrics;
import dev.herald.ops.OpsServer;
import dev.herald.store.FeedbackStore;
import dev.herald.store.InstanceHeartbeat;
import dev.herald.store.RateLimitStore;
import dev.herald.store.UpdateStore;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import dev.herald.chat.Follows;
import dev.herald.chat.MorningBriefings;
import dev.herald.chat.QuestionService;
import dev.herald.config.Secrets;
import dev.herald.library.ContentLibrary;
import dev.herald.ingest.IngestProgress;
import dev.herald.store.ArticleStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.util.DefaultGetUpdatesGenerator;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeChat;
import org.telegram.telegrambots.meta.api.objects.commands.scope.BotCommandScopeDefault;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.longpolling.util.TelegramOkHttpClientFactory;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Herald on Telegram: long polling against {@code telegram.api-url} with the token from {@code TELEGRAM_BOT_TOKEN}.
 *
 * <p>{@link #runBot(Services)} is the entry point for the CLI; {@link #start} runs a bot in the background (tests,
 * embedding) until {@link #close()}.
 */
public final class TelegramBot implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TelegramBot.class);

    /** Exit code when the bot cannot run because of missing configuration (no token). */
    public static final int EXIT_CONFIG = 2;
    /** Exit code when the bot could not start (Telegram unreachable, token rejected, …). */
    public static final int EXIT_START_FAILED = 1;

    /**
     * How the bot runs; tests use a fixed clock and fast pacing.
     *
     * @param alertsEvery how often story alerts look for articles stored by another process (this process's own
     *                    are matched as they are stored)
     */
    public record Options(Clock clock, ReliableSender.Pacing pacing, ReliableSender.Retry retry, int threads,
                          Duration drainTimeout, Duration alertsEvery) {
        /** Half a minute: an alert a little late is still news, and the check is one indexed query. */
        public static final Duration ALERTS_EVERY = Duration.ofSeconds(30);
        public static final Options DEFAULT = new Options(Clock.systemUTC(), ReliableSender.Pacing.DEFAULT,
                ReliableSender.Retry.DEFAULT, 4, Duration.ofSeconds(30));

        public Options(Clock clock, ReliableSender.Pacing pacing, ReliableSender.Retry retry, int threads,
                       Duration drainTimeout) {
            this(clock, pacing, retry, threads, drainTimeout, ALERTS_EVERY);
        }
    }

    /**
     * What the bot uses, handed over by the composition root: the question pipeline, the content operations, the
     * store's library facts, where votes go, the stories chats follow, the morning briefings, the Bot API server, access settings, the token (empty when not set), and
     * what to start once polling runs and to close when the bot stops.
     */
    public record Services(QuestionService questions, ContentLibrary library, ArticleStore store, FeedbackStore feedback,
                           Follows follows, MorningBriefings briefings, URI apiUrl, BotOptions botOptions, java.util.Optional<String> token,
                           Runnable startBackgroundWork, Runnable close, Shared shared, Health health,
                           HeraldMetrics metrics, Deployment deployment) {
        public Services {
            java.util.Objects.requireNonNull(shared, "shared");
            java.util.Objects.requireNonNull(health, "health");
            java.util.Objects.requireNonNull(metrics, "metrics");
            java.util.Objects.requireNonNull(deployment, "deployment");
            java.util.Objects.requireNonNull(follows, "follows");
            java.util.Objects.requireNonNull(briefings, "briefings");
            java.util.Objects.requireNonNull(questions, "questions");
            java.util.Objects.requireNonNull(library, "library");
            java.util.Objects.requireNonNull(store, "store");
            java.util.Objects.requireNonNull(feedback, "feedback");
            java.util.Objects.requireNonNull(apiUrl, "apiUrl");
            java.util.Objects.requireNonNull(botOptions, "botOptions");
            java.util.Objects.requireNonNull(token, "token");
            java.util.Objects.requireNonNull(startBackgroundWork, "startBackgroundWork");
            java.util.Objects.requireNonNull(close, "close");
        }

        /** The same services deployed otherwise (webhook, an ops port), for tests. */
        public Services withDeployment(Deployment d) {
            return new Services(questions, library, store, feedback, follows, briefings, apiUrl, botOptions, token,
                    startBackgroundWork, close, shared, health, metrics, d);
        }
    }

    /**
     * What instances on one store share: this instance's heartbeat (its id, the coordination tables), the updates
     * taken, the per-user rate limits, and the store's housekeeping (old conversations and limits), run hourly.
     */
    public record Shared(InstanceHeartbeat instance, UpdateStore updates, RateLimitStore rates, Runnable prune) {
    }

    /**
     * How this instance receives updates and serves /healthz and /metrics.
     *
     * @param webhookUrl    the public URL Telegram posts to (webhook mode); its path is served
     * @param webhookSecret from {@code HERALD_WEBHOOK_SECRET}; required in webhook mode
     * @param opsPort       the ops port in polling mode; 0 = no ops server, negative = any free port (tests)
     */
    public record Deployment(TelegramMode mode, String webhookUrl, int webhookPort, java.util.Optional<String> webhookSecret,
                             String bind, int opsPort) {
        public static final Deployment POLLING = new Deployment(TelegramMode.POLLING, "", 0, java.util.Optional.empty(),
                "127.0.0.1", 0);

        /**
         * Where /healthz and /metrics are served: the webhook port in webhook mode, else {@code ops.port} (port 0 for
         * a negative one: any free port); null when polling with no ops server.
         */
        public java.net.InetSocketAddress opsAddress() {
            if (mode == TelegramMode.WEBHOOK) return new java.net.InetSocketAddress(bind, webhookPort);
            return opsPort == 0 ? null : new java.net.InetSocketAddress(bind, Math.max(0, opsPort));
        }

        /** The same deployment with the ops server on this port (negative: any free one), for tests. */
        public Deployment withOpsPort(int port) {
            return new Deployment(mode, webhookUrl, webhookPort, webhookSecret, bind, port);
        }
    }

    /** Telegram's limit for a webhook secret token. */
    private static final java.util.regex.Pattern SECRET_SHAPE = java.util.regex.Pattern.compile("[A-Za-z0-9_-]{1,256}");
    /** Updates the bot handles; setWebhook and polling both ask for only these. */
    static final List<String> ALLOWED_UPDATES = List.of("message", "callback_query", "inline_query");

    private final TelegramBotsLongPollingApplication app;
    private final UpdateHandler handler;
    private final AlertPusher alerts;
    private final BriefingPusher briefings;
    private final String username;
    private final String token;
    private final Duration drainTimeout;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final PollingFailures polling;
    private final PollingLeader leader;
    private final OpsServer ops;
    private final java.util.concurrent.ScheduledExecutorService housekeeping;
    private final UpdateLedger ledger;
    private final Health health;

    private TelegramBot(TelegramBotsLongPollingApplication app, UpdateHandler handler, AlertPusher alerts,
                        BriefingPusher briefings, String username, String token, Duration drainTimeout,
                        PollingFailures polling, PollingLeader leader, OpsServer ops,
                        java.util.concurrent.ScheduledExecutorService housekeeping, UpdateLedger ledger, Health health) {
        this.app = app;
        this.leader = leader;
        this.ops = ops;
        this.housekeeping = housekeeping;
        this.ledger = ledger;
        this.health = health;
        this.polling = polling;
        this.alerts = alerts;
        this.briefings = briefings;
        this.drainTimeout = drainTimeout;
        this.handler = handler;
        this.username = username;
        this.token = token;
    }

    /**
     * Runs the bot until the process is told to stop (SIGTERM, Ctrl-C): then polling stops, replies in flight are
     * finished, and the application and Herald are closed. Blocks until then.
     *
     * @return 0 after a clean stop; {@value #EXIT_CONFIG} when {@code TELEGRAM_BOT_TOKEN} is not set or Telegram
     *         rejects it (401, at start-up or later; one line each), or webhook mode lacks its URL or secret; {@value #EXIT_START_FAILED} when the bot could
     *         not start otherwise
     */
    public static int runBot(Services herald) {
        var token = herald.token();
        String problem = settingsProblem(token, herald.deployment());
        if (problem != null) {
            System.err.println(problem);
            return EXIT_CONFIG;
        }
        TelegramBot bot;
        try {
            bot = start(herald, token.get(), Options.DEFAULT, null);
        } catch (TelegramApiException | RuntimeException e) {
            if (unauthorized(e)) {
                System.err.println(PollingFailures.TOKEN_REJECTED);
                return EXIT_CONFIG;
            }
            String why = Redact.describe(e, token.get());
            // one line: logs go to standard error too, and an ERROR log line beside this one said it twice
            log.debug("Telegram bot could not start", e);
            System.err.println("herald bot: could not start: " + why);
            return EXIT_START_FAILED;
        }
        herald.startBackgroundWork().run();
        CountDownLatch stopped = new CountDownLatch(1);
        AtomicInteger exit = new AtomicInteger(0);
        bot.tokenRejected().thenRun(() -> {
            exit.set(EXIT_CONFIG);
            stopped.countDown();
        });
        Thread hook = new Thread(() -> {
            log.info("stopping Herald bot @{}", bot.username());
            try {
                bot.close();
            } finally {
                herald.close().run();
                stopped.countDown();
            }
        }, "herald-bot-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (exit.get() != 0 || Thread.currentThread().isInterrupted()) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
                hook.run();
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running anyway
            }
        }
        return exit.get();
    }

    /**
     * Why the bot cannot run with these settings (no token; webhook mode without its URL or a valid secret), as the
     * one line {@link #runBot} prints before exiting {@value #EXIT_CONFIG}; null when they are complete.
     */
    public static String settingsProblem(java.util.Optional<String> token, Deployment deployment) {
        if (token.isEmpty()) {
            return "herald bot: " + Secrets.TELEGRAM_BOT_TOKEN
                    + " is not set; create a bot with @BotFather and export its token to run Herald on Telegram.";
        }
        if (deployment.mode() == TelegramMode.WEBHOOK) {
            try {
                checkWebhookSettings(deployment);
            } catch (IllegalArgumentException e) {
                return "herald bot: " + e.getMessage();
            }
        }
        return null;
    }

    /** A 401 from the Bot API: the token is wrong or revoked. */
    static boolean unauthorized(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TelegramApiRequestException r && r.getErrorCode() != null && r.getErrorCode() == 401) return true;
        }
        return false;
    }

    /**
     * Starts a bot in the background: getMe, setMyCommands, then long polling. Close it to stop; Herald is not
     * closed by this bot.
     *
     * @param asker answers questions; null for {@code herald.questions()::ask}
     */
    public static TelegramBot start(Services herald, String token, Options options, UpdateHandler.Asker asker)
            throws TelegramApiException {
        return start(herald, token, options, asker, herald.botOptions());
    }

    /** As {@link #start(Services, String, Options, UpdateHandler.Asker)} with access settings other than Herald's. */
    public static TelegramBot start(Services herald, String token, Options options, UpdateHandler.Asker asker,
                                    BotOptions botOptions) throws TelegramApiException {
        TelegramUrl url = telegramUrl(herald.apiUrl());
        Deployment deployment = herald.deployment();
        boolean webhook = deployment.mode() == TelegramMode.WEBHOOK;
        if (webhook) checkWebhookSettings(deployment);
        TelegramContact contact = new TelegramContact();
        OkHttpTelegramClient client = new OkHttpTelegramClient(new okhttp3.OkHttpClient.Builder()
                .addInterceptor(contact).addInterceptor(new StatusOnlyErrors()).build(), token, url);
        HeraldMetrics metrics = herald.metrics();
        ReliableSender sender = new ReliableSender(client, options.pacing(), options.retry(), token, metrics);

        User me = sender.call(new GetMe());
        if (herald.library().loadSamplesIfUnconfigured(IngestProgress.NONE)) {
            log.info("no articles stored and no content configured: answering from the {} built-in sample articles "
                    + "(load your own with herald ingest, content.paths and /reload, or /add)", herald.store().articleCount());
        }
        String name = me.getUserName() == null ? "" : me.getUserName();

        Shared shared = herald.shared();
        // liveness is judged on real time, whatever clock the answers use (tests fix it)
        UpdateLedger ledger = new UpdateLedger(shared.updates(), shared.instance().store(), shared.instance().id(),
                shared.instance().clock());
        UpdateHandler handler = new UpdateHandler(sender, herald.questions(),
                asker != null ? asker : UpdateHandler.Asker.of(herald.questions()), herald.library(), herald.store(),
                herald.feedback(), herald.follows(), herald.briefings(), botOptions, options.clock(), options.threads(), token,
                ledger, new RateLimiter(botOptions.ratePerMinute(), options.clock(), shared.rates()), metrics);
        handler.identity(me.getId(), name);
        registerCommands(sender, handler.commands(), botOptions, token);

        PollingFailures polling = new PollingFailures(options.retry().firstBackoff(), token);
        okhttp3.OkHttpClient pollingClient = new TelegramOkHttpClientFactory.DefaultOkHttpClientCreator().get()
                .newBuilder().addInterceptor(contact).addInterceptor(polling).build();
        TelegramBotsLongPollingApplication app = new TelegramBotsLongPollingApplication(ObjectMapper::new,
                () -> pollingClient);
        Health health = herald.health();
        health.add("telegram", contact::problem);
        OpsServer ops = null;
        PollingLeader leader = null;
        try {
            if (webhook) {
                ops = OpsServer.start(deployment.opsAddress(), herald.health(), metrics, 16);
                String path = URI.create(deployment.webhookUrl()).getRawPath();
                ops.mount(path == null || path.isEmpty() ? "/" : path,
                        new WebhookReceiver(handler, deployment.webhookSecret().orElseThrow(), metrics));
                sender.setWebhook(SetWebhook.builder().url(deployment.webhookUrl())
                        .secretToken(deployment.webhookSecret().orElseThrow()).allowedUpdates(ALLOWED_UPDATES).build());
                log.info("receiving updates at {} (Telegram posts to {})", "http://" + deployment.bind() + ":"
                        + ops.port() + (path == null || path.isEmpty() ? "/" : path), deployment.webhookUrl());
            } else {
                if (deployment.opsAddress() != null) ops = OpsServer.start(deployment.opsAddress(), herald.health(), metrics, 2);
                leader = new PollingLeader(shared.instance().store(), shared.instance().id(), shared.instance().clock(),
                        new PollingLeader.Session() {
                            @Override
                            public void start() throws TelegramApiException {
                                // registerBot calls deleteWebhook first: polling fails while a webhook is set
                                app.registerBot(token, () -> url, new DefaultGetUpdatesGenerator(ALLOWED_UPDATES), handler);
                            }

                            @Override
                            public void stop() {
                                try {
                                    app.unregisterBot(token);
                                } catch (TelegramApiException | RuntimeException e) {
                                    log.warn("stopping polling: {}", Redact.describe(e, token));
                                }
                            }
                        }, handler::adoptOrphans);
                leader.start();
                PollingLeader l = leader;
                metrics.gauge("herald.polling.leader", "1 while this instance long-polls Telegram, 0 standing by",
                        () -> l.polling() ? 1 : 0);
            }
        } catch (Exception e) {
            handler.drain(Duration.ZERO);
            if (leader != null) leader.close();
            if (ops != null) ops.close();
            ledger.close();
            health.remove("telegram");
            try {
                app.close();
            } catch (Exception ignored) {
                // nothing was started
            }
            if (e instanceof TelegramApiException t) throw t;
            if (e instanceof RuntimeException r) throw r;
            throw new TelegramApiException("could not start: " + e.getMessage(), e);
        }
        java.util.concurrent.ScheduledExecutorService housekeeping = housekeeping(handler, ledger, shared, sender,
                contact, token);
        InstanceHeartbeat self = shared.instance();
        AlertPusher alerts = new AlertPusher(sender, herald.follows(), botOptions::chatAllowed, options.clock(),
                options.alertsEvery(), token, round -> () -> {
                    // one instance's round at a time: the claim is free again when it ends, or when its holder dies
                    if (!self.store().claim("story-alerts", self.id(), self.clock().instant())) return;
                    try {
                        round.run();
                    } finally {
                        self.store().release("story-alerts", self.id());
                    }
                });
        alerts.start();
        BriefingPusher briefings = new BriefingPusher(sender, herald.briefings(), botOptions::chatAllowed,
                options.clock(), token);
        briefings.start();
        TelegramBot bot = new TelegramBot(app, handler, alerts, briefings, name, token, options.drainTimeout(),
                polling, leader, ops, housekeeping, ledger, health);
        log.info("Herald bot @{} started: {} articles, {} chunks", name, herald.store().articleCount(),
                herald.store().chunkCount());
        return bot;
    }

    /** Webhook mode needs an https URL and a secret of Telegram's shape; said in one line naming what is wrong. */
    private static void checkWebhookSettings(Deployment d) {
        if (d.webhookUrl().isEmpty()) {
            throw new IllegalArgumentException("telegram.mode is webhook but telegram.webhook-url is not set");
        }
        String secret = d.webhookSecret().orElseThrow(() -> new IllegalArgumentException(
                "telegram.mode is webhook but " + dev.herald.config.Secrets.HERALD_WEBHOOK_SECRET + " is not set"));
        if (!SECRET_SHAPE.matcher(secret).matches()) {
            throw new IllegalArgumentException(dev.herald.config.Secrets.HERALD_WEBHOOK_SECRET
                    + " must be 1 to 256 characters of A-Z, a-z, 0-9, _ and - (Telegram's rule)");
        }
    }

    /**
     * Every 2 s: updates a stopped instance left unfinished; every minute without word from Telegram: a getMe probe
     * (so /healthz knows on an idle or standby instance); hourly: the store's old updates, conversations and limits.
     */
    private static java.util.concurrent.ScheduledExecutorService housekeeping(UpdateHandler handler, UpdateLedger ledger,
                                                                             Shared shared, ReliableSender sender,
                                                                             TelegramContact contact, String token) {
        java.util.concurrent.ScheduledExecutorService s = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "herald-housekeeping");
            t.setDaemon(true);
            return t;
        });
        s.scheduleWithFixedDelay(() -> {
            try {
                handler.adoptOrphans();
            } catch (RuntimeException e) {
                log.warn("looking for updates left by stopped instances failed: {}", e.getMessage());
            }
        }, 2, 2, java.util.concurrent.TimeUnit.SECONDS);
        s.scheduleWithFixedDelay(() -> {
            if (contact.since().compareTo(TelegramContact.PROBE_AFTER) < 0) return;
            try {
                sender.callOnce(new GetMe());
            } catch (TelegramApiException | RuntimeException e) {
                log.warn("Telegram did not answer getMe: {}", Redact.describe(e, token));
            }
        }, 30, 30, java.util.concurrent.TimeUnit.SECONDS);
        s.scheduleWithFixedDelay(() -> {
            try {
                ledger.prune();
                shared.prune().run();
            } catch (RuntimeException e) {
                log.warn("pruning old updates and conversations failed: {}", e.getMessage());
            }
        }, 1, 60, java.util.concurrent.TimeUnit.MINUTES);
        return s;
    }

    /**
     * The command menus: reader commands for everyone, and for each admin, in the admin's private chat only, reader
     * and admin commands (a chat scope with a user's id is that user's private chat with the bot).
     */
    private static void registerCommands(ReliableSender sender, Commands commands, BotOptions options, String token) {
        try {
            sender.call(SetMyCommands.builder().commands(commands.menu(false)).scope(new BotCommandScopeDefault()).build());
            List<BotCommand> all = commands.menu(true);
            for (Long admin : options.admins()) {
                try {
                    sender.call(SetMyCommands.builder().commands(all)
                            .scope(new BotCommandScopeChat(String.valueOf(admin))).build());
                } catch (TelegramApiException e) {
                    // e.g. the admin has never opened a chat with the bot
                    log.warn("admin commands not set for user {}: {}", admin, Redact.describe(e, token));
                }
            }
        } catch (TelegramApiException | RuntimeException e) {
            log.warn("bot commands not set: {}", Redact.describe(e, token));
        }
    }

    /** {@code telegram.api-url} as telegrambots wants it (scheme, host, port; a path is not supported). */
    static TelegramUrl telegramUrl(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("http") ? 80 : 443;
        if (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) {
            log.warn("telegram.api-url path {} is ignored: the Bot API must be served at the root", uri.getPath());
        }
        return new TelegramUrl(scheme, uri.getHost(), port, false);
    }

    /** Completes when Telegram answers a poll 401: the token was revoked while the bot ran. */
    public CompletableFuture<Void> tokenRejected() {
        return polling.tokenRejected();
    }

    public String username() {
        return username;
    }

    public UpdateHandler handler() {
        return handler;
    }

    /** The ops server's port (webhook, or ops.port in polling mode), if one runs. */
    public java.util.OptionalInt opsPort() {
        return ops == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(ops.port());
    }

    /** True while this instance long-polls (false standing by, and in webhook mode). */
    public boolean polling() {
        return leader != null && leader.polling();
    }

    /**
     * Stops polling (giving the lease to a standby) or receiving webhooks, finishes replies in flight, closes the
     * polling application. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        polling.stopping();
        if (leader != null) leader.close();
        if (ops != null) ops.close();
        housekeeping.shutdownNow();
        alerts.close();
        briefings.close();
        handler.drain(drainTimeout);
        ledger.close();
        health.remove("telegram");
        try {
            app.close();
        } catch (Exception e) {
            log.warn("closing the polling application: {}", Redact.describe(e, token));
        }
        log.info("Herald bot @{} stopped", username);
    }
}
