package dev.herald.answer;

import dev.herald.text.Terms;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The role a "who is the X?" question asks to have filled ("who is the coffee minister?": a minister). An article that
 * never mentions the role cannot say who holds it, however well it covers the rest: over the sample articles that
 * question got the coffee-price lead, which names a place, no minister.
 *
 * <p>Only the plain "who is/was the ... ROLE" form is read, and roles any report may name in other words ("winner",
 * "person", "leader") are left out: on the benchmark questions (2022 dev and 2025h2, 820 open questions) the form
 * occurs three times, so this is a rule for readers' questions, not a tuned one. Of those three, "Who was the star
 * guest on the first episode of Meghan Markle's podcast?" is now answered by "The Duchess of Sussex's first guest
 * was ... Serena Williams" (before: the podcast's launch), and the Met Gala dress's designer, which no retrieved
 * passage names, abstains (before: a sentence about the dress's damage).
 */
final class AskedRole {

    /**
     * "Who is the ..." opening a sentence, so not the relative clause of "Loretta Lynn, who became a country music
     * legend, died", and asking for one holder: "who were the alleged targets of the strikes?" asks for a group, which
     * a report names without the word (2025h2: "alleged Tren de Aragua members").
     */
    private static final Pattern WHO_IS_THE = Pattern.compile("(?i)(?:^|[.?!:]\\s+)who(?:'s|\u2019s| is| was| will be|"
            + " would be| became| is now) (?:now )?(?:the|a|an|its|their|his|her) (?<rank>(?:new |current |next |former |acting "
            + "|lead |chief |top |senior )?)"
            + "(?:[\\p{L}-]+ ){0,3}?(?<head>[\\p{L}-]{3,})(?=\\s+(?:of|in|for|at|to|on|who|that|behind|now)\\b|\\s*[?,.!]|\\s*$)");

    /** Heads that name no role, or one a report may give without the word ("X won" for the winner). */
    private static final Set<String> OPEN = Set.of("person", "people", "man", "woman", "one", "first", "last", "winner",
            "leader", "player", "star", "suspect", "victim", "culprit", "hero", "guy", "girl", "boy", "figure", "name");

    private AskedRole() {
    }

    /**
     * @param stem  the role's stem ("minister")
     * @param about the question without the role's word ("who is the coffee ?"), which says what it is about
     */
    record Role(String stem, String about, Pattern holder) {
        /** Whether the stems (of an article's headline and passages) name the role, also in a derived form. */
        boolean namedIn(Collection<String> stems) {
            return Subject.meets(stem, stems);
        }

        /**
         * Whether the sentence names who holds the role: a name right after the role's word ("said coach Annika Holm",
         * "Mayor Ilse Varga", "Project scientist Dr. Mara Lindqvist"), after it and "is/was" ("first guest was friend
         * and tennis champion Serena Williams"), or before it in apposition ("Marco Rubio, the United States secretary
         * of state"). A name elsewhere in the sentence holds no role: "The presidents of Rwanda and of DR Congo" names
         * no president, "Congo's foreign minister has accused neighbouring Rwanda" no minister. A role of another
         * place is no answer either: "Kenyan President William Ruto" for "Who is the president of DR Congo?" (the
         * word before the role, capitalised, must be one of the question's or derived from one: "Kenyan" for Kenya).
         */
        boolean holderNamedIn(String sentence, Set<String> questionTokens) {
            Matcher m = holder.matcher(sentence);
            while (m.find()) {
                Matcher before = WORD_BEFORE.matcher(sentence.substring(0, m.start()));
                if (!before.find()) return true;
                String w = before.group(1);
                if (!Character.isUpperCase(w.codePointAt(0))) return true;
                // a sentence's capitalised first word qualifies a role of a place or a side ("Kenyan President",
                // "Rovers goalkeeper"), not other roles: "Project scientist Dr. Mara Lindqvist" answers "who is the
                // lead scientist"
                if (before.start() == 0 && !OF_A_PLACE_OR_SIDE.contains(stem)) return true;
                String plain = w.toLowerCase(Locale.ROOT).replaceFirst("['\u2019]s$", "");
                for (String t : questionTokens) {
                    if (t.length() >= 4 && (plain.startsWith(t) || t.startsWith(plain))) return true;
                }
            }
            return false;
        }
    }

    /** Roles held for a country, a city or a team, which a word before them names ("Kenyan President"). */
    private static final Set<String> OF_A_PLACE_OR_SIDE = java.util.stream.Stream.of("president", "minister", "mayor",
                    "governor", "premier", "chancellor", "king", "queen", "ambassador", "senator", "secretary", "coach",
                    "captain", "goalkeeper", "keeper", "manager", "striker")
            .map(Terms::stem).collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** The word just before a position, if a word ends there. */
    private static final Pattern WORD_BEFORE = Pattern.compile("([\\p{L}'\u2019-]+)\\s+$");

    private static Pattern holderPattern(String stem) {
        String role = "(?i:" + Pattern.quote(stem) + ")\\p{L}*";
        String title = "(?:(?:Dr|Mr|Mrs|Ms|Prof|Sir|Dame|Gen|Lt|Col|Capt|Rev)\\.?\\s+)?";
        String name = "\\p{Lu}\\p{Ll}";
        return Pattern.compile("\\b" + role + ",?\\s+" + title + name
                + "|\\b" + role + "\\s+(?:is|was|will be|has been|had been)\\s+(?:[\\p{Ll}-]+\\s+){0,4}?" + title + name
                + "|" + name + "[\\p{L}.'\u2019-]*(?:\\s+\\p{Lu}[\\p{L}.'\u2019-]*)*,\\s+(?:(?i:the|a|an|its|their|his|her)\\s+)?"
                + "(?:[\\p{L}-]+\\s+){0,3}?\\b" + role);
    }

    /**
     * "who coaches Northgate Rovers?": the role said with its verb. Asked so, it got the cup report's lead, which
     * covers "Northgate Rovers" and names no coach, over "said coach Annika Holm". None of the 820 benchmark questions
     * asks this way.
     */
    private static final Pattern WHO_HOLDS = Pattern.compile("(?i)(?:^|[.?!:]\\s+)who (?:now |currently )?(?<verb>coach|manag|chair"
            + "|captain|head|govern)(?:es|s|ed)\\b");
    private static final java.util.Map<String, String> ROLE_OF_VERB = java.util.Map.of("coach", "coach", "manag", "manager",
            "chair", "chair", "captain", "captain", "head", "head", "govern", "governor");

    /** The role a question asks to have filled ("who is the coffee minister?": minister), if it asks for one. */
    static Optional<Role> of(String question) {
        Matcher held = WHO_HOLDS.matcher(question);
        if (held.find()) {
            String stem = Terms.stem(ROLE_OF_VERB.get(held.group("verb").toLowerCase(Locale.ROOT)));
            String about = question.substring(0, held.start("verb")) + question.substring(held.end());
            return Optional.of(new Role(stem, about, holderPattern(stem)));
        }
        Matcher m = WHO_IS_THE.matcher(question);
        if (!m.find()) return Optional.empty();
        String head = m.group("head").toLowerCase(Locale.ROOT);
        if (OPEN.contains(head) || Terms.STOP_WORDS.contains(head)) return Optional.empty();
        if (head.endsWith("s") && !head.endsWith("ss")) return Optional.empty(); // a group, not one holder
        // (nor is its rank: "who is the lead scientist" asked the Halcyon report to say "lead", and abstained where it
        // names "Project scientist Dr. Mara Lindqvist")
        String about = question.substring(0, m.start("rank")) + question.substring(m.end("rank"), m.start("head"))
                + question.substring(m.end("head"));
        String stem = Terms.stem(head);
        return Optional.of(new Role(stem, about, holderPattern(stem)));
    }
}
