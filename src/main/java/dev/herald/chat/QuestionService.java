package dev.herald.chat;

import dev.herald.answer.Translator;

import dev.herald.answer.Answer;
import dev.herald.answer.AnswerProgress;
import dev.herald.answer.AnswerRequest;
import dev.herald.answer.Answerer;
import dev.herald.answer.Citation;
import dev.herald.answer.Subject;
import dev.herald.retrieval.HybridRetriever;
import dev.herald.retrieval.SearchQuery;
import dev.herald.retrieval.SearchResult;
import dev.herald.retrieval.Spelling;
import dev.herald.text.QuestionLanguage;
import dev.herald.text.QuestionText;
import dev.herald.text.Terms;

import dev.herald.article.ArticleRef;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The question-answering pipeline every front end shares (console chat, one-shot ask, Telegram, evaluation):
 * follow-up resolution, hybrid retrieval as of a date, then the answerer.
 */
public final class QuestionService {

    private final HybridRetriever retriever;
    private final Answerer answerer;
    private final Conversations conversations;
    private final Function<String, List<ArticleRef>> aliases;
    private final FollowUpRewriter rewriter;
    private final Briefings briefings;
    private final Spelling spelling;
    private final QuestionLanguage language;
    private final Translator translator;
    private final ToDoubleFunction<String> idf;
    private final StoryContinuation continuation;

    /** Told to a reader whose question is not in English when no language model can translate it. */
    public static String notEnglish(String languageName) {
        return "I search my archive in English, and your question seems to be in "
                + (languageName == null ? "another language" : languageName)
                + ". Please ask it in English.";
    }

    /** Turns a follow-up into a standalone question (llm mode); returns the question unchanged when it cannot. */
    @FunctionalInterface
    public interface FollowUpRewriter {
        String standalone(String question, List<String> earlierQuestions);
    }

    /** @param aliases other outlets that published an article's story (syndicated copies), by article id */
    public QuestionService(HybridRetriever retriever, Answerer answerer, Conversations conversations,
                           Function<String, List<ArticleRef>> aliases) {
        this(retriever, answerer, conversations, aliases, null);
    }

    /** @param rewriter rewrites follow-ups before retrieval (llm mode), or null to search them with the previous turn */
    public QuestionService(HybridRetriever retriever, Answerer answerer, Conversations conversations,
                           Function<String, List<ArticleRef>> aliases, FollowUpRewriter rewriter) {
        this.retriever = retriever;
        this.answerer = answerer;
        this.conversations = conversations;
        this.aliases = aliases;
        this.rewriter = rewriter;
        this.briefings = null;
        this.spelling = null;
        this.language = null;
        this.translator = null;
        this.idf = null;
        this.continuation = null;
    }

    private QuestionService(QuestionService base, Briefings briefings, Spelling spelling, QuestionLanguage language,
                            Translator translator, ToDoubleFunction<String> idf, StoryContinuation continuation) {
        this.retriever = base.retriever;
        this.answerer = base.answerer;
        this.conversations = base.conversations;
        this.aliases = base.aliases;
        this.rewriter = base.rewriter;
        this.briefings = briefings;
        this.spelling = spelling;
        this.language = language;
        this.translator = translator;
        this.idf = idf;
        this.continuation = continuation;
    }

    /**
     * The same service answering requests for news ("What's the latest?", "What happened yesterday?", "news about
     * Goma") with a briefing instead of a search for those words.
     */
    public QuestionService withBriefings(Briefings b) {
        return new QuestionService(this, b, spelling, language, translator, idf, continuation);
    }

    /** The same service searching misspelt words as the archive's closest terms, and saying so in the answer. */
    public QuestionService withSpelling(Spelling s) {
        return new QuestionService(this, briefings, s, language, translator, idf, continuation);
    }

    /**
     * The same service noticing questions not written in English: with a translator (llm mode) they are searched in
     * English and answered in the reader's language; without one the reader is told the archive is searched in
     * English and shown the closest headlines.
     */
    public QuestionService withLanguages(QuestionLanguage l, Translator t) {
        return new QuestionService(this, briefings, spelling, l, t, idf, continuation);
    }

