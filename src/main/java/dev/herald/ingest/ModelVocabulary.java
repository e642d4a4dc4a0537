package dev.herald.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The whole English words of the embedding model's WordPiece vocabulary (22,501 of its 30,522 entries; the rest are
 * "##" word pieces, digits and symbols): a dictionary that comes with the model, so the spelling corrector can tell
 * a word the archive happens not to use ("start" over the nine sample articles) from a misspelling ("contrls"),
 * which the vocabulary does not hold either. Read once, on first use: streaming the 0.7 MB tokenizer file took 0.66 s
 * in a fresh JVM on this 2-core machine (busy), so the front ends' warm-up reads it before the first question.
 */
public final class ModelVocabulary {

    private ModelVocabulary() {
    }

    /** True when {@code word} (any case) is a whole word of the model's vocabulary. */
    public static boolean contains(String word) {
        return Words.ALL.contains(word.toLowerCase(Locale.ROOT));
    }

    private static final class Words {
        static final Set<String> ALL = read();
    }

    private static Set<String> read() {
        Set<String> words = new HashSet<>(32_768);
        try (InputStream in = BatchedMiniLm.resource(BatchedMiniLm.TOKENIZER);
             JsonParser p = new JsonFactory().createParser(in)) {
            // {"model": {"vocab": {"[PAD]": 0, "the": 1996, "##ing": 2075, ...}}}: only the keys of model.vocab
            int depth = 0;
            boolean inModel = false;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) depth++;
                else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) depth--;
                else if (t == JsonToken.FIELD_NAME && depth == 1) inModel = p.currentName().equals("model");
                else if (t == JsonToken.FIELD_NAME && depth == 2 && inModel && p.currentName().equals("vocab")) {
                    p.nextToken();
                    for (JsonToken v = p.nextToken(); v == JsonToken.FIELD_NAME; v = p.nextToken()) {
                        String token = p.currentName();
                        if (token.chars().allMatch(Character::isLetter)) words.add(token);
                        p.nextToken(); // the id
                    }
                    return Set.copyOf(words);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedding model's vocabulary", e);
        }
        throw new IllegalStateException(BatchedMiniLm.TOKENIZER + " has no model.vocab");
    }
}
