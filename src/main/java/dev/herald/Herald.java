package dev.herald;

import dev.herald.answer.Answerer;
import dev.herald.answer.CitationCheck;
import dev.herald.answer.ExtractiveAnswerer;
import dev.herald.answer.llm.LlmAnswerer;
import dev.herald.answer.llm.LlmQueryRewriter;
import dev.herald.answer.llm.LlmTranslator;
import dev.herald.answer.llm.LlmHealth;
import dev.herald.answer.llm.LlmModels;
import dev.herald.answer.llm.LlmStats;
import dev.herald.chat.Briefings;
import dev.herald.chat.Conversations;
import dev.herald.chat.Follows;
import dev.herald.chat.MorningBriefings;
import dev.herald.chat.TopicMatcher;
import dev.herald.chat.QuestionService;
import dev.herald.chat.StoryContinuation;
import dev.herald.config.AnswerMode;
import dev.herald.config.HeraldConfig;
import dev.herald.config.Settings;
import dev.herald.eval.Baselines;
import dev.herald.eval.Evaluation;
import dev.herald.index.Fts5KeywordSearch;
import dev.herald.ops.Health;
import dev.herald.ops.HeraldMetrics;
import dev.herald.store.BriefingStore;
import dev.herald.store.ConversationStore;
import dev.herald.store.CoordinationStore;
import dev.herald.store.InstanceHeartbeat;
import dev.herald.store.RateLimitStore;
import dev.herald.store.StoreListener;
import dev.herald.store.UpdateStore;
import dev.herald.store.FeedbackStore;
import dev.herald.store.FollowStore;
import dev.herald.store.MetaStore;
import dev.herald.telegram.BotOptions;
import dev.herald.telegram.TelegramBot;
import dev.herald.ingest.ArticleFiles;
import dev.herald.ingest.LocalRoots;
import dev.herald.ingest.Chunker;
import dev.herald.library.ContentLibrary;
import dev.herald.ingest.Ingestor;
import dev.herald.ingest.LocalEmbeddingModel;
import dev.herald.retrieval.HybridRetriever;
import dev.herald.retrieval.Spelling;
import dev.herald.sources.SafeHttpFetcher;
import dev.herald.sources.SourceRefresher;
import dev.herald.sources.SourceRegistry;
import dev.herald.store.AliasStore;
import dev.herald.store.ArticleStore;
import dev.herald.store.SourceStore;
import dev.herald.text.QuestionLanguage;
import dev.herald.store.Database;
import dev.herald.store.StoreCopy;
import dev.herald.store.StoreException;
import dev.herald.index.KeywordIndex;
import dev.herald.index.LuceneIndex;
import dev.herald.store.ChangeLog;
import dev.herald.index.SearchIndexes;
import dev.herald.index.VectorIndex;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The composition root: builds every part of Herald from the configuration, once, in pipeline order.
 * Nothing else constructs components; front ends (CLI, Telegram, eval) receive them from here.
 */
public final class Herald implements AutoCloseable {

    /** Title weight in BM25: a title repeats on every chunk of its article, so it counts less than body text. */
    public static final double TITLE_WEIGHT = 0.5;
    /**
     * How often the indexes look for content changed by another process (one small query): an article another process
     * ingested is searchable here within about this long.
     */
    static final Duration OUTSIDE_CHANGES_CHECK = Duration.ofSeconds(1);

