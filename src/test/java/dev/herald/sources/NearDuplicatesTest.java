package dev.herald.sources;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.store.NearDuplicates;

import org.junit.jupiter.api.Test;

class NearDuplicatesTest {

    private static boolean same(String a, String b) {
        return NearDuplicates.same(NearDuplicates.shingles(a), NearDuplicates.shingles(b));
    }

    @Test
    void should_match_when_copy_differs_only_in_byline_and_punctuation() {
        // given
        String original = String.join("\n\n", Pages.GOMA);
        String copy = "By Staff Reporter.\n\n" + original.replace(",", "").toUpperCase();
        // when / then
        assertTrue(same(original, copy));
    }

    @Test
    void should_not_match_when_stories_cover_the_same_event_in_other_words() {
        // given
        String a = String.join("\n\n", Pages.GOMA);
        String b = "Fighters pushed towards the airport of Goma on Sunday. Hospitals counted 17 dead and over 300 "
                + "wounded by Monday. Many residents escaped to Rwanda; water and power are cut in parts of the city.";
        // when / then
        assertFalse(same(a, b));
    }

    @Test
    void should_not_match_when_a_brief_is_quoted_inside_a_longer_follow_up() {
        // given
        String brief = String.join("\n\n", Pages.RATES);
        String followUp = brief + "\n\n" + String.join("\n\n", Pages.STORM) + "\n\n" + String.join("\n\n", Pages.GOMA);
        // when / then
        assertFalse(same(brief, followUp));
    }
}
