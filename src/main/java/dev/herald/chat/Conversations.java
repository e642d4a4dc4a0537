package dev.herald.chat;

import dev.herald.store.ConversationStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Short memory per conversation (a chat, or a console session): the last few turns, forgotten after an idle time.
 * In the store when given one, so a follow-up reaching another instance than the question before it still reads as
 * a follow-up; else in this process.
 */
public final class Conversations {

    /**
     * One exchange: what was asked, what was searched for, which articles the answer cited (in citation order) and
     * the sentences the reader has been shown of that story (so "tell me more" goes on with others).
     */
    public record Turn(String question, String searchText, Set<String> citedArticles, List<String> shown, Instant at) {
        public Turn {
            citedArticles = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(citedArticles));
            shown = List.copyOf(shown);
        }

        public Turn(String question, String searchText, Set<String> citedArticles, Instant at) {
            this(question, searchText, citedArticles, List.of(), at);
        }
    }

    /**
     * Sentences remembered as shown, the newest kept: a story told to its end ("go on" after "go on") is about 40
     * sentences; more than this is a thread that moved on.
     */
    static final int SHOWN_KEPT = 60;

    private static final int KEEP = 3;

    private final Duration idle;
    private final Clock clock;
    private final Map<String, List<Turn>> turns = new ConcurrentHashMap<>();
    private final ConversationStore store;

    public Conversations(Duration idle, Clock clock) {
        this(idle, clock, null);
    }

    /** @param store where turns are kept (shared by every instance), or null for this process's memory */
    public Conversations(Duration idle, Clock clock, ConversationStore store) {
        this.idle = idle;
        this.clock = clock;
        this.store = store;
    }

    public Conversations(Duration idle) {
        this(idle, Clock.systemUTC());
    }

    /** Recent turns, oldest first; empty when the conversation has been idle too long. */
    public List<Turn> recent(String conversation) {
        if (store != null) {
            List<Turn> t = new ArrayList<>();
            for (ConversationStore.StoredTurn s : store.turns(conversation)) {
                t.add(new Turn(s.question(), s.searchText(), s.cited(), s.shown(), s.at()));
            }
            if (t.isEmpty() || t.get(t.size() - 1).at().plus(idle).isBefore(clock.instant())) return List.of();
            return List.copyOf(t);
        }
        List<Turn> t = turns.get(conversation);
        if (t == null || t.isEmpty()) return List.of();
        synchronized (t) {
            if (t.get(t.size() - 1).at().plus(idle).isBefore(clock.instant())) {
                turns.remove(conversation);
                return List.of();
            }
            return List.copyOf(t);
        }
    }

    public Optional<Turn> last(String conversation) {
        List<Turn> r = recent(conversation);
        return r.isEmpty() ? Optional.empty() : Optional.of(r.get(r.size() - 1));
    }

    public void remember(String conversation, String question, String searchText, Set<String> cited) {
        remember(conversation, question, searchText, cited, List.of());
    }

    /** @param shown the sentences the reader has now been shown of the thread's story, oldest first */
    public void remember(String conversation, String question, String searchText, Set<String> cited,
                         List<String> shown) {
        List<String> kept = shown.size() > SHOWN_KEPT ? shown.subList(shown.size() - SHOWN_KEPT, shown.size()) : shown;
        if (store != null) {
            store.append(conversation, new ConversationStore.StoredTurn(question, searchText, cited, kept,
                    clock.instant()), KEEP);
            return;
        }
        List<Turn> t = turns.computeIfAbsent(conversation, k -> new ArrayList<>());
        synchronized (t) {
            t.add(new Turn(question, searchText, cited, kept, clock.instant()));
            while (t.size() > KEEP) t.remove(0);
        }
    }

    public void reset(String conversation) {
        if (store != null) store.reset(conversation);
        turns.remove(conversation);
    }

    /** Forgets conversations idle for longer than the memory lasts (the store's; this process's go as they are read). */
    public void prune() {
        if (store != null) store.prune(clock.instant().minus(idle));
    }

    public Instant now() {
        return clock.instant();
    }
}