    private final HeraldConfig config;
    private final Database database;
    private final ArticleStore store;
    private final SearchIndexes indexes;
    private final LocalEmbeddingModel embeddings;
    private final HybridRetriever retriever;
    private final Answerer answerer;
    private final QuestionService questions;
    private final ContentLibrary library;
    private final SourceRefresher sources;
    private volatile Follows follows;
    private final Conversations conversations;
    private volatile HeraldMetrics metrics;
    private final Health health = new Health();
    private volatile InstanceHeartbeat instance;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private Herald(HeraldConfig config, boolean readOnly) {
        this.config = config;
        // 1. Storage
        String url = storeUrl(config);
        this.database = readOnly ? Database.openReadOnly(config.get(Settings.STORE_PATH))
                : url == null ? Database.open(config.get(Settings.STORE_PATH))
                : Database.open(url, config.secrets().storeUser().orElse(null), config.secrets().storePassword().orElse(null));
        this.store = new ArticleStore(database);
        AliasStore aliases = new AliasStore(database);
        int keywordTerms = config.get(Settings.RETRIEVAL_KEYWORD_TERMS);
        // (a database opened read-only may sit in a folder where its index cannot be made either: then the indexes
        // are built in memory, as a second process's are; `ask` on a read-only copy had failed with AccessDenied)
        Path configuredIndex = indexFolder(config);
        Path indexFolder = readOnly && !indexUsable(configuredIndex) ? null : configuredIndex;
        this.indexes = new SearchIndexes(store,
                indexFolder == null ? null : () -> LuceneIndex.open(indexFolder, store, new ChangeLog(database),
                        TITLE_WEIGHT, keywordTerms, KeywordIndex.DEFAULT_K1, rebuildProgress()),
                VectorIndex::new, () -> new KeywordIndex(TITLE_WEIGHT, keywordTerms), OUTSIDE_CHANGES_CHECK);
        // 2. Embeddings and ingestion
        this.embeddings = new LocalEmbeddingModel(config.get(Settings.EMBEDDING_THREADS), config.get(Settings.EMBEDDING_BATCH));
        Chunker chunker = new Chunker(config.get(Settings.CHUNKING_MAX_WORDS), config.get(Settings.CHUNKING_OVERLAP_SENTENCES));
        Ingestor ingestor = new Ingestor(store, aliases, embeddings, chunker);
        long maxBytes = config.get(Settings.CONTENT_MAX_FILE_MB) * 1_000_000L;
        this.sources = new SourceRefresher(
                new SourceRegistry(new SourceStore(database), config.get(Settings.CONTENT_PATHS), config.get(Settings.SOURCES_REFRESH_INTERVAL)),
                new SafeHttpFetcher(Duration.ofSeconds(10), Duration.ofSeconds(20), maxBytes,
                        config.get(Settings.SOURCES_ALLOW_PRIVATE_ADDRESSES)),
                ingestor, store, aliases);
        this.library = new ContentLibrary(store, ingestor, new ArticleFiles(maxBytes, allowedRoots(config)),
                config.get(Settings.CONTENT_PATHS), sources);
        // 3. Retrieval
        this.retriever = new HybridRetriever(embeddings, indexes, store, retrievalOptions(config));
        // 4. Answers (in llm mode one chat model serves the answerer, the follow-up rewriter and the translator)
        LanguageModel llm = config.get(Settings.ANSWER_MODE) == AnswerMode.LLM ? languageModel(config) : null;
        this.answerer = answerer(config, indexes, llm);
        // 5. Conversations: in the store, so a follow-up reaching another instance on it still reads as one (a
        //    read-only store keeps them in this process)
        this.conversations = new Conversations(config.get(Settings.CHAT_MEMORY_IDLE), java.time.Clock.systemUTC(),
                readOnly ? null : new ConversationStore(database));
        this.questions = new QuestionService(retriever, answerer, conversations,
                aliases::aliases, llm == null ? null : new LlmQueryRewriter(llm.model(), llm.health())::standalone)
                .withBriefings(new Briefings(Briefings.Archive.of(store, aliases), retriever, term -> indexes.keywords().idf(term)))
                .withSpelling(new Spelling(indexes::keywords, dev.herald.ingest.ModelVocabulary::contains))
                .withWordRarity(term -> indexes.keywords().idf(term))
                .withStoryContinuation(new StoryContinuation(store::article,
                        Math.min(2, config.get(Settings.ANSWER_MAX_SENTENCES))))
                .withLanguages(new QuestionLanguage(term -> indexes.keywords().documentFrequency(term),
                        dev.herald.ingest.ModelVocabulary::contains),
                        llm == null ? null : new LlmTranslator(llm.model()));
        // 6. Operations: what /healthz checks and /metrics counts (served by the bot when asked to)
        health.add("store", database::problem);
        health.add("indexes", () -> indexes.isLoaded() ? null : "search indexes are still loading");
    }


