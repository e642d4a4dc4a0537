package dev.herald.telegram;

import dev.herald.answer.PlainTextFormatter;
import dev.herald.article.ArticleRef;
import dev.herald.chat.ChatCommands;
import dev.herald.chat.QuestionService;
import dev.herald.store.ArticleStore;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The texts of the reader commands (/start, /help, /latest, /sources) in Telegram HTML, from the store's facts. */
final class BotTexts {

    private final ArticleStore store;
    private final QuestionService questions;
    private final Clock clock;
    private final java.util.function.BooleanSupplier onlySamples;

    /** @param onlySamples whether the library holds only the bundled sample articles (admins are told at /start) */
    BotTexts(ArticleStore store, QuestionService questions, Clock clock, java.util.function.BooleanSupplier onlySamples) {
        this.store = store;
        this.questions = questions;
        this.clock = clock;
        this.onlySamples = onlySamples;
    }

    static final String SAMPLES_NOTE = "Admin note: no articles were loaded and no content is configured, so I'm "
            + "answering from my built-in sample news. Load your own with /add (a feed, page, file or folder), or "
            + "set content.paths and send /reload.";

    /** @param admin whether the reader is one of {@code telegram.admins} (told when only the samples are loaded) */
    String greeting(boolean admin) {
        int articles = store.articleCount();
        StringBuilder sb = new StringBuilder("Hello! I'm Herald. I answer questions about the news from the ")
                .append(articles).append(articles == 1 ? " article" : " articles")
                .append(" I've read, and I cite my sources.");
        List<String> examples = exampleQuestions(store.latest(20, clock.instant()));
        if (articles == 0) {
            sb.append("\n\nI have no articles yet; an admin can load some with /reload.");
        } else if (!examples.isEmpty()) {
            sb.append("\n\nTry asking:");
            for (String q : examples) sb.append("\n• ").append(TelegramHtml.escape(q));
        }
        sb.append("\n\nSend /help to see everything I can do.");
        if (admin && onlySamples.getAsBoolean()) sb.append("\n\n").append(TelegramHtml.escape(SAMPLES_NOTE));
        return sb.toString();
    }

    /** Up to three questions about distinct subjects of the newest headlines. */
    static List<String> exampleQuestions(List<ArticleRef> latest) {
        Map<String, String> bySubject = new LinkedHashMap<>();
        for (ArticleRef r : latest) {
            String s = subject(r.title());
            if (s != null) bySubject.putIfAbsent(s.toLowerCase(Locale.ROOT), "What happened with " + s + "?");
            if (bySubject.size() == 3) break;
        }
        return new ArrayList<>(bySubject.values());
    }

