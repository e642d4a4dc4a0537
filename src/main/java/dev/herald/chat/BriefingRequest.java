package dev.herald.chat;

import dev.herald.retrieval.TimeExpressions;
import dev.herald.retrieval.TimeWindow;
import dev.herald.text.Terms;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request for a briefing rather than an answer: "What's the latest news?", "What happened yesterday?",
 * "news about Goma", "anything new on Congo since Friday?", or the {@code /latest [topic]} command.
 *
 * <p>Recognised by whole-question patterns only: a question that asks something about a subject ("What happened
 * to the M23 leader yesterday?") stays a question, so the benchmark's ordinary questions are never routed here.
 *
 * @param topic  what the briefing is about, or null for all news
 * @param window the days it covers, or null for "the newest days the archive has"
 */
public record BriefingRequest(String topic, TimeWindow window) {

    private static final String WEEKDAY = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
    /** A time phrase TimeExpressions reads, as it may trail a briefing request or a topic. */
    private static final String TIME = "(?:today|tonight|yesterday|last night|this morning|right now|so far today"
            + "|(?:this|last|past|the past) (?:week|weekend|month|year)|the weekend"
            + "|(?:\\d{1,2}|two|three|four|five|six|seven|ten) days? ago"
            + "|(?:(?:last|on|this past|past) )?(?:" + WEEKDAY + ")(?:,? " + TimeExpressions.DATE_PHRASE + ")?"
            + "|" + TimeExpressions.DATE_PHRASE + "|the day before yesterday)";
    private static final String WHEN = "(?:(?:since|from|on|over|during|for|in|of) )?(?:the )?" + TIME;
    private static final String WHAT_IS = "(?:what'?s|what is|whats|what are|what were|tell me|give me|show me)";
    private static final String NEWS = "(?:news|headlines|stories|top stories|news stories|updates?|happenings|developments)";

    /** "what's the latest (news)", "what's new", "latest headlines", "today's news", each with an optional time. */
    private static final Pattern GENERAL = Pattern.compile("^(?:" + WHAT_IS + " )?(?:the |today'?s |yesterday'?s "
            + "|this week'?s )?(?:latest|newest|new|top|main|big|biggest|recent)?(?: ?" + NEWS + ")?"
            + "(?: (?:in the world|in the news|around the world))?(?: " + WHEN + ")?$");
    /** "what happened (today | yesterday | this week | on Monday)", "what's been happening", "what's going on". */
    private static final Pattern HAPPENED = Pattern.compile("^what(?:'?s| has| have)? (?:been )?(?:happened|happening"
            + "|going on)(?: (?:in the world|in the news|around the world))?(?: " + WHEN + ")?$");
    /** "(any) (latest) news about X", "headlines on X", "updates on X", "what's the latest on X". */
    private static final Pattern ON_TOPIC = Pattern.compile("^(?:" + WHAT_IS + " |any |is there (?:any )?|are there (?:any )?)?"
            + "(?:the )?(?:latest|newest|recent|new)?(?: ?" + NEWS + ")? ?(?:about|on|regarding|concerning|from|with|in|for) (.+)$");
    /**
     * "anything new on X (since Friday)", "what's new with X", "what's going on in X", and "anything on X since
     * Friday?" (searched as questions, the last two had got "I couldn't find this" and three headlines).
     */
    private static final Pattern ANYTHING_NEW = Pattern.compile("^(?:is there |are there )?(?:(?:anything|something|what'?s|what is) "
            + "(?:new|fresh|happening|been happening|going on|latest) (?:on|about|with|from|regarding|in)|(?:anything|something) (?:more )?(?:on|about|regarding)) (.+)$");
    /**
     * "Halcyon news", "latest Congo headlines", "Goma updates this week": a short topic before the news word. At most
     * four words and no question word, so "What is the news podcast called?" stays a question.
     */
    private static final Pattern TOPIC_NEWS = Pattern.compile("^(?:any |the )?(?:latest |newest |recent )?"
            + "((?!(?:what|who|which|when|where|why|how|is|are|was|were|do|does|did)\\b)[\\p{L}\\p{N}'.-]+(?: [\\p{L}\\p{N}'.-]+){0,3}?)"
            + " (?:news|headlines|updates)(?: " + WHEN + ")?$");
    /**
     * "Summarise the kettle story", "catch me up on Goma", "recap the Harbour Cup final": a briefing on the topic (it
     * had been searched as a question, and "summarise" is in no article: "I couldn't find this").
     */
    private static final Pattern SUMMARY = Pattern.compile("^(?:please |can you |could you )?(?:summari[sz]e|sum up|recap|"
            + "give me a (?:summary|recap) of|catch me up on|brief me on|fill me in on|update me on)"
            + " (?:the |this |that )?(.+?)(?: (?:story|stories|saga|situation|news))?(?: please)?$");
    /** Words that make "X news" a request for all news ("world news", "breaking news"), not news on a topic X. */
    private static final Set<String> GENERAL_NEWS = Set.of("world", "top", "main", "big", "biggest", "breaking",
            "today's", "yesterday's", "international", "global", "daily", "morning", "evening", "this week's");
    private static final Pattern NEWS_WORD = Pattern.compile("\\b(?:latest|newest|news|headlines|stories|updates?"
            + "|happenings|developments)\\b");
    private static final Pattern WHATS_NEW = Pattern.compile("^(?:what'?s|what is|whats|anything) new(?: " + WHEN + ")?$");
    private static final Pattern TRAILING_TIME = Pattern.compile("\\s*\\b" + WHEN + "$");
    private static final Set<String> NOT_A_TOPIC = Set.of("the world", "the news", "general", "everything", "it", "that",
            "this", "today", "yesterday");

    public BriefingRequest {
        if (topic != null && topic.isBlank()) topic = null;
    }

    /** The briefing a question asks for, if it asks for one. */
    public static Optional<BriefingRequest> detect(String question, LocalDate today) {
        if (question == null) return Optional.empty();
        String q = normalise(question);
        if (q.isEmpty() || q.length() > 120) return Optional.empty();
        boolean general = GENERAL.matcher(q).matches() && NEWS_WORD.matcher(q).find() || WHATS_NEW.matcher(q).matches();
        if (general || HAPPENED.matcher(q).matches()) {
            return Optional.of(new BriefingRequest(null, window(q, today)));
        }
        Matcher m = ANYTHING_NEW.matcher(q);
        if (!m.matches()) m = SUMMARY.matcher(q);
        if (!m.matches()) m = TOPIC_NEWS.matcher(q);
        if (m.matches() && m.pattern() == TOPIC_NEWS && GENERAL_NEWS.contains(m.group(1))) {
            return Optional.of(new BriefingRequest(null, window(q, today)));
        }
        if (!m.matches()) {
            m = ON_TOPIC.matcher(q);
            // "news about X" needs a news word or "latest": "what's in the box?" is a question
            if (!m.matches() || !NEWS_WORD.matcher(q).find()) {
                return Optional.empty();
            }
        }
        String topic = topicOf(m.group(1));
        if (topic.isEmpty() || NOT_A_TOPIC.contains(topic) || Terms.contentWords(topic).isEmpty()) {
            return Optional.of(new BriefingRequest(null, window(q, today)));
        }
        return Optional.of(new BriefingRequest(asWritten(topic, question), window(q, today)));
    }

    /**
     * "at the moment", "right now", "these days" after a topic, and "what is happening in" before it, say no more
     * than a briefing does: "what is happening in Goma at the moment?" had briefed on "Goma at the moment", and "could
     * you summarise what is happening in Goma" on "what is happening in Goma", and found no articles about either.
     */
    private static final Pattern NOW = Pattern.compile("\\s*\\b(?:at the moment|at present|right now|just now|now|currently"
            + "|these days|lately|recently|rn)$");
    private static final Pattern HAPPENING = Pattern.compile("^(?:what(?:'?s| is| has been| have been)? (?:been )?(?:happening"
            + "|going on|happened|new)|the (?:situation|news|latest|story)) (?:in|with|on|at|to|about|for|around) ");

    private static String topicOf(String phrase) {
        String topic = HAPPENING.matcher(phrase.strip()).replaceFirst("");
        // (a time and a "now" in either order: "Goma this week at the moment", "Goma at the moment this week")
        topic = NOW.matcher(TRAILING_TIME.matcher(topic).replaceFirst("")).replaceFirst("");
        return TRAILING_TIME.matcher(topic).replaceFirst("").strip();
    }

    /** The topic as the reader wrote it ("Goma", not "goma"), for the heading. */
    private static String asWritten(String lowerTopic, String question) {
        String original = question.replace('’', '\'');
        int at = original.toLowerCase(Locale.ROOT).indexOf(lowerTopic);
        return at < 0 || original.length() != original.toLowerCase(Locale.ROOT).length() ? lowerTopic
                : original.substring(at, at + lowerTopic.length());
    }

    /** The {@code /latest [topic]} command: a briefing on the topic, or on all news when there is none. */
    public static BriefingRequest latest(String topic, LocalDate today) {
        if (topic == null || topic.isBlank()) return new BriefingRequest(null, null);
        Optional<BriefingRequest> asked = detect(topic, today);
        if (asked.isPresent()) return asked.get();
        String t = normalise(topic);
        String bare = TRAILING_TIME.matcher(t).replaceFirst("").strip();
        return new BriefingRequest(bare.isEmpty() ? null : asWritten(bare, topic), window(t, today));
    }

    /** The window named in the question; "since Friday" runs from Friday to today. */
    private static TimeWindow window(String q, LocalDate today) {
        Optional<TimeWindow> w = TimeExpressions.resolveWithDays(q, today);
        if (w.isEmpty()) return null;
        if (q.matches(".*\\bsince\\b.*")) {
            // "since Friday" asked on a Friday means a week: the reader would not say it of the same morning
            boolean sameWeekday = w.get().from().equals(today) && w.get().phrase().matches("(?:on )?(?:" + WEEKDAY + ")");
            LocalDate from = sameWeekday ? today.minusDays(7) : w.get().from();
            return new TimeWindow(from, today, "since " + w.get().phrase());
        }
        return w.get();
    }

    private static String normalise(String question) {
        return question.strip().toLowerCase(Locale.ROOT).replace('’', '\'').replaceAll("[?!.…]+$", "")
                .replaceAll("^(?:so|ok|okay|hey|hi|herald|please)[, ]+", "").replaceAll("[, ]+please$", "")
                .replaceAll("\\s+", " ").strip();
    }
}
