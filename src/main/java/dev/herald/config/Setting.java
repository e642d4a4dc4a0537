package dev.herald.config;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One declared, immutable setting: a dotted key such as {@code store.path}, how to parse and check a raw text
 * value, the default, a one-line description and a human description of what is allowed
 * (e.g. "an integer from 1 to 50"). Instances are created with the static factories and registered as
 * constants in {@link Settings}.
 *
 * <p>Raw values are trimmed before parsing. List settings take a comma-separated string (blank = empty list)
 * or, in YAML, a sequence of items.
 *
 * @param <T> the parsed value type
 */
public final class Setting<T> {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*(\\.[a-z][a-z0-9]*(-[a-z0-9]+)*)+");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,19}");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private final String key;
    private final T defaultValue;
    private final String description;
    private final String allowed;
    private final Function<String, T> parser;          // throws IllegalArgumentException (or returns null) when not valid
    private final Function<List<String>, T> itemsParser; // non-null only for list settings
    private final Predicate<T> validator;
    private final Function<T, String> formatter;

    private Setting(String key, T defaultValue, String description, String allowed, Function<String, T> parser,
                    Function<List<String>, T> itemsParser, Predicate<T> validator, Function<T, String> formatter) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("setting key must be dotted lower-case words like 'store.path': " + key);
        }
        this.key = key;
        this.defaultValue = Objects.requireNonNull(defaultValue, "defaultValue");
        this.description = requireText(description, "description");
        this.allowed = requireText(allowed, "allowed");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.itemsParser = itemsParser;
        this.validator = Objects.requireNonNull(validator, "validator");
        this.formatter = Objects.requireNonNull(formatter, "formatter");
        if (!validator.test(defaultValue)) {
            throw new IllegalArgumentException("default of " + key + " is not " + allowed + ": " + defaultValue);
        }
    }

    // ---------------------------------------------------------------- factories

    /**
     * A setting with a custom parser. The parser may throw {@link IllegalArgumentException} (or return null) for
     * text it cannot read; {@code valid} then checks the parsed value. {@code allowed} completes the sentence
     * "expected ...", e.g. "a port number from 1 to 65535".
     */
    public static <T> Setting<T> of(String key, T defaultValue, String description, String allowed,
                                    Function<String, T> parser, Predicate<T> valid, Function<T, String> format) {
        return new Setting<>(key, defaultValue, description, allowed, parser, null, valid, format);
    }

    /** An integer in {@code [min, max]}. */
    public static Setting<Integer> ofInt(String key, int defaultValue, int min, int max, String description) {
        return of(key, defaultValue, description, "an integer from " + min + " to " + max,
                Setting::parseInt, v -> v >= min && v <= max, String::valueOf);
    }

    /** A decimal number in {@code [min, max]} (plain notation such as {@code 0.3}, {@code 1}, {@code 2.5e-1}). */
    public static Setting<Double> ofDouble(String key, double defaultValue, double min, double max, String description) {
        return of(key, defaultValue, description, "a number from " + formatDouble(min) + " to " + formatDouble(max),
                Setting::parseDouble, v -> v >= min && v <= max, Setting::formatDouble);
    }

    /** A non-blank string. */
    public static Setting<String> ofString(String key, String defaultValue, String allowed, String description) {
        return of(key, defaultValue, description, allowed, s -> s, s -> !s.isBlank(), s -> s);
    }

    /**
     * A file system path, kept as written. {@link HeraldConfig#load} resolves a relative path against the working
     * directory (the directory Herald was started in), not against the config file's folder.
     */
    public static Setting<Path> ofPath(String key, String defaultValue, String description) {
        return of(key, Path.of(defaultValue), description, "a file path", Setting::parsePath,
                p -> !p.toString().isEmpty(), p -> p.toString().replace('\\', '/'));
    }

    /**
     * A duration written as a number with a unit, e.g. {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h},
     * {@code 1d}, or combined {@code 1h30m}; ISO-8601 such as {@code PT30S} is accepted too. A bare number has no
     * unit and is rejected.
     */
    public static Setting<Duration> ofDuration(String key, String defaultValue, Duration min, Duration max,
                                               String description) {
        String allowed = max == null
                ? (min.isZero() ? "a duration like 30s, 5m, 2h" : "a duration of at least " + formatDuration(min) + ", like 30s, 5m, 2h")
                : "a duration from " + formatDuration(min) + " to " + formatDuration(max) + ", like 30s, 5m, 2h";
        return of(key, parseDuration(defaultValue), description, allowed, Setting::parseDuration,
                d -> d.compareTo(min) >= 0 && (max == null || d.compareTo(max) <= 0), Setting::formatDuration);
    }

    /** An absolute http or https URL with a host. */
    public static Setting<URI> ofHttpUrl(String key, String defaultValue, String description) {
        return of(key, parseHttpUrl(defaultValue), description, "an http(s) URL", Setting::parseHttpUrl,
                u -> true, URI::toString);
    }

    /** One of the enum's constants, written in lower case ({@code extractive}); matching ignores case. */
    public static <E extends Enum<E>> Setting<E> ofEnum(String key, Class<E> type, E defaultValue, String description) {
        E[] constants = type.getEnumConstants();
        String names = Arrays.stream(constants).map(Setting::enumName).collect(Collectors.joining(", "));
        return of(key, defaultValue, description, "one of " + names, raw -> {
            for (E e : constants) {
                if (enumName(e).equalsIgnoreCase(raw)) return e;
            }
            return null;
        }, e -> true, Setting::enumName);
    }

    /** A list of non-blank strings: comma-separated text, or a YAML sequence (whose items may contain commas). */
    public static Setting<List<String>> ofStringList(String key, String allowed, String description) {
        return list(key, description, allowed, s -> s, s -> true, s -> s);
    }

    /**
     * A list of integer ids (Telegram user or chat ids): comma-separated text or a YAML sequence.
     *
     * @param allowNegative Telegram group and channel chat ids are negative; user ids are positive
     */
    public static Setting<List<Long>> ofIdList(String key, String noun, boolean allowNegative, String description) {
        return list(key, description, "a comma-separated list of integer " + noun,
                Setting::parseLong, id -> id != 0 && (allowNegative || id > 0), String::valueOf);
    }

    private static <E> Setting<List<E>> list(String key, String description, String allowed, Function<String, E> item,
                                             Predicate<E> itemValid, Function<E, String> itemFormat) {
        Function<List<String>, List<E>> items = raws -> {
            List<E> out = new ArrayList<>(raws.size());
            for (String raw : raws) {
                String s = raw == null ? "" : raw.strip();
                if (s.isEmpty()) throw new IllegalArgumentException("empty item");
                E e = item.apply(s);
                if (e == null || !itemValid.test(e)) throw new IllegalArgumentException("bad item " + s);
                out.add(e);
            }
            return List.copyOf(out);
        };
        Function<String, List<E>> text = raw -> raw.isBlank() ? List.of() : items.apply(Arrays.asList(raw.split(",", -1)));
        return new Setting<>(key, List.of(), description, allowed, text, items, l -> true,
                l -> l.stream().map(itemFormat).collect(Collectors.joining(",")));
    }

    // ---------------------------------------------------------------- accessors

    /** The dotted key, e.g. {@code retrieval.top-k}. */
    public String key() {
        return key;
    }

    /** The environment variable that overrides this setting: {@code HERALD_} + key upper-cased, {@code .}/{@code -} → {@code _}. */
    public String envName() {
        return envNameOf(key);
    }

    public T defaultValue() {
        return defaultValue;
    }

    /** One line saying what the setting does. */
    public String description() {
        return description;
    }

    /** What values are accepted, phrased to follow "expected", e.g. "an integer from 1 to 50". */
    public String allowed() {
        return allowed;
    }

    /** True when the value is a list (comma-separated text or a YAML sequence). */
    public boolean isList() {
        return itemsParser != null;
    }

    // ---------------------------------------------------------------- parsing

    /**
     * Parses and checks a raw text value.
     *
     * @param origin where the value came from, e.g. {@code HERALD_RETRIEVAL_TOP_K} or {@code config/herald.yml line 12}
     * @throws ConfigException naming the key, the value, what is allowed and the origin
     */
    public T parse(String raw, String origin) {
        T value;
        try {
            value = raw == null ? null : parser.apply(raw.strip());
        } catch (RuntimeException e) {
            value = null;
        }
        if (value instanceof URI u) refuseCredentials(key, u.toString(), origin);
        if (value instanceof String s && s.regionMatches(true, 0, "jdbc:", 0, 5)) refuseJdbcCredentials(key, s, origin);
        return check(value, raw, origin);
    }

    /** A JDBC URL with a user or password in it (user info, {@code user=}, {@code password=}): refused unseen. */
    static void refuseJdbcCredentials(String key, String url, String origin) {
        String lower = url.toLowerCase(java.util.Locale.ROOT);
        String afterScheme = lower.contains("//") ? lower.substring(lower.indexOf("//") + 2) : lower;
        String authority = afterScheme.split("[/?]", 2)[0];
        if (authority.contains("@") || lower.contains("password=") || lower.contains("user=")
                || LogRedaction.containsSecret(url)) {
            throw new ConfigException(key, key + " must not contain a user or password; give only the server's"
                    + " address, and the login in " + Secrets.HERALD_STORE_USER + " and " + Secrets.HERALD_STORE_PASSWORD
                    + " (from " + origin + ")", null);
        }
    }

    // a Bot API token pasted into a URL the way Telegram's docs write it: https://api.telegram.org/bot<token>/getMe
    private static final Pattern BOT_TOKEN_PATH = Pattern.compile("(?i)/bot\\d+:[^/?#]+");

    /**
     * Refuses a URL carrying a credential: user info ({@code user:key@host}), a Bot API token path, or a registered
     * secret. The message names the setting but never shows the value, which would print the secret.
     */
    static void refuseCredentials(String key, String url, String origin) {
        boolean userInfo = false;
        try {
            userInfo = new URI(url).getRawUserInfo() != null;
        } catch (URISyntaxException e) {
            // not a URL: nothing to refuse here
        }
        if (userInfo || BOT_TOKEN_PATH.matcher(url).find() || LogRedaction.containsSecret(url)) {
            throw credentialInUrl(key, origin);
        }
    }

    static ConfigException credentialInUrl(String key, String origin) {
        return new ConfigException(key, key + " contains a credential (user info, a bot token or an API key); give"
                + " only the server's address, and the bot token in " + Secrets.TELEGRAM_BOT_TOKEN + ", the API key in "
                + Secrets.HERALD_LLM_API_KEY + " (from " + origin + ")", null);
    }

    /**
     * Parses the items of a YAML sequence for a list setting.
     *
     * @throws ConfigException if an item is not valid, or if this is not a list setting
     */
    public T parseItems(List<String> items, String origin) {
        String shown = "[" + String.join(", ", items) + "]";
        if (itemsParser == null) throw ConfigException.invalid(key, shown, allowed, origin);
        T value;
        try {
            value = itemsParser.apply(items);
        } catch (RuntimeException e) {
            value = null;
        }
        return check(value, shown, origin);
    }

    private T check(T value, String raw, String origin) {
        boolean ok;
        try {
            ok = value != null && validator.test(value);
        } catch (RuntimeException e) {
            ok = false;
        }
        if (!ok) throw ConfigException.invalid(key, raw, allowed, origin);
        return value;
    }

    /** The value written back as text that {@link #parse} accepts (lists comma-separated). */
    public String format(T value) {
        return formatter.apply(value);
    }

    @Override
    public String toString() {
        return key;
    }

    static String envNameOf(String key) {
        return HeraldConfig.ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    // ---------------------------------------------------------------- value syntax

    private static Integer parseInt(String s) {
        if (!INTEGER.matcher(s).matches()) return null;
        long v = Long.parseLong(s);
        return v < Integer.MIN_VALUE || v > Integer.MAX_VALUE ? null : (int) v;
    }

    private static Long parseLong(String s) {
        return INTEGER.matcher(s).matches() ? Long.parseLong(s) : null;
    }

    private static Double parseDouble(String s) {
        if (!DECIMAL.matcher(s).matches()) return null;
        double d = Double.parseDouble(s);
        return Double.isFinite(d) ? d : null;
    }

    static String formatDouble(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private static Path parsePath(String s) {
        if (s.isEmpty()) return null;
        try {
            return Path.of(s);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    static Duration parseDuration(String s) {
        return Durations.parse(s);
    }

    static String formatDuration(Duration d) {
        return Durations.format(d);
    }

    /** An absolute https URL with a host (what Telegram accepts as a webhook). */
    static boolean isHttpsUrl(String s) {
        URI u = parseHttpUrl(s);
        return u != null && u.getScheme().equalsIgnoreCase("https");
    }

    private static URI parseHttpUrl(String s) {
        try {
            URI u = new URI(s);
            String scheme = u.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) return null;
            if (u.getHost() == null || u.getHost().isEmpty()) return null;
            return u;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static String enumName(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }

    private static String requireText(String s, String what) {
        if (s == null || s.isBlank() || s.contains("\n")) throw new IllegalArgumentException(what + " must be one non-blank line");
        return s;
    }
}
