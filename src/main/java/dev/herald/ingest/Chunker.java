package dev.herald.ingest;

import dev.herald.article.Chunk;
import dev.herald.article.Article;
import dev.herald.text.Sentences;
import dev.herald.text.Terms;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts an article into passages that fit the embedding model's window, on sentence boundaries.
 *
 * <p>The in-process MiniLM model reads only ~128 word pieces (about 90-100 English words); anything past that is
 * invisible to vector search. So a chunk is at most {@code maxWords} words <em>including</em> the title line that is
 * prepended for context, and neighbouring chunks share {@code overlapSentences} sentences so that a fact stated across
 * a boundary is still found whole in one of them.
 */
public final class Chunker {

    public static final int DEFAULT_MAX_WORDS = 90;
    public static final int DEFAULT_OVERLAP_SENTENCES = 0;
    private static final int MAX_TITLE_WORDS = 20;
    private static final Pattern WORD = Pattern.compile("\\S+");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy").withZone(ZoneOffset.UTC);

    private final int maxWords;
    private final int overlapSentences;

    public Chunker(int maxWords, int overlapSentences) {
        if (maxWords < 20) throw new IllegalArgumentException("maxWords must be at least 20, got " + maxWords);
        if (overlapSentences < 0) throw new IllegalArgumentException("overlapSentences must be >= 0");
        this.maxWords = maxWords;
        this.overlapSentences = overlapSentences;
    }

    public Chunker() {
        this(DEFAULT_MAX_WORDS, DEFAULT_OVERLAP_SENTENCES);
    }

    public List<Chunk> chunk(Article article) {
        String header = header(article);
        int budget = Math.max(10, maxWords - Math.min(Terms.wordCount(header), MAX_TITLE_WORDS));
        String text = article.text();
        List<Sentences.Span> pieces = new ArrayList<>();
        for (Sentences.Span s : Sentences.split(text)) {
            if (Terms.wordCount(s.text()) <= budget) pieces.add(s);
            else pieces.addAll(splitLong(text, s, budget));
        }
        List<Chunk> chunks = new ArrayList<>();
        int i = 0;
        while (i < pieces.size()) {
            int words = 0;
            int j = i;
            while (j < pieces.size()) {
                int w = Terms.wordCount(pieces.get(j).text());
                if (j > i && words + w > budget) break;
                words += w;
                j++;
            }
            String body = text.substring(pieces.get(i).start(), pieces.get(j - 1).end());
            chunks.add(new Chunk(chunks.size(), body, header + "\n" + body));
            if (j >= pieces.size()) break;
            // Step back for overlap, but always move forward by at least one sentence.
            i = Math.max(i + 1, j - overlapSentences);
        }
        return chunks;
    }

    private static String header(Article a) {
        String title = a.title();
        if (a.publishedAt() == null) return title;
        return title + " (" + DAY.format(a.publishedAt()) + ")";
    }

    private static List<Sentences.Span> splitLong(String text, Sentences.Span s, int budget) {
        List<Sentences.Span> out = new ArrayList<>();
        Matcher m = WORD.matcher(text).region(s.start(), s.end());
        int count = 0, start = -1, end = -1;
        while (m.find()) {
            if (start < 0) start = m.start();
            end = m.end();
            if (++count == budget) {
                out.add(new Sentences.Span(text.substring(start, end), start, end));
                count = 0;
                start = -1;
            }
        }
        if (start >= 0) out.add(new Sentences.Span(text.substring(start, end), start, end));
        return out;
    }
}