    /**
     * The same service telling what a follow-up names of its own by the archive's word rarity ({@code idf} of a
     * lower-case word): "and the kettles, how many were injured?" after Goma is about the kettles.
     */
    public QuestionService withWordRarity(ToDoubleFunction<String> wordIdf) {
        return new QuestionService(this, briefings, spelling, language, translator, wordIdf, continuation);
    }

    /**
     * The same service answering "tell me more" and "go on" in a conversation with the story's next sentences the
     * reader has not seen, instead of searching for those words.
     */
    public QuestionService withStoryContinuation(StoryContinuation c) {
        return new QuestionService(this, briefings, spelling, language, translator, idf, c);
    }

    /** The search behind a reply that needed none (a briefing, a greeting). */
    private static final SearchResult NOTHING_SEARCHED = new SearchResult(List.of(), List.of(), new float[0], Map.of());

    /** Said when answering fails unexpectedly (a bug, a database gone away): the reader may ask again. */
    public static final String APOLOGY = "Sorry, something went wrong while answering. Please try again in a moment.";

    /** Told to a reader whose first question goes on from an earlier one ("and how many were hurt?"). */
    public static final String NO_EARLIER_TURN = "Which story do you mean? There is no earlier question here to follow "
            + "on from: please ask again with what it is about (a place, a person or an event).";

    /** What the reader is told when their words were corrected. */
    public static String showingResultsFor(String corrected) {
        return "Showing results for: " + corrected;
    }

    /** The briefing behind {@code /latest [topic]}: the top stories of the newest days, on the topic if one is given. */
    public Answer latest(String topic, Instant asOf) {
        if (briefings == null) throw new IllegalStateException("no briefings configured");
        BriefingRequest asked = BriefingRequest.latest(topic, LocalDate.ofInstant(asOf, ZoneOffset.UTC));
        BriefingRequest r = spelt(asked);
        return withSpellingNote(briefings.brief(topic == null || topic.isBlank() ? "/latest" : "/latest " + topic.strip(),
                r, asOf), asked, r);
    }

    /**
     * As {@link #latest(String, Instant)}, remembered as the conversation's turn: "tell me more" after "/latest goma"
     * had gone on with (or said it had told all of) the story before the command.
     */
    public Answer latest(String conversation, String topic, Instant asOf) {
        Answer brief = latest(topic, asOf);
        List<Conversations.Turn> recent = conversations.recent(conversation);
        List<String> shown = new ArrayList<>(recent.isEmpty() ? List.of() : recent.get(recent.size() - 1).shown());
        for (Citation c : brief.citations()) shown.addAll(c.quotes());
        conversations.remember(conversation, brief.question(), topic == null ? "" : topic.strip(),
                new java.util.LinkedHashSet<>(brief.citedArticleIds()), shown);
        return brief;
    }

    /** The briefing's topic as the archive spells it ("Harbor Cup news" is news about the Harbour Cup). */
    private BriefingRequest spelt(BriefingRequest r) {
        if (r.topic() == null || spelling == null) return r;
        Spelling.Correction fixed = spelling.correct(r.topic());
        return fixed.changed() ? new BriefingRequest(fixed.question(), r.window()) : r;
    }

    private static Answer withSpellingNote(Answer brief, BriefingRequest asked, BriefingRequest searched) {
        if (java.util.Objects.equals(asked.topic(), searched.topic())) return brief;
        return brief.withNoteFirst(showingResultsFor(searched.topic()));
    }

    /** The morning briefing: the top distinct stories of the 24 hours before {@code asOf}, one quoted line each. */
    public Answer morningBriefing(Instant asOf) {
        if (briefings == null) throw new IllegalStateException("no briefings configured");
        return briefings.lastDay("/briefing", asOf);
    }

    public Answerer answerer() {
        return answerer;
    }

    public QuestionService(HybridRetriever retriever, Answerer answerer, Conversations conversations) {
        this(retriever, answerer, conversations, id -> List.of());
    }

    public Conversations conversations() {
        return conversations;
    }

    /** Answers one question on its own, with no conversation. */
    public Reply ask(String question, Instant asOf) {
        return answer(question, asOf, List.of(), AnswerProgress.NONE);
    }

