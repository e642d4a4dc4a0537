package dev.herald.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting Herald understands, in the order they appear in {@code config/herald.yml}.
 *
 * <p>To add a setting: declare one constant here with {@code add(Setting.ofXxx(...))} and add the key with its
 * default and a comment to {@code config/herald.yml} (a test fails until both agree). It is then readable with
 * {@link HeraldConfig#get} and overridable with its {@code HERALD_...} environment variable.
 */
public final class Settings {

    // Must come before the constants: they register themselves here in declaration order.
    private static final List<Setting<?>> ALL = new ArrayList<>();
    private static final Map<String, Setting<?>> BY_KEY = new LinkedHashMap<>();
    private static final Map<String, Setting<?>> BY_ENV = new LinkedHashMap<>();

    // ---- store
    public static final Setting<Path> STORE_PATH = add(Setting.ofPath("store.path", "data/herald.db",
            "SQLite database file (relative paths are resolved against the working directory)"));
    public static final Setting<String> STORE_URL = add(Setting.of("store.url", "",
            "the database as a JDBC URL: jdbc:sqlite:FILE or jdbc:postgresql://host:5432/db; empty = store.path",
            "empty, jdbc:sqlite:FILE or jdbc:postgresql://host:port/database, with no user or password in it (set "
                    + Secrets.HERALD_STORE_USER + " and " + Secrets.HERALD_STORE_PASSWORD + ")",
            String::strip, Settings::storeUrl, s -> s));

    // ---- content
    public static final Setting<List<String>> CONTENT_PATHS = add(Setting.ofStringList("content.paths",
            "a comma-separated list of folders, files or URLs",
            "folders, files or URLs that 'reload' loads; empty = the bundled sample articles"));
    public static final Setting<List<String>> CONTENT_ALLOWED_ROOTS = add(Setting.ofStringList("content.allowed-roots",
            "a comma-separated list of folders",
            "the only folders local files are loaded from (ingest, /add, reload), links leaving them refused; "
                    + "empty = the database's folder (data/) and the content.paths entries"));
    public static final Setting<Integer> CONTENT_MAX_FILE_MB = add(Setting.ofInt("content.max-file-mb", 20, 1, 2048,
            "largest file or download, in megabytes, that loading accepts"));

    // ---- sources
    public static final Setting<Duration> SOURCES_REFRESH_INTERVAL = add(Setting.ofDuration("sources.refresh-interval", "30m",
            Duration.ofMinutes(1), Duration.ofDays(7), "how often web pages and feeds are fetched again while the bot runs"));
    public static final Setting<Boolean> SOURCES_ALLOW_PRIVATE_ADDRESSES = add(Setting.of("sources.allow-private-addresses",
            false, "allow fetching from loopback, private and link-local addresses (off: protects the host's network)",
            "true or false", s -> s.equalsIgnoreCase("true") ? Boolean.TRUE : s.equalsIgnoreCase("false") ? Boolean.FALSE : null,
            b -> true, String::valueOf));

    // ---- chunking
    public static final Setting<Integer> CHUNKING_MAX_WORDS = add(Setting.ofInt("chunking.max-words", 90, 20, 400,
            "words per chunk, including the title line"));
    public static final Setting<Integer> CHUNKING_OVERLAP_SENTENCES = add(Setting.ofInt("chunking.overlap-sentences", 0, 0, 5,
            "sentences repeated from the end of one chunk at the start of the next"));

    // ---- embedding
    public static final Setting<Integer> EMBEDDING_THREADS = add(Setting.ofInt("embedding.threads", 0, 0, 256,
            "threads used to compute embeddings; 0 = all cores"));
    public static final Setting<Integer> EMBEDDING_BATCH = add(Setting.ofInt("embedding.batch", 8, 1, 64,
            "texts per call to the embedding model (1 = one at a time in one session)"));

    // ---- retrieval
    public static final Setting<Integer> RETRIEVAL_TOP_K = add(Setting.ofInt("retrieval.top-k", 8, 1, 50,
            "how many passages are retrieved for a question"));
    public static final Setting<Double> RETRIEVAL_KEYWORD_WEIGHT = add(Setting.ofDouble("retrieval.keyword-weight", 1.5, 0, 10,
            "weight of the keyword (full-text) ranking in the fused score"));
    public static final Setting<Double> RETRIEVAL_VECTOR_WEIGHT = add(Setting.ofDouble("retrieval.vector-weight", 1.0, 0, 10,
            "weight of the vector (embedding) ranking in the fused score"));
    public static final Setting<Integer> RETRIEVAL_RRF_K = add(Setting.ofInt("retrieval.rrf-k", 60, 1, 1000,
            "the k constant of reciprocal rank fusion; larger = flatter"));
    public static final Setting<Double> RETRIEVAL_RECENCY_WEIGHT = add(Setting.ofDouble("retrieval.recency-weight", 0.5, 0, 10,
            "how much newer articles are boosted; 0 = no recency boost"));
    public static final Setting<Double> RETRIEVAL_RECENCY_HALF_LIFE_DAYS = add(Setting.ofDouble("retrieval.recency-half-life-days",
            14.0, 0.1, 3650, "age in days at which the recency boost has halved"));
    public static final Setting<Integer> RETRIEVAL_CANDIDATES = add(Setting.ofInt("retrieval.candidates", 100, 1, 1000,
            "chunks each search (keyword, vector) passes to the fusion; at least top-k are taken"));
    public static final Setting<Integer> RETRIEVAL_KEYWORD_TERMS = add(Setting.ofInt("retrieval.keyword-terms",
            12, 1, 64, "most query words sent to keyword search: the rarest ones"));
    public static final Setting<Integer> RETRIEVAL_VECTOR_BUDGET = add(Setting.ofInt("retrieval.vector-budget",
            20_000, 0, 100_000_000, "newest chunks vector search looks at (0 = all); keyword search covers everything"));

    // ---- index
    public static final Setting<String> INDEX_PATH = add(Setting.ofString("index.path", "auto",
            "auto, memory, or a folder",
            "where the search indexes live: auto = a folder beside the database (<store.path>.index), memory = "
                    + "filled from the database at every start and held on the heap, or a folder"));

    // ---- answer
    public static final Setting<AnswerMode> ANSWER_MODE = add(Setting.ofEnum("answer.mode", AnswerMode.class,
            AnswerMode.EXTRACTIVE, "extractive = quote the best sentences; llm = let the chat model write the answer"));
    public static final Setting<Integer> ANSWER_MAX_SENTENCES = add(Setting.ofInt("answer.max-sentences", 3, 1, 10,
            "most sentences in an answer"));
    public static final Setting<Double> ANSWER_MIN_EVIDENCE = add(Setting.ofDouble("answer.min-evidence", 0.35, 0, 1,
            "abstention threshold: below this evidence score Herald says it does not know"));

    // ---- chat
    public static final Setting<Duration> CHAT_MEMORY_IDLE = add(Setting.ofDuration("chat.memory-idle", "30m",
            Duration.ofSeconds(1), null, "a chat's follow-up memory is forgotten after this long without messages"));

    // ---- telegram
    public static final Setting<URI> TELEGRAM_API_URL = add(Setting.ofHttpUrl("telegram.api-url", "https://api.telegram.org",
            "Telegram Bot API base URL"));
    public static final Setting<List<Long>> TELEGRAM_ADMINS = add(Setting.ofIdList("telegram.admins", "user ids", false,
            "Telegram user ids allowed to run admin commands"));
    public static final Setting<List<Long>> TELEGRAM_ALLOWED_CHATS = add(Setting.ofIdList("telegram.allowed-chats", "chat ids", true,
            "chat ids the bot answers in; empty = everyone"));
    public static final Setting<Integer> TELEGRAM_MAX_QUESTION_CHARS = add(Setting.ofInt("telegram.max-question-chars", 1000, 10, 4000,
            "longest question accepted, in characters"));
    public static final Setting<Integer> TELEGRAM_RATE_LIMIT_PER_MINUTE = add(Setting.ofInt("telegram.rate-limit-per-minute", 10, 1, 1000,
            "questions per user per minute before the bot asks them to slow down"));

    public static final Setting<TelegramMode> TELEGRAM_MODE = add(Setting.ofEnum("telegram.mode", TelegramMode.class,
            TelegramMode.POLLING, "polling = long polling (one instance at a time polls, others stand by); webhook = "
                    + "Telegram posts updates to telegram.webhook-url, received on telegram.webhook-port"));
    public static final Setting<String> TELEGRAM_WEBHOOK_URL = add(Setting.of("telegram.webhook-url", "",
            "the public https URL Telegram posts updates to (webhook mode); its path is the one served",
            "an https URL, or empty unless telegram.mode is webhook", String::strip,
            s -> s.isEmpty() || Setting.isHttpsUrl(s), s -> s));
    public static final Setting<Integer> TELEGRAM_WEBHOOK_PORT = add(Setting.ofInt("telegram.webhook-port", 8080, 1, 65535,
            "port of the embedded server receiving webhook updates (behind a TLS reverse proxy); /healthz and /metrics are served there too"));

    // ---- ops
    public static final Setting<Integer> OPS_PORT = add(Setting.ofInt("ops.port", 0, 0, 65535,
            "port serving /healthz and /metrics in polling mode; 0 = off"));
    public static final Setting<String> OPS_BIND = add(Setting.ofString("ops.bind", "127.0.0.1", "a host name or IP address",
            "address the ops and webhook server listens on; 0.0.0.0 = every interface"));

    // ---- alerts
    public static final Setting<Integer> ALERTS_MAX_PER_HOUR = add(Setting.ofInt("alerts.max-per-hour", 5, 1, 60,
            "story alerts pushed to one chat per hour; more go into one digest message"));

    // ---- llm
    public static final Setting<URI> LLM_BASE_URL = add(Setting.ofHttpUrl("llm.base-url", "https://api.openai.com/v1",
            "OpenAI-compatible API base URL"));
    public static final Setting<String> LLM_MODEL = add(Setting.ofString("llm.model", "gpt-4o-mini", "a non-blank model name",
            "chat model name"));
    public static final Setting<Duration> LLM_TIMEOUT = add(Setting.ofDuration("llm.timeout", "30s",
            Duration.ofSeconds(1), Duration.ofMinutes(10), "timeout for one model call"));
    public static final Setting<Integer> LLM_MAX_TOKENS = add(Setting.ofInt("llm.max-tokens", 400, 16, 8192,
            "most tokens the model may generate for one answer"));
    public static final Setting<Double> LLM_TEMPERATURE = add(Setting.ofDouble("llm.temperature", 0.2, 0, 2,
            "sampling temperature; lower = more literal"));

    private Settings() {
    }

    /** All settings, in declaration order. */
    public static List<Setting<?>> all() {
        return Collections.unmodifiableList(ALL);
    }

    /** The setting with this dotted key. */
    public static Optional<Setting<?>> byKey(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    /** An empty store.url, or a JDBC URL Herald can open that carries no credential. */
    public static boolean storeUrl(String url) {
        if (url.isEmpty()) return true;
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("jdbc:sqlite:")) return url.length() > "jdbc:sqlite:".length();
        if (!lower.startsWith("jdbc:postgresql://") || url.length() == "jdbc:postgresql://".length()) return false;
        try {
            Setting.refuseJdbcCredentials("store.url", url, "");
            return true;
        } catch (ConfigException e) {
            return false;
        }
    }

    /** The setting overridden by this environment variable, e.g. {@code HERALD_STORE_PATH}. */
    public static Optional<Setting<?>> byEnvName(String envName) {
        return Optional.ofNullable(BY_ENV.get(envName));
    }

    private static <T> Setting<T> add(Setting<T> s) {
        if (BY_KEY.putIfAbsent(s.key(), s) != null) throw new IllegalStateException("duplicate setting " + s.key());
        if (BY_ENV.putIfAbsent(s.envName(), s) != null) throw new IllegalStateException("duplicate env name " + s.envName());
        ALL.add(s);
        return s;
    }
}