    /** The leading proper noun(s) of a headline ("M23", "Ruto and Rubio"), or null. */
    static String subject(String title) {
        if (title == null) return null;
        String[] words = title.strip().split("\\s+");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < words.length && out.size() < 4; i++) {
            String w = words[i].replaceAll("^[\"'“‘(\\[]+", "");
            String clean = w.replaceAll("[\"'”’)\\],.:;!?]+$", "");
            if (clean.isEmpty()) break;
            int first = clean.codePointAt(0);
            if (Character.isUpperCase(first) || Character.isDigit(first)) {
                out.add(clean);
                if (!clean.equals(w)) break; // punctuation ends the phrase
            } else if (!out.isEmpty() && (clean.equals("and") || clean.equals("of")) && i + 1 < words.length
                    && Character.isUpperCase(words[i + 1].codePointAt(0))) {
                out.add(clean);
            } else {
                break;
            }
        }
        if (out.isEmpty()) return null;
        String s = String.join(" ", out);
        return s.length() > 60 ? null : s;
    }

    /**
     * @param commands what this reader may run, reader commands first (from {@link Commands#listed})
     * @param username the bot's, for the "mention me" hint
     */
    String help(List<Command> commands, String username) {
        List<ArticleStore.SourceSummary> sources = store.sources();
        int articles = sources.stream().mapToInt(ArticleStore.SourceSummary::articles).sum();
        StringBuilder sb = new StringBuilder("I'm Herald, a news bot. ");
        if (articles == 0) {
            sb.append("I have no articles yet.");
        } else {
            sb.append("I answer questions from ").append(articles).append(articles == 1 ? " article" : " articles")
                    .append(" by ").append(TelegramHtml.escape(outlets(sources)));
            String range = range(sources);
            if (!range.isEmpty()) sb.append(", published ").append(range);
            sb.append(". Every answer cites its sources; when my articles don't cover something, I say so.");
        }
        sb.append("\n\nIn a private chat, just send a question. In a group, mention me (@")
                .append(TelegramHtml.escape(username)).append(" your question), reply to one of my messages, or use /ask.")
                .append("\n\n<b>Commands</b>");
        boolean adminHeading = false;
        for (Command c : commands) {
            if (c.access() == Command.Access.ADMIN && !adminHeading) {
                sb.append("\n\n<b>Admin commands</b>");
                adminHeading = true;
            }
            sb.append('\n').append(TelegramHtml.escape(c.usage())).append(" — ").append(TelegramHtml.escape(c.description()));
        }
        return sb.toString();
    }

    private static String outlets(List<ArticleStore.SourceSummary> sources) {
        List<String> names = sources.stream().map(ArticleStore.SourceSummary::source).limit(5).toList();
        String s = String.join(", ", names);
        return sources.size() > 5 ? s + " and " + (sources.size() - 5) + " more" : s;
    }

    private static String range(List<ArticleStore.SourceSummary> sources) {
        Instant first = null;
        Instant last = null;
        for (ArticleStore.SourceSummary s : sources) {
            if (s.first() != null && (first == null || s.first().isBefore(first))) first = s.first();
            if (s.last() != null && (last == null || s.last().isAfter(last))) last = s.last();
        }
        if (first == null) return "";
        return "between " + day(first) + " and " + day(last);
    }

    private static String day(Instant i) {
        return PlainTextFormatter.day(new ArticleRef("", "", "", null, i));
    }

    /** {@code /latest [topic]}: the briefing the console gives too; {@code /latest N} lists the N newest headlines. */
    String latest(String conversation, String args) {
        java.util.OptionalInt count = ChatCommands.headlineCount(args);
        if (count.isEmpty()) return TelegramHtml.answer(questions.latest(conversation, args, clock.instant()));
        if (count.getAsInt() < 1) return TelegramHtml.escape(ChatCommands.HEADLINE_COUNT_HINT);
        int n = count.getAsInt();
        List<ArticleRef> refs = store.latest(n, clock.instant());
        if (refs.isEmpty()) return "I have no articles yet.";
        StringBuilder sb = new StringBuilder("<b>Latest headlines</b>");
        for (int i = 0; i < refs.size(); i++) sb.append("\n\n").append(i + 1).append(". ").append(TelegramHtml.headline(refs.get(i)));
        return sb.toString();
    }

    String sources() {
        List<ArticleStore.SourceSummary> sources = store.sources();
        if (sources.isEmpty()) return "I have no articles yet.";
        int total = sources.stream().mapToInt(ArticleStore.SourceSummary::articles).sum();
        StringBuilder sb = new StringBuilder("<b>Sources</b> (").append(total).append(total == 1 ? " article" : " articles");
        String range = range(sources);
        if (!range.isEmpty()) sb.append(", ").append(range);
        sb.append(")");
        for (ArticleStore.SourceSummary s : sources) {
            sb.append("\n• ").append(TelegramHtml.escape(s.source())).append(" — ").append(s.articles())
                    .append(s.articles() == 1 ? " article" : " articles");
            if (s.first() != null) {
                sb.append(", ").append(day(s.first()));
                if (!day(s.first()).equals(day(s.last()))) sb.append(" – ").append(day(s.last()));
            }
        }
        return sb.toString();
    }
}