    /** Answers a question in a conversation, reading it as a follow-up of the previous turn when it is one. */
    public Reply ask(String conversation, String question, Instant asOf) {
        return ask(conversation, question, asOf, AnswerProgress.NONE);
    }

    /**
     * As {@link #ask(String, String, Instant)}, telling {@code progress} the checked answer while the model writes
     * it (llm mode; not for briefings or questions answered through a translation, which are shown when finished).
     */
    public Reply ask(String conversation, String question, Instant asOf, AnswerProgress progress) {
        long start = System.nanoTime();
        List<Conversations.Turn> recent = conversations.recent(conversation);
        long memory = System.nanoTime() - start;
        Reply reply = answer(question, asOf, recent, progress);
        Set<String> cited = new java.util.LinkedHashSet<>(reply.answer().citedArticleIds());
        String remembered = reply.searchText();
        // what the reader has seen of the thread's story, so "tell me more" does not repeat it
        List<String> shown = new ArrayList<>();
        // (after any turn, not only a follow-up: "and in Goma?", "who is backing the rebels?" (asked on its own), then
        // "tell me more" repeated two sentences of the first of them)
        if (!recent.isEmpty()) shown.addAll(recent.get(recent.size() - 1).shown());
        for (Citation c : reply.answer().citations()) shown.addAll(c.quotes());
        if (continues(question, recent)) {
            // the thread stays the story's: its other articles are told next, and a later "how many were hurt?" is
            // searched with the question that began it
            cited.addAll(recent.get(recent.size() - 1).citedArticles());
        }
        // (and an unanswered new question names no story to refer to: after "what's the weather in lindenport
        // tomorrow?" got "I couldn't find this", "when will it get there?" had lost the probe it asked about before)
        if (reply.answer().abstained() && !recent.isEmpty() && (reply.followUp() || cited.isEmpty())) {
            // keep the thread: the next follow-up still refers to the earlier topic, searched as it was. Remembering
            // the unanswered question's words as well ("latest on Halcyon is it crewed? when is the landing?") made
            // each later follow-up's carried subject wider, and one abstention led to the next.
            Conversations.Turn before = recent.get(recent.size() - 1);
            cited.addAll(before.citedArticles());
            remembered = before.searchText();
        }
        start = System.nanoTime();
        // a question asked back ("Which story do you mean?") starts no thread: the next one is a first question too
        if (!reply.notice()) conversations.remember(conversation, question, remembered, cited, shown);
        memory += System.nanoTime() - start;
        // "memory": reading and writing the conversation (in the store with several instances), outside "total"
        java.util.Map<String, Long> stages = new java.util.LinkedHashMap<>(reply.stageNanos());
        stages.put("memory", memory);
        return new Reply(reply.answer(), reply.search(), reply.followUp(), reply.searchText(), stages, reply.notice());
    }

    private Answer withAliases(Answer a) {
        if (a.citations().isEmpty()) return a;
        List<Citation> out = new ArrayList<>();
        boolean any = false;
        for (Citation c : a.citations()) {
            List<ArticleRef> others = aliases.apply(c.article().id());
            any |= !others.isEmpty();
            out.add(others.isEmpty() ? c : c.withAlsoReportedBy(others));
        }
        return any ? a.withCitations(out) : a;
    }

    private Reply answer(String typed, Instant asOf, List<Conversations.Turn> recent, AnswerProgress progress) {
        long start = System.nanoTime();
        // 0. Markup and shouting removed ("WHO WON THE HARBOUR CUP?" reads every word as a name); a greeting is
        //    greeted, not searched
        String question = QuestionText.plain(typed);
        Optional<String> smallTalk = SmallTalk.reply(question);
        if (smallTalk.isPresent()) {
            Answer said = new Answer(question, smallTalk.get(), List.of(), true, List.of(), 0, null);
            return new Reply(said, NOTHING_SEARCHED, false, question, Map.of("total", System.nanoTime() - start), true);
        }
        //    Two questions in one message are answered one after the other, the second reading the first as its
        //    earlier turn ("How many kettles were recalled and when were they sold?")
        Optional<List<String>> parts = CompoundQuestion.split(question);
        if (parts.isPresent()) {
            List<Answer> answers = new ArrayList<>();
            List<Conversations.Turn> before = recent;
            Reply last = null;
            for (String part : parts.get()) {
                last = answerOne(part, asOf, before, AnswerProgress.NONE, System.nanoTime());
                answers.add(last.answer());
                if (!last.notice() && !last.answer().abstained()) {
                    before = List.of(new Conversations.Turn(part, last.searchText(), last.answer().citedArticleIds(), asOf));
                }
            }
            Answer both = CompoundQuestion.combine(question, parts.get(), answers);
            return new Reply(both, last.search(), false, last.searchText(), Map.of("total", System.nanoTime() - start),
                    false);
        }
        return answerOne(question, asOf, recent, progress, start);
    }

