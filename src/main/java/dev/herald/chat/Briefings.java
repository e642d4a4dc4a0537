package dev.herald.chat;

import dev.herald.answer.Answer;
import dev.herald.answer.Citation;
import dev.herald.article.Article;
import dev.herald.article.ArticleRef;
import dev.herald.retrieval.HybridRetriever;
import dev.herald.retrieval.RetrievedChunk;
import dev.herald.retrieval.SearchQuery;
import dev.herald.retrieval.SearchResult;
import dev.herald.retrieval.TimeWindow;
import dev.herald.store.AliasStore;
import dev.herald.store.ArticleStore;
import dev.herald.text.Sentences;
import dev.herald.text.Terms;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.function.ToDoubleFunction;

/**
 * Briefings: the top distinct stories of a span of days (optionally on one topic), one quoted line each.
 *
 * <p>Stories are articles grouped by what they report: syndicated copies (stored once, with their other outlets as
 * aliases) and articles whose headline and lead share most of their rare words (idf-weighted cosine of title + first
 * two sentences at least {@link #SAME_STORY}). Stories are ranked by coverage (how many articles and outlets carry
 * them), then by how recent their newest article is. Each line quotes one sentence of the story's newest article
 * verbatim (its lead, or for a topic the early sentence that names the topic best) with its citation, so citations
 * are valid by construction, as for answers.
 *
 * <p>The console chat and the bot's {@code /latest [topic]} both call this class.
 */
public final class Briefings {