    private static final String SQLITE_URL = "jdbc:sqlite:";

    /** {@code index.path}: the Lucene index's folder, or null for the in-memory indexes. */
    /** Whether the index folder can be used: it exists and is writable, or it can be created. */
    private static boolean indexUsable(Path folder) {
        if (folder == null) return true;
        return java.nio.file.Files.isDirectory(folder) ? java.nio.file.Files.isWritable(folder) : Database.writable(folder);
    }

    public static Path indexFolder(HeraldConfig config) {
        String value = config.get(Settings.INDEX_PATH).strip();
        if (value.equals("memory")) return null;
        if (value.equals("auto")) {
            String url = storeUrl(config);
            Path db = (url != null && url.startsWith(SQLITE_URL) ? Path.of(url.substring(SQLITE_URL.length()))
                    : config.get(Settings.STORE_PATH)).toAbsolutePath();
            if (url == null || url.startsWith(SQLITE_URL)) return db.resolveSibling(db.getFileName() + ".index");
            // a PostgreSQL store has no file to sit beside: one folder per server, database and parameters (a
            // currentSchema is another store), where store.path's file would be
            String server = url.substring(url.indexOf("//") + 2);
            return db.resolveSibling("pg-" + server.replaceAll("[^A-Za-z0-9.-]", "_") + ".index");
        }
        return Path.of(value).toAbsolutePath();
    }

    /** A line on the console every 5 % of a rebuild of a large index (a small one takes under a second). */
    private static LuceneIndex.Progress rebuildProgress() {
        long[] shown = {-1};
        return (done, total) -> {
            if (total < 20_000) return;
            long part = Math.min(20, done * 20 / total);
            if (part == shown[0]) return;
            shown[0] = part;
            System.err.printf("rebuilding the search index from the database: %,d of %,d chunks%n", done, total);
        };
    }

    /**
     * {@code content.allowed-roots}, or when empty the folder of the database ({@code data/} by default); the local
     * {@code content.paths} entries are always allowed (the operator configured them).
     */
    static LocalRoots allowedRoots(HeraldConfig config) {
        List<Path> roots = new ArrayList<>();
        List<String> given = config.get(Settings.CONTENT_ALLOWED_ROOTS);
        if (given.isEmpty()) {
            Path folder = config.get(Settings.STORE_PATH).toAbsolutePath().getParent();
            roots.add(folder == null ? Path.of("data") : folder);
        }
        for (String r : given) roots.add(Path.of(r.strip()));
        for (String entry : config.get(Settings.CONTENT_PATHS)) {
            String location = entry.split("\\s+\\|")[0].strip();
            String lower = location.toLowerCase(java.util.Locale.ROOT);
            if (!lower.startsWith("http://") && !lower.startsWith("https://")) roots.add(Path.of(location));
        }
        return LocalRoots.of(roots);
    }

    /**
     * {@code store.url}, or null for the SQLite file {@code store.path}: when the URL is empty, or when a command
     * named the file itself ({@code --db}, {@code eval}'s own database), which wins over the configured URL.
     */
    static String storeUrl(HeraldConfig config) {
        String url = config.get(Settings.STORE_URL);
        String pathOrigin = config.origin(Settings.STORE_PATH);
        if (url.isEmpty() || "--db".equals(pathOrigin) || "eval".equals(pathOrigin)) return null;
        return url;
    }

    /** The two stores of {@code herald migrate}: the configured SQLite one and the PostgreSQL target. */
    public record StoreMigration(Database source, Database target, StoreCopy copy) implements AutoCloseable {
        public String from() {
            return source.describe();
        }

        public String to() {
            return target.describe();
        }