    /** One question: steps 1 to 5, after the message was made plain. */
    private Reply answerOne(String question, Instant asOf, List<Conversations.Turn> recent, AnswerProgress progress,
                            long start) {
        //    A question not in English is translated for the search (llm mode), or told the archive is English
        QuestionLanguage.Guess lang = language == null ? QuestionLanguage.ENGLISH : language.guess(question);
        String asked = question;
        if (!lang.english()) {
            String english = translator == null ? null : translator.toEnglish(question);
            if (english == null || english.isBlank()) {
                return notice(question, notEnglish(lang.languageName()), asOf, start, null);
            }
            question = english;
        }
        Reply reply = answerInEnglish(question, asOf, recent, start, lang.english() ? progress : AnswerProgress.NONE);
        if (lang.english()) return reply;
        Answer a = reply.answer();
        String translated = a.abstained() ? null : translator.fromEnglish(a.text(), lang.languageName(), asked);
        Answer shown = translated == null
                ? a.withNote("Answered in English" + (a.abstained() ? "" : ": the translation could not be checked"))
                : new Answer(asked, translated, a.citations(), a.abstained(), a.related(), a.evidence(), a.note());
        long end = System.nanoTime();
        Map<String, Long> nanos = new LinkedHashMap<>(reply.stageNanos());
        nanos.put("total", end - start);
        return new Reply(shown, reply.search(), reply.followUp(), reply.searchText(), nanos, reply.notice());
    }

    private Reply answerInEnglish(String question, Instant asOf, List<Conversations.Turn> recent, long start,
                                  AnswerProgress progress) {
        return answerInEnglish(question, asOf, recent, start, progress, null);
    }

