package dev.herald.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Herald's resolved, immutable configuration.
 *
 * <p>Each setting is resolved as: its default, overridden by the YAML file, overridden by the environment variable
 * {@code HERALD_<KEY>} (key upper-cased, {@code .} and {@code -} become {@code _}, e.g. {@code HERALD_STORE_PATH},
 * {@code HERALD_TELEGRAM_ADMINS=1,2}), overridden by command-line options applied with {@link #withOverride}.
 *
 * <p>The file is: the explicit path given to {@link #load}, else {@code $HERALD_CONFIG}, else
 * {@code config/herald.yml} if it exists in the working directory, else none (defaults and environment only).
 * An explicit or {@code HERALD_CONFIG} file that does not exist is an error. Unknown keys in the file, and unknown
 * {@code HERALD_*} environment variables, are errors.
 *
 * <p>Relative paths ({@code store.path}, and relative config file paths) are resolved against the working
 * directory Herald was started in, never against the config file's folder.
 *
 * <p>Secrets ({@link Secrets}) come only from the environment; the file may not contain them, and neither
 * {@link #toString()} nor {@link #describe()} ever shows them.
 */
public final class HeraldConfig {

    /** Prefix of the environment variables that override settings. */
    public static final String ENV_PREFIX = "HERALD_";
    /** Environment variable naming the config file to use. */
    public static final String CONFIG_ENV = "HERALD_CONFIG";
    /** The file used when neither an explicit path nor {@link #CONFIG_ENV} is given, if it exists. */
    public static final Path DEFAULT_FILE = Path.of("config", "herald.yml");
    /** Environment variable read by the logging configuration ({@code logback.xml}): WARN by default. */
    public static final String LOG_LEVEL_ENV = "HERALD_LOG_LEVEL";
    /**
     * Where the tests and {@code herald eval} users find the shared benchmark data (README); not a setting, but a
     * developer exports it in the shell they also run Herald from.
     */
    public static final String SHARED_DIR_ENV = "HERALD_SHARED_DIR";
    /** {@code HERALD_*} environment variables that are not settings. */
    public static final Set<String> RESERVED_ENV = Set.of(CONFIG_ENV, Secrets.HERALD_LLM_API_KEY, LOG_LEVEL_ENV,
            SHARED_DIR_ENV, Secrets.HERALD_STORE_USER, Secrets.HERALD_STORE_PASSWORD, Secrets.HERALD_WEBHOOK_SECRET);

    static final String DEFAULT_ORIGIN = "default";

    private final Map<String, Object> values;   // key -> value, in Settings.all() order
    private final Map<String, String> origins;  // key -> "default" | "<file> line N" | env name | CLI origin
    private final Path file;
    private final Path workingDir;
    private final Secrets secrets;

    private HeraldConfig(Map<String, Object> values, Map<String, String> origins, Path file, Path workingDir,
                         Secrets secrets) {
        this.values = values;
        this.origins = origins;
        this.file = file;
        this.workingDir = workingDir;
        this.secrets = secrets;
    }

    /** Every setting at its default, no file, no secrets. */
    public static HeraldConfig defaults() {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        for (Setting<?> s : Settings.all()) {
            values.put(s.key(), s.defaultValue());
            origins.put(s.key(), DEFAULT_ORIGIN);
        }
        return new HeraldConfig(values, origins, null, Path.of(""), Secrets.none());
    }

    /**
     * Loads the configuration for a process started in the current working directory.
     *
     * @param fileOrNull an explicit config file (must exist), or null to use {@code HERALD_CONFIG} /
     *                   {@code config/herald.yml} / nothing
     * @param env        the environment, normally {@code System.getenv()}
     * @throws ConfigException with a one-line message on any problem
     */
    public static HeraldConfig load(Path fileOrNull, Map<String, String> env) {
        return load(fileOrNull, env, Path.of(""));
    }

    /**
     * As {@link #load(Path, Map)}, with the working directory given explicitly: it is where
     * {@code config/herald.yml} is looked for and what relative paths (the config file, {@code store.path})
     * are resolved against. {@code Path.of("")} means the process's working directory and keeps paths relative.
     */
    public static HeraldConfig load(Path fileOrNull, Map<String, String> env, Path workingDir) {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(workingDir, "workingDir");
        // read (and register for redaction) first, so that no message below can show a secret pasted elsewhere
        Secrets secrets = Secrets.fromEnv(env);
        checkLogLevel(env.get(LOG_LEVEL_ENV));
        Path file = chooseFile(fileOrNull, env, workingDir);

        HeraldConfig base = defaults();
        Map<String, Object> values = new LinkedHashMap<>();
        base.values.forEach((key, value) -> values.put(key, resolvePath(value, workingDir)));
        Map<String, String> origins = new LinkedHashMap<>(base.origins);

        if (file != null) {
            for (ConfigFile.Entry entry : ConfigFile.read(file)) {
                String origin = file + " line " + entry.line();
                Setting<?> setting = Settings.byKey(entry.key()).orElseThrow(() -> unknownFileKey(entry.key(), origin));
                values.put(setting.key(), resolvePath(fromYaml(setting, entry, origin), workingDir));
                origins.put(setting.key(), origin);
            }
        }

        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            String name = e.getKey();
            if (!name.startsWith(ENV_PREFIX) || RESERVED_ENV.contains(name)) continue;
            Setting<?> setting = Settings.byEnvName(name).orElseThrow(() -> unknownEnv(name));
            values.put(setting.key(), resolvePath(setting.parse(e.getValue(), name), workingDir));
            origins.put(setting.key(), name);
        }

        return new HeraldConfig(values, origins, file, workingDir, secrets).checkNoSecretInUrls();
    }

    /** URL settings were checked for credential shapes when parsed; now that the secrets are known, for them too. */
    private HeraldConfig checkNoSecretInUrls() {
        for (Setting<?> s : Settings.all()) {
            if (!(values.get(s.key()) instanceof java.net.URI u)) continue;
            String url = u.toString();
            boolean contains = secrets.telegramBotToken().map(url::contains).orElse(false)
                    || secrets.llmApiKey().map(url::contains).orElse(false);
            if (contains) throw Setting.credentialInUrl(s.key(), origins.get(s.key()));
        }
        return this;
    }

    // ---------------------------------------------------------------- reading

    /** The value of a setting declared in {@link Settings}. */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        return (T) values.get(registered(setting).key());
    }

    /**
     * Where the value of a setting came from: {@code default}, {@code <file> line N}, the environment variable
     * name, or the origin given to {@link #withOverride}.
     */
    public String origin(Setting<?> setting) {
        return origins.get(registered(setting).key());
    }

    /** The config file that was read, if any. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** Credentials from the environment. */
    public Secrets secrets() {
        return secrets;
    }

    // ---------------------------------------------------------------- overriding

    /**
     * A copy with one setting replaced by a raw text value, parsed and checked like any other source.
     * For command-line options, e.g. {@code config.withOverride(Settings.STORE_PATH, dbFile, "--db")}.
     *
     * @param origin where the value came from, shown in error messages and {@link #describe()}
     * @throws ConfigException if the value is not valid
     */
    public <T> HeraldConfig withOverride(Setting<T> setting, String rawValue, String origin) {
        Objects.requireNonNull(origin, "origin");
        T value = registered(setting).parse(rawValue, origin);
        return with(setting, value, origin);
    }

    /** A copy with one setting replaced by an already-typed value (checked against the setting's rules). */
    public <T> HeraldConfig with(Setting<T> setting, T value, String origin) {
        Objects.requireNonNull(origin, "origin");
        registered(setting);
        // Round-trip through the text form so that typed values obey exactly the same rules as text ones
        // (lists item by item, so that items containing commas survive).
        Objects.requireNonNull(value, "value");
        T checked = setting.isList()
                ? setting.parseItems(((List<?>) value).stream().map(String::valueOf).toList(), origin)
                : setting.parse(setting.format(value), origin);
        Map<String, Object> v = new LinkedHashMap<>(values);
        Map<String, String> o = new LinkedHashMap<>(origins);
        v.put(setting.key(), resolvePath(checked, workingDir));
        o.put(setting.key(), origin);
        return new HeraldConfig(v, o, file, workingDir, secrets);
    }

    /** A copy carrying other secrets (for tests and embedding). */
    public HeraldConfig withSecrets(Secrets newSecrets) {
        return new HeraldConfig(values, origins, file, workingDir, Objects.requireNonNull(newSecrets, "secrets"))
                .checkNoSecretInUrls();
    }

    // ---------------------------------------------------------------- showing

    /**
     * Every setting with its value and origin, one per line, followed by which secrets are set (never their
     * values). Suitable for a {@code config} CLI command or a startup log.
     */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("config file: ").append(file == null ? "(none, defaults and environment only)" : file).append('\n');
        int width = Settings.all().stream().mapToInt(s -> s.key().length()).max().orElse(0);
        for (Setting<?> s : Settings.all()) {
            sb.append(String.format(Locale.ROOT, "%-" + width + "s = %s  (%s)%n", s.key(), shown(s), origins.get(s.key())));
        }
        sb.append("secrets: ").append(secrets);
        return sb.toString();
    }

    /** One line with every key and value; secrets appear only as set/unset. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("HeraldConfig{");
        sb.append("file=").append(file == null ? "none" : file);
        for (Setting<?> s : Settings.all()) sb.append(", ").append(s.key()).append('=').append(shown(s));
        return sb.append(", secrets=").append(secrets).append('}').toString();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private String shown(Setting s) {
        Object v = values.get(s.key());
        if (s.isList() && ((List<?>) v).isEmpty()) return "[]";
        return s.format(v);
    }

    // ---------------------------------------------------------------- helpers

    private static Path chooseFile(Path explicit, Map<String, String> env, Path workingDir) {
        if (explicit != null) return mustExist(workingDir.resolve(explicit), "");
        String fromEnv = env.get(CONFIG_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return mustExist(workingDir.resolve(fromEnv.strip()), " (from " + CONFIG_ENV + ")");
        }
        Path candidate = workingDir.resolve(DEFAULT_FILE);
        return Files.isRegularFile(candidate) ? candidate : null;
    }

    private static Path mustExist(Path file, String origin) {
        if (!Files.exists(file)) throw new ConfigException(null, "config file " + file + " does not exist" + origin, null);
        if (!Files.isRegularFile(file)) throw new ConfigException(null, "config file " + file + " is not a regular file" + origin, null);
        return file;
    }

    private static Object fromYaml(Setting<?> setting, ConfigFile.Entry entry, String origin) {
        Node node = entry.value();
        if (setting.isList()) {
            if (entry.isNull()) return setting.parse("", origin);
            if (node instanceof SequenceNode seq) {
                List<String> items = new ArrayList<>();
                for (Node item : seq.getValue()) {
                    if (!(item instanceof ScalarNode s)) throw ConfigException.invalid(setting.key(), entry.text(), setting.allowed(), origin);
                    items.add(s.getValue());
                }
                return setting.parseItems(items, origin);
            }
            return setting.parse(entry.text(), origin);
        }
        if (entry.isNull() || !(node instanceof ScalarNode)) {
            throw ConfigException.invalid(setting.key(), entry.text(), setting.allowed(), origin);
        }
        return setting.parse(entry.text(), origin);
    }

    @SuppressWarnings("unchecked")
    private static <T> T resolvePath(T value, Path workingDir) {
        return value instanceof Path p ? (T) workingDir.resolve(p) : value;
    }

    private static <S extends Setting<?>> S registered(S setting) {
        Objects.requireNonNull(setting, "setting");
        if (Settings.byKey(setting.key()).orElse(null) != setting) {
            throw new IllegalArgumentException("setting " + setting.key() + " is not declared in Settings");
        }
        return setting;
    }

    private static ConfigException unknownFileKey(String key, String origin) {
        if (looksSecret(key)) {
            return new ConfigException(key, key + " must not be in the config file: secrets are read only from the environment, set "
                    + secretEnvFor(key) + " instead (from " + origin + ")", null);
        }
        List<String> keys = Settings.all().stream().map(Setting::key).toList();
        String hint = closest(key, keys).map(k -> " (did you mean " + k + "?)")
                .orElse(" (all settings are listed in config/herald.yml)");
        return new ConfigException(key, "unknown setting '" + key + "'" + hint + " (from " + origin + ")", null);
    }

    /** Levels logback knows; it would read anything else ("LOUD") as DEBUG without a word. */
    static final List<String> LOG_LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "OFF");

    private static void checkLogLevel(String level) {
        if (level == null || LOG_LEVELS.contains(level.strip().toUpperCase(java.util.Locale.ROOT))) return;
        throw new ConfigException(LOG_LEVEL_ENV, LOG_LEVEL_ENV + " = " + ConfigException.quote(level)
                + " is not valid: expected one of " + String.join(", ", LOG_LEVELS), null);
    }

    private static ConfigException unknownEnv(String name) {
        if (looksSecret(name)) {
            return new ConfigException(name, "unknown environment variable " + name + ": secrets are read from "
                    + secretEnvFor(name) + ", not from HERALD_* setting variables", null);
        }
        List<String> names = Settings.all().stream().map(Setting::envName).toList();
        String hint = closest(name, names).map(n -> " (did you mean " + n + "?)")
                .orElse(" (HERALD_* variables must name a setting from config/herald.yml, e.g. HERALD_STORE_PATH)");
        return new ConfigException(name, "unknown setting in environment variable " + name + hint, null);
    }

    /** Keys such as {@code telegram.token}, {@code llm.api-key}, {@code bot_token}, {@code password}. */
    static boolean looksSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        String leaf = k.substring(Math.max(k.lastIndexOf('.'), k.lastIndexOf('_')) + 1);
        String flat = k.replace("-", "").replace("_", "").replace(".", "");
        return flat.endsWith("token") || flat.endsWith("apikey") || flat.endsWith("secret")
                || flat.endsWith("password") || flat.endsWith("passwd") || leaf.equals("key");
    }

    private static String secretEnvFor(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        if (k.contains("store") || k.contains("database") || k.contains("passw")) return Secrets.HERALD_STORE_PASSWORD;
        if (k.contains("webhook")) return Secrets.HERALD_WEBHOOK_SECRET;
        if (k.contains("telegram") || k.contains("bot")) return Secrets.TELEGRAM_BOT_TOKEN;
        if (k.contains("llm") || k.contains("openai") || k.contains("api")) {
            return Secrets.HERALD_LLM_API_KEY + " (or " + Secrets.OPENAI_API_KEY + ")";
        }
        return Secrets.TELEGRAM_BOT_TOKEN + " or " + Secrets.HERALD_LLM_API_KEY;
    }

    /** The candidate closest to {@code key} by edit distance, if it is close enough to be a plausible typo. */
    static Optional<String> closest(String key, Collection<String> candidates) {
        for (String c : candidates) {       // "store" -> "store.path": a section given a value
            if (c.startsWith(key + ".") || c.startsWith(key + "_")) return Optional.of(c);
        }
        String best = null;
        int bestScore = Integer.MAX_VALUE;
        for (String c : candidates) {
            int score = distance(key, c);
            int dot = c.lastIndexOf('.');
            if (key.indexOf('.') < 0 && dot >= 0) score = Math.min(score, distance(key, c.substring(dot + 1)));
            if (score < bestScore) {
                bestScore = score;
                best = c;
            }
        }
        int limit = Math.max(2, key.length() / 4);
        return bestScore <= limit ? Optional.ofNullable(best) : Optional.empty();
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = Character.toLowerCase(a.charAt(i - 1)) == Character.toLowerCase(b.charAt(j - 1)) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
