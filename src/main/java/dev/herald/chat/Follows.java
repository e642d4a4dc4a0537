package dev.herald.chat;

import dev.herald.text.Terms;
import dev.herald.article.Article;
import dev.herald.article.ArticleChunks;
import dev.herald.article.ArticleRef;
import dev.herald.store.ArticleStore;
import dev.herald.store.FollowStore;
import dev.herald.store.StoreListener;
import dev.herald.text.Sentences;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stories a chat follows ({@code /follow Goma}): the follows themselves, matching each newly stored article against
 * them ({@link #scan}), and what to push to each chat ({@link #deliveries}) within {@code alerts.max-per-hour}.
 *
 * <p>New articles are read from the store's arrival log, which a database trigger fills whichever process stores
 * them (a source refresh, {@code /reload}, a command-line {@code herald ingest} beside the bot), so a scan sees them
 * all, once. Syndicated copies of a stored story are recorded as its aliases, never as arrivals, so a story is pushed
 * once however many outlets carry it. Each alert is pushed at most once per chat: it is marked sent before sending.
 */
public final class Follows {

    public static final int MAX_FOLLOWS = 20;
    public static final int MIN_TOPIC = 2;
    public static final int MAX_TOPIC = 100;
    /** Arrivals matched per transaction: a 10,000-article ingest is scanned in steps, each committed. */
    static final int SCAN_BATCH = 200;
    static final Duration WINDOW = Duration.ofHours(1);
    /** Topics kept embedded between scans (each is embedded once, ~5 ms). */
    private static final int TOPIC_CACHE = 1_000;

    /** How {@link #follow} went. */
    public enum Outcome { ADDED, ALREADY_FOLLOWED, FULL, TOO_SHORT, TOO_LONG }

    /** One article to push: the topic it matched, its headline and outlet, and its lead sentence. */
    public record Story(String topic, ArticleRef article, String lead) {
        public Story {
            Objects.requireNonNull(topic, "topic");
            Objects.requireNonNull(article, "article");
            Objects.requireNonNull(lead, "lead");
        }
    }

    /**
     * What to send one chat now: alerts each in a message of its own, then (when over the hourly cap) one digest
     * listing the rest; either may be empty.
     */
    public record Delivery(long chatId, List<Story> alerts, List<Story> digest) {
        public Delivery {
            alerts = List.copyOf(alerts);
            digest = List.copyOf(digest);
        }
    }

    private final FollowStore store;
    private final ArticleStore articles;
    private final TopicMatcher matcher;
    private final int maxPerHour;
    private final Map<String, TopicMatcher.Topic> topics = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, TopicMatcher.Topic> eldest) {
                    return size() > TOPIC_CACHE;
                }
            });
    private final Set<Long> paused;

    public Follows(FollowStore store, ArticleStore articles, TopicMatcher matcher, int maxPerHour) {
        if (maxPerHour < 1) throw new IllegalArgumentException("maxPerHour must be at least 1");
        this.store = store;
        this.articles = articles;
        this.matcher = matcher;
        this.maxPerHour = maxPerHour;
        this.paused = ConcurrentHashMap.newKeySet();
        this.paused.addAll(store.paused());
    }

    /** {@code alerts.max-per-hour}: alerts one chat gets on their own in an hour. */
    public int maxPerHour() {
        return maxPerHour;
    }

    // ------------------------------------------------------------------ the commands

    public Outcome follow(long chatId, String topic, Instant at) {
        String t = topic.strip().replaceAll("\\s+", " ");
        if (t.codePointCount(0, t.length()) < MIN_TOPIC) return Outcome.TOO_SHORT;
        if (t.codePointCount(0, t.length()) > MAX_TOPIC) return Outcome.TOO_LONG;
        return switch (store.add(chatId, t, MAX_FOLLOWS, at)) {
            case ADDED -> Outcome.ADDED;
            case ALREADY_FOLLOWED -> Outcome.ALREADY_FOLLOWED;
            case FULL -> Outcome.FULL;
        };
    }

    /** The chat's topics, oldest first: /unfollow takes a number from this list. */
    public List<String> following(long chatId) {
        return store.follows(chatId).stream().map(FollowStore.Follow::topic).toList();
    }

    /** Stops following the chat's {@code n}-th topic (from 1); the topic, or empty when there is no such number. */
    public Optional<String> unfollow(long chatId, int n) {
        List<FollowStore.Follow> follows = store.follows(chatId);
        if (n < 1 || n > follows.size()) return Optional.empty();
        FollowStore.Follow f = follows.get(n - 1);
        return store.remove(chatId, f.id()) ? Optional.of(f.topic()) : Optional.empty();
    }

    // ------------------------------------------------------------------ matching

    /** Calls {@code changed} after every commit of this process that stored or removed articles. */
    public void onLocalChanges(Runnable changed) {
        articles.addListener(StoreListener.onCommit(version -> changed.run()));
    }

    /**
     * Matches every article stored since the last scan against the follows of chats that are not paused, and records
     * an alert for each match the chat has not had. Returns how many alerts were recorded.
     */
    public synchronized int scan(Instant now) {
        int recorded = 0;
        while (true) {
            List<FollowStore.Arrival> batch = store.arrivals(SCAN_BATCH);
            if (batch.isEmpty()) return recorded;
            List<FollowStore.Follow> follows = store.active();
            List<FollowStore.Alert> alerts = new ArrayList<>();
            if (!follows.isEmpty()) {
                for (FollowStore.Arrival a : batch) match(a, follows, alerts);
            }
            recorded += store.recordMatches(batch.get(batch.size() - 1).seq(), alerts, now);
            if (batch.size() < SCAN_BATCH) return recorded;
        }
    }

    private void match(FollowStore.Arrival arrival, List<FollowStore.Follow> follows, List<FollowStore.Alert> out) {
        Optional<ArticleChunks> chunks = articles.articleChunks(arrival.articleId());
        if (chunks.isEmpty()) return; // removed (or replaced under another id) since it arrived
        TopicMatcher.Passages passages = TopicMatcher.passages(chunks.get());
        Set<Long> chats = new HashSet<>();
        for (FollowStore.Follow f : follows) {
            if (arrival.seq() <= f.afterSeq() || chats.contains(f.chatId())) continue;
            if (matcher.matches(topic(f.topic()), passages)) {
                chats.add(f.chatId()); // one alert per chat, whichever of its topics matched first
                out.add(new FollowStore.Alert(f.chatId(), arrival.articleId(), f.topic()));
            }
        }
    }

    private TopicMatcher.Topic topic(String text) {
        TopicMatcher.Topic t = topics.get(text);
        if (t == null) {
            t = matcher.topic(text);
            topics.put(text, t);
        }
        return t;
    }

    // ------------------------------------------------------------------ delivery

    /**
     * What to push now, per chat: alerts on their own up to {@code alerts.max-per-hour} in the last hour; beyond that
     * one digest with the rest, at most one digest an hour (alerts waiting for it keep until then). Everything
     * returned is marked sent.
     */
    public synchronized List<Delivery> deliveries(Instant now) {
        List<Delivery> out = new ArrayList<>();
        Instant hourAgo = now.minus(WINDOW);
        for (long chat : store.chatsWithDueAlerts()) {
            List<FollowStore.Alert> due = store.due(chat);
            int room = Math.max(0, maxPerHour - store.sentSince(chat, FollowStore.Sent.ALERT, hourAgo));
            List<FollowStore.Alert> single = due.subList(0, Math.min(room, due.size()));
            List<FollowStore.Alert> rest = due.subList(single.size(), due.size());
            if (!rest.isEmpty() && store.sentSince(chat, FollowStore.Sent.DIGEST, hourAgo) > 0) rest = List.of();
            if (single.isEmpty() && rest.isEmpty()) continue;
            store.markSent(chat, ids(single), FollowStore.Sent.ALERT, now);
            store.markSent(chat, ids(rest), FollowStore.Sent.DIGEST, now);
            out.add(new Delivery(chat, stories(single), stories(rest)));
        }
        return out;
    }

    private static List<String> ids(List<FollowStore.Alert> alerts) {
        return alerts.stream().map(FollowStore.Alert::articleId).toList();
    }

    private List<Story> stories(List<FollowStore.Alert> alerts) {
        List<Story> out = new ArrayList<>();
        for (FollowStore.Alert a : alerts) {
            articles.article(a.articleId()).ifPresent(article -> out.add(new Story(a.topic(),
                    article.ref(), lead(article))));
        }
        return out;
    }

    /** The sentence that says what happened: the briefing's lead, else the first sentence. */
    static String lead(Article a) {
        List<String> lead = Briefings.leadSentences(a, 1);
        if (!lead.isEmpty()) return lead.get(0);
        List<String> sentences = Sentences.texts(a.text());
        return sentences.isEmpty() ? "" : Terms.squashSpace(sentences.get(0));
    }

    // ------------------------------------------------------------------ paused chats

    /** Telegram refused to deliver to the chat (the bot was blocked or removed): stop pushing, keep its follows. */
    public void pause(long chatId, String reason, Instant at) {
        store.pause(chatId, reason, at);
        paused.add(chatId);
    }

    /** The chat talks to the bot again: push to it again. Cheap when it was not paused (no database access). */
    public boolean resume(long chatId) {
        if (!paused.contains(chatId)) return false;
        paused.remove(chatId);
        return store.resume(chatId);
    }

    public boolean paused(long chatId) {
        return paused.contains(chatId);
    }
}