    /** @param kept corrections already made to {@code question}, or null to correct it here */
    private Reply answerInEnglish(String question, Instant asOf, List<Conversations.Turn> recent, long start,
                                  AnswerProgress progress, Spelling.Correction kept) {
        String asked = question;
        // 1. "tell me more" goes on with the story just told; a request for news gets a briefing of the window it
        //    names, not a search for its words
        if (continuation != null && FollowUps.asksForMore(question)) {
            Optional<Conversations.Turn> told = storyTold(recent);
            // nothing told yet to go on with (a new chat, or only an unanswered question)
            if (told.isEmpty()) return notice(question, NO_EARLIER_TURN, asOf, start, null);
            Conversations.Turn thread = told.get();
            Answer more = withAliases(continuation.next(question, thread));
            long end = System.nanoTime();
            return new Reply(more, NOTHING_SEARCHED, true, thread.searchText(),
                    Map.of("answer", end - start, "total", end - start));
        }
        if (briefings != null) {
            Optional<BriefingRequest> wanted = BriefingRequest.detect(question, LocalDate.ofInstant(asOf, ZoneOffset.UTC));
            if (wanted.isPresent()) {
                BriefingRequest request = spelt(wanted.get());
                Answer brief = withSpellingNote(briefings.brief(question, request, asOf), wanted.get(), request);
                long end = System.nanoTime();
                // a follow-up ("when did it launch?" after "Halcyon news") is searched with the topic, not with "news"
                String topic = request.topic();
                return new Reply(brief, NOTHING_SEARCHED, false, topic == null ? question : topic,
                        Map.of("answer", end - start, "total", end - start));
            }
        }
        // 2. Misspelt words are searched as the archive's closest terms
        String note = null;
        Spelling.Correction fixed = spelling != null && kept == null ? spelling.correct(question) : null;
        if (fixed != null && fixed.changed()) {
            question = fixed.question();
            note = showingResultsFor(question);
        } else {
            fixed = null;
            if (kept != null && kept.changed()) note = showingResultsFor(question);
        }

        //    "tell me more about the kettles" goes on with the story found for what it names, from the first
        //    sentence the reader has not seen: searched as it stands, after a briefing it quoted the recall's lead
        //    just shown there
        Optional<String> about = continuation == null ? Optional.empty() : FollowUps.moreAbout(question);
        if (about.isPresent()) {
            Reply found = searchAndAnswer(about.get(), about.get(), asOf, recent, false, start, AnswerProgress.NONE,
                    null, note);
            if (found.answer().abstained()) return found;
            List<String> seen = recent.isEmpty() ? List.of() : recent.get(recent.size() - 1).shown();
            Conversations.Turn story = new Conversations.Turn(question, found.searchText(),
                    found.answer().citedArticleIds(), seen, asOf);
            Answer more = withAliases(continuation.next(question, story));
            if (note != null) more = more.withNoteFirst(note);
            long end = System.nanoTime();
            return new Reply(more, found.search(), false, found.searchText(), Map.of("answer", end - start, "total", end - start));
        }

        // 3. A follow-up is searched together with the turn it follows, favouring the articles cited there. A
        //    question naming nothing ("how long will the trip take?" after the Halcyon launch) may be one too: it is
        //    read as a follow-up when that answers it from the thread's articles, else as a new question ("what is
        //    the price of coffee?" after the launch).
        Optional<Conversations.Turn> previous = recent.isEmpty() ? Optional.empty() : Optional.of(recent.get(recent.size() - 1));
        boolean followUp = previous.isPresent() && FollowUps.isFollowUp(question);
        String spelt = question;
        Spelling.Correction corrected = fixed;
        String said = note;
        Supplier<Reply> onItsOwn = () -> searchAndAnswer(spelt, asked, asOf, recent, false, start, progress, corrected, said);
        if (previous.isEmpty() && FollowUps.needsEarlierTurn(question)) {
            // answering it would quote whichever story has the asked kind of fact (the top casualty count for "and
            // how many were hurt?"): a guess presented as an answer
            return notice(question, NO_EARLIER_TURN, asOf, start, note);
        }
        if (previous.isPresent() && !followUp && FollowUps.namesNothing(question)) {
            if (rewriter != null) {
                // the model is shown the thread and leaves a question that does not lean on it as it is
                followUp = !rewriter.standalone(question, questionsOf(recent)).strip().equalsIgnoreCase(question.strip());
            } else {
                Reply threaded = searchAndAnswer(question, asked, asOf, recent, true, start, AnswerProgress.NONE, fixed, note);
                Set<String> thread = previous.get().citedArticles();
                if (threaded.followUp() && !threaded.answer().abstained()
                        && threaded.answer().citations().stream().anyMatch(c -> thread.contains(c.article().id()))) {
                    // ...unless it names a thing the thread's headlines do not and another story's headline does: "How
                    // long is the tram line?" after the library (which mentions "the new tram line" once) got the
                    // library's "flood barriers that can be raised within an hour"
                    return threadUnlessHeadlinedElsewhere(threaded, onItsOwn, question);
                }
                // "how long since their last trophy?" points back: on its own it got the coffee price's "two years".
                // Not when the thread could not answer and never mentions what the question is about: "i have one of
                // those brewsense kettles, shld i keep using it" after the summit had abstained
                if (FollowUps.refersBack(question) && (!threaded.answer().abstained()
                        || mentionsOwnSubject(threaded, thread, question))) {
                    return threaded;
                }
                // when neither the thread nor the archive answers it, the headlines offered are the thread's search's,
                // its story first: "how many people were at the game" after the Harbour Cup final had offered the
                // library, Goma and the Halcyon launch
                Reply alone = onItsOwn.get();
                return alone.answer().abstained() && threaded.answer().abstained() && threaded.followUp()
                        ? threadFirst(threaded, thread) : alone;
            }
        }
        if (followUp && rewriter == null && FollowUps.opensWithLeadIn(question)
                && (!FollowUps.refersBack(question) || FollowUps.namesAThing(question))) {
            // "what about the kettles?" after the Harbour Cup names a new story in a follow-up's words: when the thread
            // does not answer it, it is asked on its own. Not a question pointing back ("who leads them?" would quote
            // any story with a leader), nor one without a lead-in ("what did the engineers say?" after the kettle
            // recall means the company's engineers, not the Halcyon mission's). A pronoun after a named thing points
            // to it: "and the tram, how long is it?".
            Reply threaded = searchAndAnswer(question, asked, asOf, recent, true, start, AnswerProgress.NONE, fixed, note);
            if (!threaded.followUp()) return threaded;
            // ...and when the thread answers it from articles that never mention what it names ("and the kettles, how
            // many were injured?" after Goma got the Goma toll), the reader has moved on: it is asked on its own
            boolean elsewhere = !threaded.answer().abstained()
                    && !mentionsOwnSubject(threaded, threaded.answer().citedArticleIds(), question);
            if (!threaded.answer().abstained() && !elsewhere) {
                // (nor from a story that mentions it in passing: "what about the new tram line?" after the library
                // got the library's reading room, open later "near the new tram line")
                return threadUnlessHeadlinedElsewhere(threaded, onItsOwn, question);
            }
            // but "and the rebels, who leads them?" that the thread cannot answer is not asked of any story with a
            // leader: only when the thread's articles do not mention what it names ("and the tram, how long is it?"
            // after the Halcyon launch)
            // A topic turned to must be the thread's own for that: "what about the tram, how many stops does it
            // have" after the kettle recall was kept to the recall on its "stop using the device"
            Set<String> cited = previous.get().citedArticles();
            if (threaded.answer().abstained() && FollowUps.refersBack(question) && mentionsOwnSubject(threaded, cited, question)
                    && (!FollowUps.turnsToATopic(question)
                        || mentionIn(threaded, cited, namedStems(question)))) {
                return threaded;
            }
            Reply alone = onItsOwn.get();
            // ...and one turning to a topic ("back to the kettles, who makes them") from a story that mentions it: on
            // its own it got the Ruto call's "to make it more effective" (its "make" the rarest word of nine
            // articles). Not any thing named: "and the football, did eastfield hit the woodwork?" is answered by the
            // Harbour Cup report, which says no "football".
            if (threaded.answer().abstained() && (alone.answer().abstained()
                    || FollowUps.turnsToATopic(question) && !citedMention(alone, namedStems(question)))) {
                return threaded;
            }
            return alone.answer().abstained() && !elsewhere ? threaded : alone;
        }
        // (not one that only points back: "who leads them?" after Goma, asked on its own, quoted "the Haiti mission
        // that Kenya leads"; it names a thing, or says two things of its own)
        if (followUp && rewriter == null && (FollowUps.namesAThing(question) || Terms.contentWords(question).size() >= 2)) {
            // "when is that summit" after the Goma story (the summit only in a briefing before it): the thread cannot
            // answer a thing its articles never mention, and abstained. Asked on its own, the summit report can; so
            // can the tram report "how many passengers do they expect" after the kettle recall.
            Reply threaded = searchAndAnswer(question, asked, asOf, recent, true, start, progress, fixed, note);
            if (!threaded.followUp() || !threaded.answer().abstained()) return threaded;
            Set<String> thread = previous.get().citedArticles();
            if (mentionsOwnSubject(threaded, thread, question)) {
                // ...nor, when they mention it in passing, one whose story is headlined about it: "what did he talk
                // abt with rubio" after the summit (which says Ruto spoke with Rubio that day) is answered by the
                // report of their call
                if (headlinesOwnSubject(threaded, thread, question)) return threaded;
                Reply alone = onItsOwn.get();
                return !alone.answer().abstained()
                        && headlinesOwnSubject(alone, alone.answer().citedArticleIds(), question) ? alone : threaded;
            }
            Reply alone = onItsOwn.get();
            return alone.answer().abstained() ? threaded : alone;
        }
        return searchAndAnswer(question, asked, asOf, recent, followUp, start, progress, fixed, note);
    }