    /** Stories in one briefing: a screenful in the console, one message in Telegram. */
    public static final int MAX_STORIES = 5;
    /**
     * Two articles tell the same story above this idf-weighted cosine of title + lead. On the 2022 benchmark archive,
     * copies of one story by different outlets scored 0.45–0.8 and different stories on one subject (two Ukraine
     * reports of one day) 0.15–0.35.
     */
    static final double SAME_STORY = 0.4;
    /** Newest articles a briefing without a topic looks at (an archive's busiest days hold about 150). */
    static final int SCAN = 300;
    /** Without a window, "latest" covers the newest article's day and the two before it. */
    static final int LATEST_DAYS = 3;
    /** Without a window, a topic briefing covers the two weeks up to its newest matching article. */
    static final int TOPIC_DAYS = 14;
    /** Chunks a topic search returns: enough to see every recent article naming it. */
    static final int TOPIC_CHUNKS = 40;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);

    /** What the briefing reads from the archive. */
    public interface Archive {
        /** The newest articles published at or before {@code asOf}, newest first. */
        List<ArticleRef> latest(int limit, Instant asOf);

        Optional<Article> article(String id);

        /** Other outlets that published an article's story (syndicated copies). */
        List<ArticleRef> aliases(String articleId);

        static Archive of(ArticleStore store, AliasStore aliases) {
            return new Archive() {
                @Override
                public List<ArticleRef> latest(int limit, Instant asOf) {
                    return store.latest(limit, asOf);
                }

                @Override
                public Optional<Article> article(String id) {
                    return store.article(id);
                }

                @Override
                public List<ArticleRef> aliases(String articleId) {
                    return aliases.aliases(articleId);
                }
            };
        }
    }

    private final Archive archive;
    private final HybridRetriever topicSearch;
    private final ToDoubleFunction<String> idf;

    /**
     * @param topicSearch retrieval used to find articles on a topic (its top-k is raised to {@link #TOPIC_CHUNKS})
     * @param idf         inverse document frequency of a lower-case word in the archive
     */
    public Briefings(Archive archive, HybridRetriever topicSearch, ToDoubleFunction<String> idf) {
        this.archive = archive;
        this.topicSearch = topicSearch.withTopK(TOPIC_CHUNKS);
        this.idf = idf;
    }

    /** One story: its articles, newest first, and the outlets beyond them that carried it. */
    private record Story(List<Candidate> articles, Set<String> outlets) {
        Candidate newest() {
            return articles.get(0);
        }

        int coverage() {
            return Math.max(articles.size(), outlets.size());
        }
    }

    private static final class Candidate {
        final ArticleRef ref;
        final Article article;
        final Map<String, Double> lead;
        final List<ArticleRef> aliases;
        final double relevance;

        Candidate(ArticleRef ref, Article article, Map<String, Double> lead, List<ArticleRef> aliases, double relevance) {
            this.ref = ref;
            this.article = article;
            this.lead = lead;
            this.aliases = aliases;
            this.relevance = relevance;
        }
    }

    /** The briefing for a request, as of a moment; {@code question} is what the reader typed. */
    public Answer brief(String question, BriefingRequest request, Instant asOf) {
        return brief(question, request, asOf, Instant.MIN);
    }

    /** The morning briefing: the top distinct stories published in the 24 hours before {@code asOf}. */
    public Answer lastDay(String question, Instant asOf) {
        LocalDate today = day(asOf);
        return brief(question, new BriefingRequest(null, new TimeWindow(today.minusDays(1), today, LAST_DAY)), asOf,
                asOf.minus(java.time.Duration.ofHours(24)));
    }

    private static final String LAST_DAY = "the last 24 hours";

    /** As {@link #brief(String, BriefingRequest, Instant)}, leaving out articles published before {@code notBefore}. */
    private Answer brief(String question, BriefingRequest request, Instant asOf, Instant notBefore) {
        LocalDate today = LocalDate.ofInstant(asOf, ZoneOffset.UTC);
        TimeWindow window = request.window();
        List<Candidate> candidates = request.topic() == null ? recent(window, asOf) : onTopic(request.topic(), window, asOf);
        candidates.removeIf(c -> c.ref.publishedAt().isBefore(notBefore));
        if (candidates.isEmpty()) return nothing(question, request, asOf);
        if (window == null) {
            // the newest days the archive has, not the calendar's: an archive last filled a week ago still briefs
            LocalDate newest = day(candidates.get(0).ref.publishedAt());
            window = new TimeWindow(newest.minusDays((request.topic() == null ? LATEST_DAYS : TOPIC_DAYS) - 1), newest,
                    "latest");
            TimeWindow w = window;
            candidates.removeIf(c -> !w.contains(day(c.ref.publishedAt())));
        }
        List<Story> stories = stories(candidates);
        // On a topic, the stories about it come before those that mention it in passing: "news about the tram" led
        // with the library's reopening (newer, and it mentions "the new tram line") above the tram line's opening.
        Set<String> topicStems = new LinkedHashSet<>();
        if (request.topic() != null) for (String w : Terms.contentWords(request.topic())) topicStems.add(Terms.stem(w));
        // ...and when the days asked about hold only passing mentions, there is no news of it then: "anything new on
        // the tram since monday?" listed the library's reopening (its reading room is "near the new tram line") as
        // news about the tram; now it says there is none since Monday, then the tram's latest news from before
        if (request.window() != null && !topicStems.isEmpty()
                && stories.stream().noneMatch(s -> mentionsUpFront(s, topicStems))) {
            return nothing(question, request, asOf);
        }
        stories.sort(Comparator.comparing((Story s) -> !namesUpFront(s, topicStems))
                .thenComparing(Comparator.comparingInt(Story::coverage).reversed())
                .thenComparing(s -> s.newest().ref.publishedAt(), Comparator.reverseOrder()));
        List<Story> top = stories.subList(0, Math.min(MAX_STORIES, stories.size()));

        if ("latest".equals(window.phrase())) {
            // say which days the stories are from, not how far back the search looked
            LocalDate oldest = window.to();
            for (Story st : top) for (Candidate c : st.articles()) {
                LocalDate d = day(c.ref.publishedAt());
                if (d.isBefore(oldest) && window.contains(d)) oldest = d;
            }
            window = new TimeWindow(oldest, window.to(), "latest");
        }
        StringBuilder text = new StringBuilder(heading(request, window, today, top.size(), stories.size()));
        List<Citation> citations = new ArrayList<>();
        for (Story s : top) {
            Candidate c = s.newest();
            String line = line(c, request.topic());
            if (line == null) continue;
            int n = citations.size() + 1;
            List<ArticleRef> others = new ArrayList<>(c.aliases);
            for (Candidate other : s.articles()) if (other != c) {
                others.add(other.ref);
                others.addAll(other.aliases);
            }
            citations.add(new Citation(n, c.ref, List.of(line), others));
            text.append("\n\n• ").append(SHORT_DAY.format(day(c.ref.publishedAt()))).append(": ").append(line)
                    .append(" [").append(n).append(']');
        }
        if (citations.isEmpty()) return nothing(question, request, asOf);
        return new Answer(question, text.toString(), citations, false, List.of(), 1.0, null);
    }

    /** Whether an article of the story has every topic word in its headline or opening sentences (true without a topic). */
    private static boolean namesUpFront(Story s, Set<String> topicStems) {
        if (topicStems.isEmpty()) return true;
        for (Candidate c : s.articles()) if (c.lead.keySet().containsAll(topicStems)) return true;
        return false;
    }

    /** Whether an article of the story has one of the topic words in its headline or opening sentences. */
    private static boolean mentionsUpFront(Story s, Set<String> topicStems) {
        for (Candidate c : s.articles()) if (!Collections.disjoint(c.lead.keySet(), topicStems)) return true;
        return false;
    }

    /** Every dated article of the window (or of the newest days), newest first. */
    private List<Candidate> recent(TimeWindow window, Instant asOf) {
        Instant end = window == null ? asOf : min(asOf, window.to().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusSeconds(1));
        List<Candidate> out = new ArrayList<>();
        for (ArticleRef r : archive.latest(SCAN, end)) {
            if (r.publishedAt() == null) continue;
            if (window != null && !window.contains(day(r.publishedAt()))) continue;
            candidate(r, 1.0).ifPresent(out::add);
        }
        return out;
    }

    /** Articles of the window that name the topic, found by the same retrieval as answers, newest first. */
    private List<Candidate> onTopic(String topic, TimeWindow window, Instant asOf) {
        Set<String> topicWords = new LinkedHashSet<>(Terms.contentWords(topic));
        SearchResult found = topicSearch.search(new SearchQuery(topic, asOf, Optional.ofNullable(window), Set.of()));
        Map<String, Double> relevance = new LinkedHashMap<>();
        Map<String, ArticleRef> refs = new HashMap<>();
        for (RetrievedChunk rc : found.chunks()) {
            ArticleRef r = rc.article();
            if (r.publishedAt() == null || (window != null && !window.contains(day(r.publishedAt())))) continue;
            // the article must name the topic (all its rarer words, in the title or this passage, or the outlet's name
            // for a section: "any sports news?" is the Sports Desk's report), not merely be near it
            // (by stem: "What's new in sport?" is the "Sports Desk"'s report, "kettle news" the recall of "kettles")
            Set<String> words = new LinkedHashSet<>();
            for (String w : Terms.tokens(r.title() + " " + rc.text() + " " + (r.source() == null ? "" : r.source()))) {
                words.add(Terms.stem(w));
            }
            double have = 0;
            double want = 0;
            for (String w : topicWords) {
                double weight = idf.applyAsDouble(w);
                want += weight;
                if (words.contains(Terms.stem(w))) have += weight;
            }
            if (want == 0 || have / want < 0.99) continue;
            relevance.merge(r.id(), rc.score(), Math::max);
            refs.putIfAbsent(r.id(), r);
        }
        List<Candidate> out = new ArrayList<>();
        for (String id : relevance.keySet()) candidate(refs.get(id), relevance.get(id)).ifPresent(out::add);
        out.sort(Comparator.comparing((Candidate c) -> c.ref.publishedAt()).reversed());
        return out;
    }

    private Optional<Candidate> candidate(ArticleRef r, double relevance) {
        return archive.article(r.id()).map(a -> new Candidate(r, a, weights(a.title() + " " + String.join(" ",
                leadSentences(a, 2))), archive.aliases(r.id()), relevance));
    }

    /** Greedy grouping, newest first: an article joins the first story whose newest article tells the same story. */
    private List<Story> stories(List<Candidate> candidates) {
        List<Story> out = new ArrayList<>();
        for (Candidate c : candidates) {
            Story home = null;
            for (Story s : out) {
                if (cosine(s.newest().lead, c.lead) >= SAME_STORY) {
                    home = s;
                    break;
                }
            }
            if (home == null) {
                home = new Story(new ArrayList<>(), new LinkedHashSet<>());
                out.add(home);
            }
            home.articles().add(c);
            home.outlets().add(c.ref.source());
            for (ArticleRef a : c.aliases) home.outlets().add(a.source());
        }
        return out;
    }

    /** The quoted line: for a topic, the early sentence that names it best; otherwise the lead. */
    private String line(Candidate c, String topic) {
        List<String> lead = leadSentences(c.article, 6);
        if (lead.isEmpty()) return null;
        if (topic == null) return lead.get(0);
        Set<String> topicWords = new LinkedHashSet<>(Terms.contentWords(topic));
        String best = lead.get(0);
        double bestScore = -1;
        for (int i = 0; i < lead.size(); i++) {
            Set<String> words = new LinkedHashSet<>(Terms.tokens(lead.get(i)));
            double s = 0;
            for (String w : topicWords) if (words.contains(w)) s += idf.applyAsDouble(w);
            s -= i * 0.01; // earlier wins a tie: leads summarise
            if (s > bestScore) {
                bestScore = s;
                best = lead.get(i);
            }
        }
        // A later sentence that points back ("The meeting is meant to calm a crisis ... in Goma", "It argues ...")
        // does not stand alone in a list of stories: the lead says what the story is.
        return POINTS_BACK.matcher(best).lookingAt() ? lead.get(0) : best;
    }

    /** A sentence opening with a pronoun, or with "the / this / that" and a common noun: it refers to what came before. */
    private static final Pattern POINTS_BACK = Pattern.compile(
            "[\"“‘']?(?:(?:It|Its|They|Their|He|His|She|Her|These|Those)\\b|(?:The|This|That|Such) \\p{Ll})");

    /**
     * The article's first sentences that say something: not the headline, not a dateline or caption (under eight
     * words or without end punctuation), with line wraps flattened (the check compares whitespace-squashed text).
     */
    static List<String> leadSentences(Article a, int max) {
        List<String> out = new ArrayList<>();
        String title = a.title() == null ? "" : Terms.squashSpace(a.title());
        for (String s : Sentences.texts(a.text())) {
            String flat = Terms.squashSpace(s);
            if (flat.equalsIgnoreCase(title) || Terms.wordCount(flat) < 8 || Terms.wordCount(flat) > 60) continue;
            if (!flat.matches("(?s).*[.!?\"'”’)]$")) continue;
            out.add(flat);
            if (out.size() == max) break;
        }
        return out;
    }

    private Map<String, Double> weights(String text) {
        Map<String, Double> out = new HashMap<>();
        for (String w : Terms.tokens(text)) {
            if (Terms.STOP_WORDS.contains(w)) continue;
            out.merge(Terms.stem(w), idf.applyAsDouble(w), Double::sum);
        }
        return out;
    }

    private static double cosine(Map<String, Double> a, Map<String, Double> b) {
        double dot = 0, na = 0, nb = 0;
        for (Map.Entry<String, Double> e : a.entrySet()) {
            na += e.getValue() * e.getValue();
            Double o = b.get(e.getKey());
            if (o != null) dot += e.getValue() * o;
        }
        for (double v : b.values()) nb += v * v;
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    private static String heading(BriefingRequest r, TimeWindow w, LocalDate today, int shown, int total) {
        String when = span(w, today);
        String what = r.topic() == null ? "News" : "News about " + r.topic();
        String count = shown == total ? shown + (shown == 1 ? " story" : " stories")
                : "top " + shown + " of " + total + " stories";
        return what + ", " + when + " (" + count + "):";
    }

    private static String span(TimeWindow w, LocalDate today) {
        String dates = w.from().equals(w.to()) ? DAY.format(w.from())
                : (w.from().getYear() == w.to().getYear() ? SHORT_DAY.format(w.from()) : DAY.format(w.from()))
                + " – " + DAY.format(w.to());
        return switch (w.phrase()) {
            case "today" -> "today, " + dates;
            case "yesterday" -> "yesterday, " + dates;
            case "latest" -> w.to().equals(today) ? "latest, " + dates : "latest in my sources, " + dates;
            case LAST_DAY -> LAST_DAY;
            default -> dates;
        };
    }

    private Answer nothing(String question, BriefingRequest r, Instant asOf) {
        LocalDate today = LocalDate.ofInstant(asOf, ZoneOffset.UTC);
        String what = r.topic() == null ? "any articles" : "articles about " + r.topic();
        String text = r.window() == null ? "I don't have " + what + " yet."
                : "I don't have " + what + " from " + span(r.window(), today) + ".";
        if (r.topic() != null && r.window() != null) {
            // ...but older news of it, said so, before the newest headlines of other stories: "anything on Haiti since
            // Friday?" had been offered the library, the kettles and the probe, not Monday's Ruto call on Haiti
            Answer before = brief(question, new BriefingRequest(r.topic(), null), asOf, Instant.MIN);
            if (!before.abstained()) {
                return new Answer(question, text + " " + before.text(), before.citations(), false, List.of(),
                        before.evidence(), null);
            }
        }
        // On a topic no article names, the headlines closest to it rather than the newest: "/latest football" over
        // the samples (the cup final never says "football") had offered the library, the kettles and the probe
        List<ArticleRef> headlines = r.topic() == null ? List.of() : Answer.closestHeadlines(
                topicSearch.search(new SearchQuery(r.topic(), asOf, Optional.empty(), Set.of())).chunks());
        if (headlines.isEmpty()) headlines = archive.latest(3, asOf);
        return new Answer(question, text, List.of(), true, headlines, 0, null);
    }

    private static LocalDate day(Instant i) {
        return LocalDate.ofInstant(i, ZoneOffset.UTC);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