        @Override
        public void close() {
            try (source; target) {
                // both closed, the target even when closing the source fails
            }
        }
    }

    /**
     * Opens the configured SQLite store (migrating its schema forward, as any command does) and the PostgreSQL
     * store at {@code targetUrl} with the login from {@code HERALD_STORE_USER} / {@code HERALD_STORE_PASSWORD}.
     */
    public static StoreMigration storeMigration(HeraldConfig config, String targetUrl, int batchArticles) {
        String configured = storeUrl(config);
        if (configured != null && !configured.startsWith("jdbc:sqlite:")) {
            throw new StoreException("herald migrate copies an SQLite store; store.url is " + configured
                    + " (use --db FILE to name the SQLite file)");
        }
        if (!targetUrl.startsWith("jdbc:postgresql://") || !Settings.storeUrl(targetUrl)) {
            throw new StoreException("--to must be a jdbc:postgresql://host:port/database URL with no user or password"
                    + " in it (they come from HERALD_STORE_USER and HERALD_STORE_PASSWORD)");
        }
        Database source = configured == null ? Database.open(config.get(Settings.STORE_PATH)) : Database.open(configured, null, null);
        try {
            Database target = Database.open(targetUrl, config.secrets().storeUser().orElse(null),
                    config.secrets().storePassword().orElse(null));
            return new StoreMigration(source, target, new StoreCopy(source, target, batchArticles));
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }

    public static Herald open(HeraldConfig config) {
        return new Herald(config, false);
    }

    /**
     * For commands that only read ({@code stats}, {@code ask}, {@code sources}): as {@link #open}, except that an
     * existing database Herald may not write (read-only file or folder) is opened read-only instead of failing.
     */
    public static Herald openForReading(HeraldConfig config) {
        Path db = config.get(Settings.STORE_PATH);
        return new Herald(config, storeUrl(config) == null && java.nio.file.Files.isRegularFile(db) && !Database.writable(db));
    }

    /**
     * The configured chat model and its reachability, shared by everything that talks to it. The endpoint is probed
     * once in the background: if it does not answer, one warning is logged and readers get quoted answers until it does.
     */
    private record LanguageModel(ChatModel model, StreamingChatModel streaming, LlmHealth health) {
    }

    private static LanguageModel languageModel(HeraldConfig config) {
        String baseUrl = config.get(Settings.LLM_BASE_URL).toString();
        ChatModel model = LlmModels.openAiCompatible(baseUrl, config.secrets().llmApiKey().orElse(LlmModels.NO_KEY),
                config.get(Settings.LLM_MODEL), config.get(Settings.LLM_TIMEOUT), config.get(Settings.LLM_MAX_TOKENS),
                config.get(Settings.LLM_TEMPERATURE));
        StreamingChatModel streaming = LlmModels.openAiCompatibleStreaming(baseUrl,
                config.secrets().llmApiKey().orElse(LlmModels.NO_KEY), config.get(Settings.LLM_MODEL),
                config.get(Settings.LLM_TIMEOUT), config.get(Settings.LLM_MAX_TOKENS), config.get(Settings.LLM_TEMPERATURE));
        LlmHealth health = new LlmHealth(baseUrl + " (model " + config.get(Settings.LLM_MODEL) + ")");
        health.checkInBackground(model);
        return new LanguageModel(model, streaming, health);
    }

    /**
     * Quoted-sentence answers; in {@code answer.mode: llm} the chat model writes them, checked against the passages,
     * with the quoted answers as fallback.
     *
     * @param llm the chat model in llm mode, null for offline (extractive) answers
     */
    private static Answerer answerer(HeraldConfig config, SearchIndexes indexes, LanguageModel llm) {
        Answerer extractive = new ExtractiveAnswerer(term -> indexes.keywords().idf(term), config.get(Settings.ANSWER_MAX_SENTENCES),
                config.get(Settings.ANSWER_MIN_EVIDENCE));
        if (llm == null) return extractive;
        return new LlmAnswerer(llm.model(), llm.streaming(), config.get(Settings.LLM_TIMEOUT), extractive,
                config.get(Settings.ANSWER_MIN_EVIDENCE),
                LlmAnswerer.Options.DEFAULTS.withMaxSentences(config.get(Settings.ANSWER_MAX_SENTENCES)),
                new LlmStats(), llm.health());
    }

    static HybridRetriever.Options retrievalOptions(HeraldConfig c) {
        int topK = c.get(Settings.RETRIEVAL_TOP_K);
        return HybridRetriever.Options.builder()
                .topK(topK)
                .candidates(Math.max(c.get(Settings.RETRIEVAL_CANDIDATES), topK))
                .rrfK(c.get(Settings.RETRIEVAL_RRF_K))
                .keywordWeight(c.get(Settings.RETRIEVAL_KEYWORD_WEIGHT))
                .vectorWeight(c.get(Settings.RETRIEVAL_VECTOR_WEIGHT))
                .recencyWeight(c.get(Settings.RETRIEVAL_RECENCY_WEIGHT))
                .recencyHalfLifeDays(c.get(Settings.RETRIEVAL_RECENCY_HALF_LIFE_DAYS))
                .vectorBudget(c.get(Settings.RETRIEVAL_VECTOR_BUDGET))
                .build();
    }

    public HeraldConfig config() {
        return config;
    }

    public Database database() {
        return database;
    }

    public ArticleStore store() {
        return store;
    }

    /** The in-memory search indexes; filled on first use (see {@link #warmUpInBackground()}). */
    public SearchIndexes indexes() {
        return indexes;
    }

    /**
     * Starts loading what the first question needs (the search indexes, then the embedding model) on a background
     * thread, for front ends that will be asked questions soon: the bot and the console chat.
     */
    public void warmUpInBackground() {
        QuestionLanguage.warmUp();
        indexes.loadInBackground().thenRun(() -> {
                    embeddings.embed("warm-up");
                    dev.herald.ingest.ModelVocabulary.contains("warm-up"); // the spelling corrector's dictionary
                })
                .exceptionally(e -> {
                    // the first question retries, and reports any failure to the reader
                    org.slf4j.LoggerFactory.getLogger(Herald.class).debug("warm-up failed: {}", e.toString());
                    return null;
                });
    }

    public EmbeddingModel embeddings() {
        return embeddings;
    }


    public HybridRetriever retriever() {
        return retriever;
    }

    public Answerer answerer() {
        return answerer;
    }

    public QuestionService questions() {
        return questions;
    }

    public ContentLibrary library() {
        return library;
    }

    /** Web pages and feeds; the bot starts their background refresh with {@code library().startScheduledRefresh()}. */
    public SourceRefresher sources() {
        return sources;
    }

    /**
     * What the Telegram bot needs: it starts the scheduled source refresh and the index warm-up once polling runs, and
     * closes Herald when it stops.
     */
    public TelegramBot.Services telegramServices() {
        InstanceHeartbeat me = instance();
        RateLimitStore rates = new RateLimitStore(database);
        TelegramBot.Shared shared = new TelegramBot.Shared(me, new UpdateStore(database), rates, () -> {
            conversations.prune();
            rates.prune(java.time.Instant.now().minus(Duration.ofMinutes(1)));
        });
        return new TelegramBot.Services(questions, library, store, new FeedbackStore(database), follows(),
                new MorningBriefings(new BriefingStore(database), questions::morningBriefing),
                config.get(Settings.TELEGRAM_API_URL), BotOptions.from(config), config.secrets().telegramBotToken(),
                () -> {
                    library.startScheduledRefresh();
                    warmUpInBackground();
                }, this::close, shared, health, metrics(), deployment(config));
    }

    /** How the bot is deployed: polling or webhook, and where /healthz and /metrics are served. */
    public static TelegramBot.Deployment deployment(HeraldConfig c) {
        return new TelegramBot.Deployment(c.get(Settings.TELEGRAM_MODE), c.get(Settings.TELEGRAM_WEBHOOK_URL),
                c.get(Settings.TELEGRAM_WEBHOOK_PORT), c.secrets().webhookSecret(), c.get(Settings.OPS_BIND),
                c.get(Settings.OPS_PORT));
    }

    /**
     * This process among the instances on the store, beating from the first call (the bot's start): scheduled
     * source refreshes are claimed through it from then on, so one instance refreshes a source at a time.
     */
    public InstanceHeartbeat instance() {
        InstanceHeartbeat i = instance;
        if (i == null) {
            synchronized (this) {
                if (instance == null) {
                    InstanceHeartbeat beating = new InstanceHeartbeat(new CoordinationStore(database), java.time.Clock.systemUTC());
                    sources.claims(new SourceRefresher.Claims() {
                        @Override
                        public boolean tryClaim(String name) {
                            return beating.store().claim(name, beating.id(), beating.clock().instant());
                        }

                        @Override
                        public void release(String name) {
                            beating.store().release(name, beating.id());
                        }
                    });
                    instance = beating;
                }
                i = instance;
            }
        }
        return i;
    }

    public Health health() {
        return health;
    }

    /**
     * The meters /metrics serves, made on first use (the bot's start): commands that never serve them do not pay for
     * the registry. Ingest is counted from then on.
     */
    public HeraldMetrics metrics() {
        HeraldMetrics m = metrics;
        if (m != null) return m;
        synchronized (this) {
            if (metrics == null) {
                HeraldMetrics made = new HeraldMetrics();
                made.gauge("herald.index.chunks", "chunks in the in-memory search indexes",
                        () -> indexes.isLoaded() ? indexes.vectors().size() : 0);
                made.gauge("herald.store.readers.idle", "idle reader connections in the store's pool", database::idleReaders);
                made.gauge("herald.store.readers", "reader connections in the store's pool", database::readerCount);
                store.addListener(new StoreListener() {
                    @Override
                    public void articleStored(dev.herald.article.ArticleChunks stored) {
                        made.ingested(stored.size());
                    }

                    @Override
                    public void articleRemoved(String articleId, long[] chunkIds) {
                    }
                });
                metrics = made;
            }
            return metrics;
        }
    }

    /** The stories chats follow, matched with the retrieval's keyword and vector weights. */
    public Follows follows() {
        Follows f = follows;
        if (f == null) {
            synchronized (this) {
                if (follows == null) {
                    follows = new Follows(new FollowStore(database), store, new TopicMatcher(embeddings,
                            term -> indexes.keywords().idf(term), config.get(Settings.RETRIEVAL_KEYWORD_WEIGHT),
                            config.get(Settings.RETRIEVAL_VECTOR_WEIGHT)), config.get(Settings.ALERTS_MAX_PER_HOUR));
                }
                f = follows;
            }
        }
        return f;
    }

    public MetaStore meta() {
        return new MetaStore(database);
    }

    /**
     * What {@code herald eval} measures: the bot's own question pipeline, plus a retriever with the bot's settings and
     * a deeper top-k, and the baselines built on the same stored chunks.
     */
    public Evaluation.Services evaluationServices(int retrievalTopK) {
        HybridRetriever deep = new HybridRetriever(embeddings, indexes, store, retriever.options().withTopK(retrievalTopK));
        return new Evaluation.Services(questions, deep, retriever.options().topK(), store, embeddings, citationCheck(),
                () -> java.util.List.of(Baselines.langChain4jStandard(store, embeddings, retrievalTopK),
                        Baselines.bm25(new Fts5KeywordSearch(database, TITLE_WEIGHT), store, retrievalTopK)));
    }

    public CitationCheck citationCheck() {
        return new CitationCheck(store::article);
    }

    /** Idempotent: the bot's shutdown hook and the command that opened Herald may both close it. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        indexes.close();
        sources.close();
        InstanceHeartbeat i = instance;
        if (i != null) i.close(); // frees this instance's leases and claims for the others at once
        embeddings.close();
        database.close();
    }
}