    /**
     * Whether these articles mention the question's own subject (its names, else its rarest words; casualty words and
     * "people" are not a subject), in their headline or a passage the reply's search retrieved. True when the question
     * has none ("and how many were injured?") or no word rarity is known.
     */
    private boolean mentionsOwnSubject(Reply reply, Set<String> articleIds, String question) {
        return ownSubjectIn(reply, articleIds, question, true);
    }

    /** Whether these articles' headlines hold the question's own subject (see {@link #mentionsOwnSubject}). */
    private boolean headlinesOwnSubject(Reply reply, Set<String> articleIds, String question) {
        return ownSubjectIn(reply, articleIds, question, false);
    }

    private boolean ownSubjectIn(Reply reply, Set<String> articleIds, String question, boolean passages) {
        if (idf == null) return true;
        Subject own = Subject.of(question, null, idf);
        return own.isEmpty() || own.touches(storyStems(reply, articleIds, passages));
    }

    /**
     * The content stems of these articles as the reply's search saw them: their headlines, and with {@code passages}
     * the passages it retrieved of them.
     */
    private static Set<String> storyStems(Reply reply, Set<String> articleIds, boolean passages) {
        Set<String> stems = new HashSet<>();
        for (var chunk : reply.search().chunks()) {
            if (!articleIds.contains(chunk.article().id())) continue;
            stems.addAll(Terms.contentStems(chunk.article().title()));
            if (passages) stems.addAll(Terms.contentStems(chunk.text()));
        }
        return stems;
    }

