package dev.herald.answer.llm;

import dev.herald.retrieval.RetrievedChunk;
import dev.herald.text.Sentences;
import dev.herald.text.Terms;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a generated answer sentence by sentence against the numbered passages it was written from.
 *
 * <p>A sentence survives only if it carries at least one valid marker {@code [n]} (1 ≤ n ≤ passages; invalid markers
 * are removed) and the cited passages support it: at least {@code minSupport} of its content-word stems occur in them,
 * every number it states occurs in them, and every capitalised name it uses (after its first word) occurs in them.
 * Passage sentences that read like instructions to the model ("ignore previous instructions…") never count as
 * support and are never quoted. Uncited sentences are dropped; a reply that only says the sources don't cover the
 * question is reported as {@link Outcome#declined()}.
 */
final class GroundingCheck {

    static final double DEFAULT_MIN_SUPPORT = 0.3;

    private static final Pattern MARKER = Pattern.compile("\\[(\\d+)]");
    // "[1, 2]", "[1; 3]", "[Passage 2]", "[ 2 ]" → "[1][2]"
    private static final Pattern MARKER_VARIANT = Pattern.compile(
            "(?i)\\[\\s*(?:passages?|sources?)?\\s*(\\d+(?:\\s*[,;]\\s*(?:and\\s+)?\\d+)*)\\s*]");
    // A marker written after the full stop ("Goma.[1] Next") moves before it ("Goma [1]. Next").
    private static final Pattern MARKER_AFTER_STOP = Pattern.compile("([.!?])((?:\\s*\\[\\d+])+)(?=\\s|$)");
    private static final Pattern END = Pattern.compile("([.!?…]+[\"'”’)]*)$");
    private static final Pattern NUMBER = Pattern.compile("(?<![\\p{L}\\d])\\d+(?:[.,]\\d+)*");
    private static final Pattern CAPITALISED = Pattern.compile("(?<![\\p{L}\\d'’])\\p{Lu}[\\p{L}\\d'’-]*");
    private static final Pattern DECLINE = Pattern.compile("(?i)("
            + "\\b(do|does|did|could|can)(n['’]?t| not)\\s+(cover|mention|contain|say|include|state|specify|address|provide|find|answer|tell)"
            + "|\\bnot\\s+(covered|mentioned|stated|specified|provided|included|available|addressed)"
            + "|\\bno\\s+(information|mention|details?|data|reports?)\\b"
            + "|\\b(cannot|can['’]t|unable to)\\s+(find|answer|determine|say|tell)"
            + "|\\bdon['’]t\\s+know\\b)");
    // A link the model wrote: Markdown [text](url), or a bare URL (Telegram turns any URL-looking text into a link).
    private static final Pattern MARKDOWN_LINK = Pattern.compile("\\[([^\\]\\[]+)]\\(\\s*<?((?:https?://|www\\.)[^)\\s>]+)>?\\s*\\)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern URL = Pattern.compile("(?i)(?<![\\w@/])(?:https?://|www\\.)[^\\s<>\"'()\\[\\]]+");
    private static final Pattern INSTRUCTION = Pattern.compile("(?i)("
            + "\\b(ignore|disregard|forget|override|bypass)\\b[^.!?\\n]{0,60}\\b(instructions?|prompts?|rules|guidelines|directions|everything|above)\\b"
            + "|\\b(system prompt|you are now|new instructions?|as an ai\\b|language model)"
            + "|^\\W*(assistant|system|user)\\s*:)");

    private final double minSupport;

    GroundingCheck(double minSupport) {
        if (minSupport < 0 || minSupport > 1) throw new IllegalArgumentException("minSupport must be in 0..1");
        this.minSupport = minSupport;
    }

    /** A sentence that passed: its text without markers, its end punctuation, and the valid passages it cites. */
    record Kept(String body, String end, List<Integer> passages, Map<Integer, List<String>> quotes) {
    }

    /**
     * @param kept               sentences that passed, in order
     * @param droppedUncited     sentences without any marker (not counting a "sources don't cover it" statement)
     * @param droppedInvalid     sentences whose every marker was out of range
     * @param droppedUnsupported sentences the cited passages do not support
     * @param markersRepaired    out-of-range markers removed
     * @param declined           the reply says the sources don't cover the question (in an uncited sentence)
     */
    record Outcome(List<Kept> kept, int droppedUncited, int droppedInvalid, int droppedUnsupported,
                   int droppedRepeated, int markersRepaired, int urlsRemoved, boolean declined) {
        int dropped() {
            return droppedUncited + droppedInvalid + droppedUnsupported + droppedRepeated;
        }

        String describe() {
            return "kept " + kept.size() + ", dropped " + dropped() + " (" + droppedUncited + " uncited, "
                    + droppedInvalid + " invalid citation, " + droppedUnsupported + " unsupported, " + droppedRepeated
                    + " repeated), repaired " + markersRepaired + " markers, removed " + urlsRemoved + " links"
                    + (declined ? ", model said the sources don't cover it" : "");
        }
    }

    private record Evidence(int n, String header, List<String> sentences, List<Set<String>> sentenceStems,
                            Set<String> stems, Set<String> tokens, Set<String> numbers) {
    }

    Outcome check(String reply, List<RetrievedChunk> passages, List<String> headers) {
        List<Evidence> evidence = new ArrayList<>();
        for (int i = 0; i < passages.size(); i++) evidence.add(evidence(i + 1, headers.get(i), passages.get(i).text()));

        List<Kept> kept = new ArrayList<>();
        Set<String> said = new HashSet<>();
        int uncited = 0, invalid = 0, unsupported = 0, repeated = 0, repaired = 0;
        int[] urlsRemoved = {0};
        boolean declined = false;
        for (Sentences.Span span : Sentences.split(normalize(reply))) {
            String sentence = span.text().replaceFirst("^\\s*(?:[-•*]|\\d+[.)])\\s+", "");
            List<Integer> markers = new ArrayList<>();
            Matcher m = MARKER.matcher(sentence);
            while (m.find()) markers.add(parse(m.group(1)));
            String body = MARKER.matcher(sentence).replaceAll(" ").replace("**", "");
            body = withoutForeignUrls(body, markers, passages, urlsRemoved);
            body = body.replaceAll("\\s+", " ").strip().replaceAll("\\s+([.,;:!?…])", "$1");
            if (body.chars().noneMatch(Character::isLetterOrDigit)) continue;
            if (markers.isEmpty()) {
                if (DECLINE.matcher(body).find()) declined = true;
                else uncited++;
                continue;
            }
            LinkedHashSet<Integer> valid = new LinkedHashSet<>();
            for (int n : markers) {
                if (n >= 1 && n <= passages.size()) valid.add(n);
                else repaired++;
            }
            if (valid.isEmpty()) {
                invalid++;
                continue;
            }
            String end = "";
            Matcher e = END.matcher(body);
            if (e.find()) {
                end = e.group(1);
                body = body.substring(0, e.start()).stripTrailing();
            }
            List<Evidence> cited = new ArrayList<>();
            for (int n : valid) cited.add(evidence.get(n - 1));
            // a link kept (the cited article's own) is not a claim: its digits and words are not checked
            String claim = URL.matcher(body).replaceAll(" ").replaceAll("\\(\\s*\\)", " ");
            Map<Integer, List<String>> quotes = supported(claim, cited);
            if (quotes == null) {
                unsupported++;
                continue;
            }
            // the same claim twice (models repeat themselves when told to cite every sentence) is shown once
            if (!said.add(String.join(" ", new java.util.TreeSet<>(Terms.contentStems(claim))))) {
                repeated++;
                continue;
            }
            kept.add(new Kept(body, end.isEmpty() ? "." : end, List.copyOf(valid), quotes));
        }
        return new Outcome(kept, uncited, invalid, unsupported, repeated, repaired, urlsRemoved[0], declined);
    }

    /**
     * The sentence without links other than the article URLs of the passages it cites: a URL the model made up (or
     * took from a passage's text) would be shown, and auto-linked by Telegram, as if it were a source. A Markdown
     * link keeps its text.
     */
    private static String withoutForeignUrls(String sentence, List<Integer> markers, List<RetrievedChunk> passages,
                                             int[] removed) {
        if (sentence.indexOf("://") < 0 && !sentence.toLowerCase(java.util.Locale.ROOT).contains("www.")) return sentence;
        int before = removed[0];
        Set<String> allowed = new HashSet<>();
        for (int n : markers) {
            if (n < 1 || n > passages.size()) continue;
            String url = passages.get(n - 1).article().url();
            if (url != null && !url.isBlank()) allowed.add(comparable(url));
        }
        Matcher md = MARKDOWN_LINK.matcher(sentence);
        StringBuilder sb = new StringBuilder();
        while (md.find()) {
            boolean keep = allowed.contains(comparable(md.group(2)));
            if (!keep) removed[0]++;
            md.appendReplacement(sb, Matcher.quoteReplacement(keep ? md.group(2) : md.group(1)));
        }
        md.appendTail(sb);
        Matcher bare = URL.matcher(sb.toString());
        StringBuilder out = new StringBuilder();
        while (bare.find()) {
            String url = bare.group().replaceFirst("[.,;:!?…]+$", "");
            String tail = bare.group().substring(url.length());
            boolean keep = allowed.contains(comparable(url));
            if (!keep) removed[0]++;
            bare.appendReplacement(out, Matcher.quoteReplacement((keep ? url : "") + tail));
        }
        bare.appendTail(out);
        if (removed[0] == before) return out.toString();
        // "(see )" or "more at ." left behind by a removed link
        return out.toString().replaceAll("\\(\\s*(?:see|at|via)?\\s*\\)", " ")
                .replaceAll("(?i)\\s+(?:at|see|via)\\s*(?=[.,;:!?…]|$)", "")
                .replaceAll("\\s*[,;:]+\\s*(?=[.!?…]|$)", "");
    }

    /** A URL compared without scheme, "www.", trailing slash or case of the host. */
    private static String comparable(String url) {
        return url.strip().toLowerCase(java.util.Locale.ROOT).replaceFirst("^https?://", "").replaceFirst("^www\\.", "")
                .replaceFirst("/+$", "");
    }

    /** The quotes that support the sentence, per cited passage; null when the cited passages do not support it. */
    private Map<Integer, List<String>> supported(String body, List<Evidence> cited) {
        Set<String> stems = Terms.contentStems(body);
        if (stems.isEmpty()) return null;
        Set<String> allStems = new HashSet<>(), allTokens = new HashSet<>(), allNumbers = new HashSet<>();
        for (Evidence ev : cited) {
            allStems.addAll(ev.stems());
            allTokens.addAll(ev.tokens());
            allNumbers.addAll(ev.numbers());
        }
        // 1. enough of its content words occur in the cited passages
        int hit = 0;
        for (String s : stems) if (allStems.contains(s)) hit++;
        if (hit < minSupport * stems.size()) return null;
        // 2. every number it states occurs there
        for (String num : numbers(body)) if (!allNumbers.contains(num)) return null;
        // 3. every capitalised name (after the first word) occurs there
        Matcher cap = CAPITALISED.matcher(body);
        while (cap.find()) {
            if (cap.start() == firstWordStart(body)) continue;
            for (String t : Terms.tokens(cap.group())) {
                if (Terms.STOP_WORDS.contains(t) || t.length() < 2) continue;
                if (!allTokens.contains(t) && !allStems.contains(Terms.stem(t))) return null;
            }
        }
        // 4. quote, from each cited passage, the sentence(s) that cover most of it
        Map<Integer, List<String>> quotes = new LinkedHashMap<>();
        Set<String> wanted = new HashSet<>(stems);
        wanted.addAll(numbers(body));
        for (Evidence ev : cited) {
            List<String> picked = pickQuotes(ev, wanted);
            if (picked.isEmpty()) return null; // support came only from the header line, or only from instructions
            quotes.put(ev.n(), picked);
        }
        return quotes;
    }

    /** Greedy: the passage sentence covering most of what is still unexplained, then a second if it adds more. */
    private static List<String> pickQuotes(Evidence ev, Set<String> wanted) {
        List<String> out = new ArrayList<>();
        Set<String> left = new HashSet<>(wanted);
        for (int round = 0; round < 2; round++) {
            int best = -1, bestGain = 0;
            for (int i = 0; i < ev.sentences().size(); i++) {
                if (out.contains(ev.sentences().get(i))) continue;
                int gain = 0;
                for (String s : ev.sentenceStems().get(i)) if (left.contains(s)) gain++;
                if (gain > bestGain) {
                    bestGain = gain;
                    best = i;
                }
            }
            if (best < 0 || (round > 0 && bestGain < 2)) break; // a second quote must add more than one word
            out.add(ev.sentences().get(best));
            left.removeAll(ev.sentenceStems().get(best));
        }
        return out;
    }

    private static Evidence evidence(int n, String header, String text) {
        List<String> sentences = new ArrayList<>();
        List<Set<String>> sentenceStems = new ArrayList<>();
        Set<String> stems = new HashSet<>(Terms.contentStems(header));
        Set<String> tokens = new HashSet<>(Terms.tokens(header));
        Set<String> nums = new HashSet<>(numbers(header));
        for (Sentences.Span s : Sentences.split(text)) {
            if (isInstruction(s.text())) continue;
            Set<String> st = new HashSet<>(Terms.contentStems(s.text()));
            st.addAll(numbers(s.text()));
            sentences.add(s.text());
            sentenceStems.add(st);
            stems.addAll(Terms.contentStems(s.text()));
            tokens.addAll(Terms.tokens(s.text()));
            nums.addAll(numbers(s.text()));
        }
        return new Evidence(n, header, sentences, sentenceStems, stems, tokens, nums);
    }

    static boolean isInstruction(String sentence) {
        return INSTRUCTION.matcher(sentence).find();
    }

    static boolean declines(String text) {
        return DECLINE.matcher(text).find();
    }

    /** Numbers as written, with thousands separators and leading zeros removed ("1,200" → "1200", "07" → "7"). */
    static Set<String> numbers(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            String s = m.group();
            if (s.matches("\\d{1,3}(,\\d{3})+")) s = s.replace(",", "");
            s = s.replaceFirst("^0+(?=\\d)", "");
            out.add(s);
        }
        return out;
    }

    static String normalize(String reply) {
        Matcher m = MARKER_VARIANT.matcher(reply);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            StringBuilder markers = new StringBuilder();
            for (String n : m.group(1).split("\\s*[,;]\\s*(?:and\\s+)?")) markers.append('[').append(n.strip()).append(']');
            m.appendReplacement(sb, Matcher.quoteReplacement(markers.toString()));
        }
        m.appendTail(sb);
        return MARKER_AFTER_STOP.matcher(sb.toString()).replaceAll("$2$1");
    }

    private static int parse(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int firstWordStart(String s) {
        for (int i = 0; i < s.length(); i++) if (Character.isLetterOrDigit(s.charAt(i))) return i;
        return 0;
    }
}
