package dev.herald.chat;

import dev.herald.text.Terms;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recognises questions that lean on the previous turn ("and how many were injured?", "what about Rwanda?",
 * "who leads them?") so they can be searched together with it.
 */
public final class FollowUps {

    private static final Pattern LEAD_IN = Pattern.compile(
            "^(and|but|also|so|then|what about|how about|and what about|what else|anything else|any more|more on)\\b.*",
            Pattern.DOTALL);
    private static final Set<String> REFERRING = Set.of(
            "they", "them", "their", "it", "its", "he", "she", "him", "his", "her", "there", "those", "these", "that",
            "this", "the", "such", "same", "other", "else");
    private static final Set<String> QUESTION_WORDS = Set.of("how", "many", "much", "who", "what", "when", "where",
            "why", "which", "whom", "whose");

    private FollowUps() {
    }

    public static boolean isFollowUp(String question) {
        String q = question.trim().toLowerCase(Locale.ROOT);
        if (LEAD_IN.matcher(q).matches()) return true;
        int content = 0;
        boolean refers = false;
        for (String t : Terms.tokens(q)) {
            if (REFERRING.contains(t) && !"the".equals(t)) refers = true;
            if (!Terms.STOP_WORDS.contains(t) && !QUESTION_WORDS.contains(t)) content++;
        }
        // "how many were hurt?" names nothing; "who leads them?" points back
        return content <= 1 || (refers && content <= 3);
    }
}