    /** The reply, an abstention, with the thread's own articles first among the headlines it offers. */
    private static Reply threadFirst(Reply reply, Set<String> thread) {
        Answer a = reply.answer();
        List<ArticleRef> related = new ArrayList<>(a.related());
        related.sort(java.util.Comparator.comparing(r -> !thread.contains(r.id())));
        return new Reply(a.withRelated(related), reply.search(), reply.followUp(), reply.searchText(), reply.stageNanos(),
                reply.notice());
    }

    /** A notice instead of an answer (it abstains), with the headlines closest to the question. */
    private Reply notice(String question, String text, Instant asOf, long start, String note) {
        SearchResult found = retriever.search(new SearchQuery(question, asOf, Optional.empty(), Set.of()));
        Answer notice = new Answer(question, text, List.of(), true, Answer.closestHeadlines(found.chunks()), 0, note);
        Map<String, Long> nanos = new LinkedHashMap<>(found.stageNanos());
        nanos.put("total", System.nanoTime() - start);
        return new Reply(notice, found, false, question, nanos, true);
    }

    private static List<String> questionsOf(List<Conversations.Turn> recent) {
        List<String> out = new ArrayList<>();
        for (Conversations.Turn t : recent) out.add(t.question());
        return out;
    }

    /**
     * Steps 3 to 5 of {@link #answerInEnglish}: retrieval and the answer.
     *
     * @param fixed corrections made to {@code question} here (checked against what is found), else null
     * @param note  what the reader is told about the question's wording, or null
     */
    private Reply searchAndAnswer(String question, String asked, Instant asOf, List<Conversations.Turn> recent,
                                  boolean followUp, long start, AnswerProgress progress, Spelling.Correction fixed,
                                  String note) {
        Optional<Conversations.Turn> previous = recent.isEmpty() ? Optional.empty() : Optional.of(recent.get(recent.size() - 1));
        String searchText = question;
        if (followUp && rewriter != null) {
            searchText = rewriter.standalone(question, questionsOf(recent));
        } else if (followUp) {
            searchText = previous.get().searchText() + " " + question;
        }
        Set<String> prefer = followUp ? previous.get().citedArticles() : Set.of();

        // 4. Retrieve as of the question's date
        SearchResult found = retriever.search(new SearchQuery(searchText, asOf, Optional.empty(), prefer));
        // The vocabulary is the whole archive's: asked as of a past day, "Gomma" became "Goma" from an article of a
        // later week, and the reply named a place no visible article mentions. A correction no result shows is
        // dropped, and the question searched again with only the others.
        if (fixed != null) {
            Spelling.Correction shown = fixed.keeping(w -> mentions(found, w));
            if (shown.changes().size() < fixed.changes().size()) {
                return answerInEnglish(shown.apply(asked), asOf, recent, start, progress, shown);
            }
        }

        // 5. Compose the answer
        long a0 = System.nanoTime();
        List<String> earlier = new ArrayList<>();
        if (followUp) for (Conversations.Turn t : recent) earlier.add(t.searchText());
        Set<String> seen = new HashSet<>();
        if (!recent.isEmpty()) for (String s : recent.get(recent.size() - 1).shown()) seen.add(Terms.squashSpace(s));
        Answer answer = withAliases(answerer.answer(new AnswerRequest(question, earlier, asOf, found, prefer, seen), progress));
        if (note != null) answer = answer.withNoteFirst(note);
        long end = System.nanoTime();

        Map<String, Long> nanos = new LinkedHashMap<>(found.stageNanos());
        nanos.put("answer", end - a0);
        nanos.put("total", end - start);
        return new Reply(answer, found, followUp, searchText, nanos);
    }

    /** Whether the question asks for more of the story the conversation's last turn told ("tell me more", "go on"). */
    private boolean continues(String question, List<Conversations.Turn> recent) {
        return continuation != null && storyTold(recent).isPresent()
                && FollowUps.asksForMore(QuestionText.plain(question));
    }

    /** The conversation's last turn, when its answer told a story (cited something) that "tell me more" can go on with. */
    private static Optional<Conversations.Turn> storyTold(List<Conversations.Turn> recent) {
        if (recent.isEmpty()) return Optional.empty();
        Conversations.Turn last = recent.get(recent.size() - 1);
        return last.citedArticles().isEmpty() ? Optional.empty() : Optional.of(last);
    }

    /**
     * The thread's reply, unless it names a thing the thread's headlines do not and the question asked on its own is
     * answered from a story headlined about it (see {@link #headlinesMiss}).
     */
    private static Reply threadUnlessHeadlinedElsewhere(Reply threaded, Supplier<Reply> onItsOwn, String question) {
        if (!headlinesMiss(threaded, question)) return threaded;
        Reply alone = onItsOwn.get();
        return headlined(alone, question) ? alone : threaded;
    }

    /**
     * Whether the reply's headlines miss what the question names ("the new tram line"): a story that mentions it only
     * in passing, so one headlined about it, asked on its own, may be what is meant. The determined words, not the
     * question's rarest ones, which in "and the library, when is it open till?" include "open", in the tram line's
     * headline.
     */
    private static boolean headlinesMiss(Reply reply, String question) {
        Set<String> named = namedStems(question);
        return !named.isEmpty() && !headlinesHold(reply, named);
    }

    /** Whether the reply answers from a story whose headline holds what the question names. */
    private static boolean headlined(Reply reply, String question) {
        Set<String> named = namedStems(question);
        return !reply.answer().abstained() && !named.isEmpty() && headlinesHold(reply, named);
    }

    private static Set<String> namedStems(String question) {
        Set<String> out = new HashSet<>();
        for (String w : FollowUps.thingsNamed(question)) out.add(Terms.stem(w));
        return out;
    }

    /** Whether an article the reply cites has one of the stems in its headline or in a passage its search found. */
    private static boolean citedMention(Reply reply, Set<String> stems) {
        return mentionIn(reply, reply.answer().citedArticleIds(), stems);
    }

    /** Whether one of these articles has one of the stems in its headline or in a passage the reply's search found. */
    private static boolean mentionIn(Reply reply, Set<String> articleIds, Set<String> stems) {
        return !java.util.Collections.disjoint(storyStems(reply, articleIds, true), stems);
    }

    /** Whether an article the reply cites has one of the stems in its headline. */
    private static boolean headlinesHold(Reply reply, Set<String> stems) {
        return !java.util.Collections.disjoint(storyStems(reply, reply.answer().citedArticleIds(), false), stems);
    }

    /** Whether some retrieved passage holds the word (as a word form: "Goma" in "Goma's"). */
    private static boolean mentions(SearchResult found, String word) {
        String stem = dev.herald.text.Terms.stem(word.toLowerCase(java.util.Locale.ROOT));
        return found.chunks().stream().anyMatch(c -> dev.herald.text.Terms.contentStems(c.text()).contains(stem));
    }
}
