package dev.herald.answer;

import dev.herald.retrieval.RetrievedChunk;
import dev.herald.retrieval.SearchResult;
import dev.herald.article.ArticleRef;
import dev.herald.article.StoredChunk;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sentence choice on hand-made passages, without a model or a database. */
class ExtractiveAnswererRulesTest {

    static final Instant AS_OF = Instant.parse("2022-07-15T12:00:00Z");
    static final ArticleRef ARTICLE = new ArticleRef("covid", "The new Covid variant", "Wire", "https://example.org/covid",
            Instant.parse("2022-07-12T08:00:00Z"));

    private static Answer answer(String question, String passage) {
        RetrievedChunk chunk = new RetrievedChunk(new StoredChunk(1, 1, passage, ARTICLE), 1.0, 1, 1, 0.7);
        SearchResult search = new SearchResult(List.of(chunk), List.of(), new float[0], Map.of());
        // every word equally rare, so only the sentence choice rules decide
        ExtractiveAnswerer answerer = new ExtractiveAnswerer(word -> 5.0, 2, 0.2);
        return answerer.answer(new AnswerRequest(question, List.of(), AS_OF, search));
    }

    /** The answer from one retrieved passage of {@code article}, with the given word rarity (IDF). */
    private static Answer answerFromOne(ArticleRef article, String passage, java.util.function.ToDoubleFunction<String> idf,
                                        String question) {
        RetrievedChunk chunk = new RetrievedChunk(new StoredChunk(1, 0, passage, article), 1.0, 1, 1, 0.6);
        return new ExtractiveAnswerer(idf, 3, 0.2).answer(new AnswerRequest(question, List.of(), AS_OF,
                new SearchResult(List.of(chunk), List.of(), new float[0], Map.of())));
    }

    /** The answer to a follow-up asked after {@code earlier}, from one passage. */
    private static Answer followUp(String earlier, String question, String passage) {
        RetrievedChunk chunk = new RetrievedChunk(new StoredChunk(1, 0, passage, ARTICLE), 1.0, 1, 1, 0.7);
        SearchResult search = new SearchResult(List.of(chunk), List.of(), new float[0], Map.of());
        return new ExtractiveAnswerer(word -> 5.0, 3, 0.2).answer(new AnswerRequest(question, List.of(earlier), AS_OF, search));
    }

    static final String GOMA = "The M23 rebel group says it has taken control of Goma, the largest city in the eastern "
            + "Democratic Republic of Congo, after a rapid advance. Congolese authorities reject that account and say "
            + "the city has not fallen. Shooting has been heard across Goma since Sunday. Kenya's president, who "
            + "chairs the East African Community, has called for a ceasefire in Goma.";

    @Test
    void should_quote_the_denial_that_follows_a_claim() {
        // when
        Answer a = answerFromOne(ARTICLE, GOMA, word -> 5.0, "Who controls Goma now?");

        // then the claim opens the answer and the denial, sharing no word with the question, comes right after it
        assertTrue(a.text().startsWith("The M23 rebel group says it has taken control of Goma"), a.text());
        assertTrue(a.text().contains("[1] Congolese authorities reject that account"), a.text());
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            // a number of kettles, but no price
            "How much do the recalled kettles cost? | Home-electronics maker Brightwell is recalling about 200,000 "
                    + "BrewSense kettles after reports that some units kept heating when empty. The recall covers "
                    + "kettles Brightwell sold last year.",
            // no number at all
            "How many kettles did Brightwell sell last year? | Home-electronics maker Brightwell is recalling its "
                    + "BrewSense kettles after reports that some units kept heating when empty. The recall covers "
                    + "kettles Brightwell sold last year."})
    void should_abstain_when_no_sentence_holds_the_amount_asked_for(String question, String passage) {
        // when
        Answer a = answer(question, passage);

        // then
        assertTrue(a.abstained(), a.text());
    }

    @Test
    void should_not_answer_a_follow_up_with_a_sentence_that_only_matches_the_earlier_question() {
        // when a follow-up asks who leads the rebels, and no sentence says who leads anyone
        Answer a = followUp("Who controls Goma now?", "who leads them?", GOMA);

        // then the Goma claim is not given again as if it answered
        assertTrue(a.abstained(), a.text());
    }

    @Test
    void should_answer_a_when_follow_up_with_a_dated_sentence_whose_verb_form_differs() {
        // when "speak" is asked and the passage says "spoke", a form no stemmer joins
        Answer a = followUp("What did Ruto and Rubio discuss?", "when did they speak?",
                "Kenyan President William Ruto spoke by telephone on Monday with Marco Rubio, the United States "
                        + "Secretary of State. The two discussed a trade pact and the security mission in Haiti.");

        // then the dated sentence answers
        assertTrue(a.text().startsWith("Kenyan President William Ruto spoke by telephone on Monday"), a.text());
    }

    @Test
    void should_answer_a_follow_up_with_a_sentence_holding_its_own_words() {
        // when
        Answer a = followUp("Who controls Goma now?", "and who called for a ceasefire?", GOMA);

        // then
        assertTrue(a.text().startsWith("Kenya's president, who chairs the East African Community"), a.text());
    }

    @Test
    void should_quote_the_sentence_after_one_that_only_restates_the_question() {
        // given a passage whose first sentence echoes the question and whose second names the answer
        String passage = "Nearly two and a half years since the pandemic began, the most transmissible variant yet "
                + "has arrived. Scientists have named it BA.5 already. The pandemic has killed millions over two years. "
                + "Half of the states saw variant cases rise since June.";

        // when
        Answer a = answer("Nearly two and a half years since the pandemic began, the most transmissible variant yet "
                + "has arrived. What is it called?", passage);

        // then
        assertFalse(a.abstained());
        assertTrue(a.text().contains("BA.5"), a.text());
        assertFalse(a.text().contains("killed millions") && a.text().contains("Half of the states"), a.text());
    }

    /** Which sentence opens the answer when two fit the asked kind and only one answers. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            // only the second count follows a sentence naming the keeper asked about
            "How many sailors did the Zephyrine keeper rescue from the trawler? | Rescue crews from three ports said 40 "
                    + "sailors had been at sea during the storm. The Zephyrine keeper, Amelia Tosk, rowed out to the "
                    + "capsized trawler on Tuesday. She rescued 11 sailors before dawn. | She rescued 11 sailors",
            // one sentence has the question's own "pay" and a number of days, the other the sum paid
            "A charity auction for lunch with investor Warren Buffett closed this week. How much did the bidder pay? "
                    + "| The winning bidder in the Buffett lunch auction will pay within 30 days, the Glide Foundation "
                    + "said. The winning bidder in the Buffett lunch auction paid $19 million, the Glide Foundation "
                    + "said. | The winning bidder in the Buffett lunch auction paid $19 million"})
    void should_open_with_the_sentence_that_answers(String question, String passage, String opening) {
        // when
        Answer a = answer(question, passage);

        // then
        assertTrue(a.text().startsWith(opening), a.text());
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} -> {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "NASA's rocket will go beyond the moon. What is the mission called? | ENTITY",
            "What was the name of the storm? | ENTITY",
            "What’s the name of the mission? | ENTITY",
            "what's it called? | ENTITY",
            "What is the nickname of World Cup quarter-finalists Morocco? | ENTITY",
            "Biden celebrated a milestone birthday this week. What is his age? | COUNT",
            "How many people were injured? | COUNT",
            "What is the population of Goma? | COUNT",
            "what time did halcyon take off | TIME",
            "what time does the last tram run | OTHER",
            "Why did Ruto call an emergency summit? | REASON",
            "What caused the delays at major airports this week? | REASON",
            "What was the score? | COUNT",
            "What are the names of the turkeys Trump pardoned? | ENTITY",
            "Who controls Goma now? | PERSON",
            "What is the measure about? | OTHER",
            "What did the senators leave out of the deal? | OTHER",
            "What did she say? | QUOTE",
            "What should kettle owners do? | ADVICE",
            "what do i do if i have one | ADVICE",
            "can i keep using it if i just update the app | ADVICE",
            "Can I still use my kettle? | ADVICE",
            "Can Ukraine still win? | OTHER",
            "What are residents being told to do? | ADVICE",
            "What did Brightwell do? | OTHER",
            "What did the coach say about the final? | QUOTE",
            "How did Kigali respond? | QUOTE",
            "What did Biden say was a legitimate concern for voters? | OTHER",
            "Who said the mission could explain how water reached Earth? | PERSON"})
    void should_read_the_kind_of_answer_from_the_question(String question, QuestionType expected) {
        org.junit.jupiter.api.Assertions.assertEquals(expected, QuestionType.of(question));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} -> {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "Frank Michaux/NASA Spectators take photos at the unveiling of the Orion spacecraft. | true",
            "Eddie Mulholland/Pool/Getty Images Prince William kisses his wife on the balcony. | true",
            "He was just 15 when he got his licence Nikolay Doychinov/AFP/Getty Images | true",
            "Scott Halleran / Getty Images After becoming the youngest player to win the title | true",
            "Video Ad Feedback Biden forgave $10K in student debt. | true",
            "Prices rose again in May. (AP Photo/Rich Pedroncelli) | true",
            "He is best known as Steve Rogers/Captain America in the Marvel films. | false",
            "A USA TODAY/Suffolk University poll found that 31% want him to run. | false",
            "The Times-Picayune/The New Orleans Advocate reported that inmates were moved. | false",
            "The storm cut power to 40,000 homes on Tuesday night. | false"})
    void should_tell_a_photo_credit_or_video_label_from_reporting(String sentence, boolean furniture) {
        assertEquals(furniture, ExtractiveAnswerer.isPageFurniture(sentence));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} -> {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "Did Eastfield Athletic lose? | true",
            "Is Goma the capital of Congo? | true",
            "and were there serious injuries? | true",
            "Rovers won the cup on penalties. Did they deserve it? | true",
            "Isn't the tram free this weekend? | true",
            "Does the replacement kettle cost anything? | true",
            "Who won the Harbour Cup? | false",
            "How many people died? | false",
            "Island news | false",
            "Did Rovers win? Who scored? | false"})
    void should_tell_a_question_asking_whether_from_one_asking_what(String question, boolean whether) {
        org.junit.jupiter.api.Assertions.assertEquals(whether, AskedQuestion.asksWhether(question));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} -> {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "What is M23? | true",
            "Who is Marco Rubio? | true",
            "What's the EAC? | true",
            "what is the East African Community | true",
            "What is happening? | false",
            "What is the population of Goma? | false",
            "Who is the coach? | false",
            "What did M23 say? | false"})
    void should_tell_a_question_asking_what_a_name_is(String question, boolean definition) {
        org.junit.jupiter.api.Assertions.assertEquals(definition, AskedQuestion.asksWhatANameIs(question));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} -> {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "Police arrested 31 men in Coeur d'Alene, Idaho, on Saturday. | true",
            "Giuliani spent six hours in an Atlanta courthouse. | true",
            "An explosion rocked a building in suburban Atlanta on Sunday. | true",
            "Eastfield hit the crossbar in the final minute. | false",
            "The final was played in January. | false",
            "The cause was unknown, according to DeKalb County Fire and Rescue. | false",
            "In the shoot-out, Rovers goalkeeper Lena Brandt saved two penalties. | false",
            "Shooting has been heard in Goma since Sunday. | false"})
    void should_count_a_name_as_a_place_only_after_a_preposition_of_place(String sentence, boolean place) {
        // given "Where is Goma?": Goma is what is asked about, not where it is
        org.junit.jupiter.api.Assertions.assertEquals(place, QuestionType.hasNewPlace(sentence, java.util.Set.of("where", "is", "goma")));
    }

    @Test
    void should_not_quote_photo_gallery_captions() {
        // given a scraped page whose gallery caption repeats the question's words
        String passage = "Hide Caption 7 of 44 Photos: Tennis legend Serena Williams won her first grand slam title in "
                + "1999. She has won 23 grand slam singles titles, the most in the Open era. "
                + "Williams said she would evolve away from tennis.";

        // when
        Answer a = answer("How many grand slam titles has tennis legend Serena Williams won?", passage);

        // then
        assertTrue(a.text().contains("23 grand slam"), a.text());
        assertFalse(a.text().contains("Hide Caption"), a.text());
    }

    @Test
    void should_recognise_a_number_of_the_things_a_how_many_question_counts() {
        // given
        var counted = AskedQuestion.countedThings("Serena Williams will retire. How many grand slams has she won?");

        // then
        assertTrue(ExtractiveAnswerer.countsTheAskedThing("She has won 23 grand slam singles titles.", counted));
        assertTrue(ExtractiveAnswerer.countsTheAskedThing("In all she won seven Wimbledon and 23 major slams.", counted));
        assertFalse(ExtractiveAnswerer.countsTheAskedThing("She won her first grand slam title in 1999.", counted));
        assertFalse(ExtractiveAnswerer.countsTheAskedThing("She played 7 matches at Wimbledon.", counted));
        assertTrue(AskedQuestion.countedThings("Who won the grand slam?").isEmpty());
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} -> {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "how many m23 fighters are there                           | m23 fighters",
            "How many kettles did Brightwell recall?                   | kettles",
            "how many kenyan police are in haiti                       | kenyan police",
            "The Senate passed it. How many Republicans supported the bill? | republicans supported",
            // not "how much": it is mostly measured ("how much snow" in inches), and "how many were hurt" names nothing
            "How much snow fell in Orchard Park?                       | ''",
            "how many were hurt?                                       | ''"})
    void should_read_the_words_a_how_many_question_counts_with(String question, String words) {
        assertEquals(words.isEmpty() ? List.of() : List.of(words.split(" ")), AskedQuestion.countedWords(question));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}: {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "fighters   | Footage appears to show M23 fighters moving along the main roads.                    | false",
            "fighters   | At least 17 people have been killed and more than 300 wounded in the fighting.        | false",
            "fighters   | The group has about 3,000 fighters in the province.                                   | true",
            // a few words may stand between the count and what it counts
            "kettles    | Brightwell is recalling about 200,000 of its app-controlled BrewSense kettles.        | true",
            // a compound counts its last part ("fires" for "wildfires")
            "wildfires  | There had been 420 fires in England and Wales since the start of the year.            | true",
            // one, or none, said in words
            "presidents | Calvin Coolidge, the only U.S. president born on July 4, was in Philadelphia.         | true",
            // a digit inside a name is no count, nor a number naming a thing
            "fighters   | Videos of M23 fighters were shared widely.                                            | false",
            "trams      | The city opened its new Line 7 tram on Saturday morning.                              | false",
            "trams      | Line 7 has 24 new trams.                                                              | true"})
    void should_tell_whether_a_sentence_counts_the_thing_asked_about(String noun, String sentence, boolean counts) {
        assertEquals(counts, ExtractiveAnswerer.countsNamed(sentence, List.of(noun)));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "is there wifi in the library?          | true",
            "do they have wifi?                     | true",
            "are there any free wifi hotspots?      | false",
            "is there a cafe in the library?        | false",
            // not a question whether something happened, whose verb may be the question's own ("lose" for "beating")
            "did she lose her wifi?                 | false",
            // not a question whether there is a thing
            "when does the wifi start?              | false",
            // ...and what is asked for is a thing no article mentions
            "what's the wifi like in the library?   | true",
            "what is the wifi password for the library? | false",
            "what's the library wifi password?      | false",
            "what's the guest wifi for the library? | true",
            // not a word for the story itself, nor a count of casualties told in other words
            "what's the wifi situation in goma?     | false",
            "what's the death wifi in goma?         | false",
            // ...and the price of such a thing
            "how much does a day wifi cost?         | true",
            "how much is the wifi?                  | true",
            "how much did the tram cost?            | false"})
    void should_tell_a_question_whether_there_is_a_thing_no_article_mentions(String question, boolean unreported) {
        // given: an archive that has every word but "wifi", in any form
        java.util.function.ToDoubleFunction<String> idf = w -> w.startsWith("wifi") || w.equals(Subject.ABSENT_PROBE) ? 9.0 : 1.0;

        // then
        assertEquals(unreported, AskedQuestion.asksAfterUnreported(question, idf));
    }

    @Test
    void should_quote_only_the_article_about_the_subject_when_another_has_the_kind_of_answer_asked_for() {
        // given the Goma report and a library report whose "1,200 people" fits "how many" better than anything
        ArticleRef goma = new ArticleRef("goma", "Rebels enter Goma", "Wire", null, Instant.parse("2025-01-27T08:00:00Z"));
        ArticleRef library = new ArticleRef("library", "Library reopens", "Gazette", null,
                Instant.parse("2025-01-27T09:00:00Z"));
        RetrievedChunk a = new RetrievedChunk(new StoredChunk(1, 0, "Fighting continued in Goma on Monday. "
                + "Health officials said at least 17 people were killed in the fighting.", goma), 1.0, 1, 1, 0.6);
        RetrievedChunk b = new RetrievedChunk(new StoredChunk(2, 0, "More than 1,200 people were signing up for "
                + "library cards on the first morning, the librarian said.", library), 0.9, 2, 2, 0.5);
        Map<String, Double> rarity = Map.of("goma", 9.0, "people", 1.0, "killed", 4.0);
        // a word the archive lacks scores the highest IDF
        ExtractiveAnswerer answerer = new ExtractiveAnswerer(w -> rarity.getOrDefault(w, w.startsWith("\u0000") ? 12.0 : 3.0), 3, 0.2);

        // when
        Answer answer = answerer.answer(new AnswerRequest("How many people were killed in Goma?", List.of(), AS_OF,
                new SearchResult(List.of(b, a), List.of(), new float[0], Map.of())));

        // then
        assertTrue(answer.text().startsWith("Health officials said at least 17"), answer.text());
        assertTrue(answer.citations().stream().allMatch(c -> c.article().id().equals("goma")), answer.text());
    }

    @Test
    void should_abstain_when_no_retrieved_article_covers_the_subject() {
        // given only an article about another cup final
        ArticleRef other = new ArticleRef("final", "Italy win on penalties", "Wire", null,
                Instant.parse("2022-07-12T08:00:00Z"));
        String passage = "Italy won the final on penalties after a 1-1 draw. The goalkeeper saved two penalties in the "
                + "shoot-out.";

        // when
        Answer answer = answerFromOne(other, passage, w -> w.equals("harbour") ? 9.0 : 3.0,
                "Who won the Harbour Cup final on penalties?");

        // then
        assertTrue(answer.abstained(), answer.text());
    }

    @Test
    void should_quote_a_paraphrasing_report_when_the_question_names_nothing_and_the_sentence_covers_most_of_it() {
        // given a question without names whose rarest word ("trekkers") the report paraphrases ("hikers")
        ArticleRef everest = new ArticleRef("everest", "Blizzard on the Himalayas", "Wire", null,
                Instant.parse("2025-10-06T08:00:00Z"));
        String passage = "Hundreds of hikers are stranded near Mount Everest due to a powerful blizzard that showered "
                + "the Himalayas, state media reported.";
        Map<String, Double> rarity = Map.of("trekkers", 11.0, "blizzard", 7.0, "stranded", 6.0, "hundreds", 3.0,
                "mountain", 4.0, "recently", 2.0);

        // when
        Answer answer = answerFromOne(everest, passage, w -> rarity.getOrDefault(w, w.startsWith("\u0000") ? 12.0 : 3.0),
                "A blizzard recently stranded hundreds of trekkers near which mountain?");

        // then: the article misses the subject word, but the sentence covers most of the question
        assertFalse(answer.abstained(), answer.text());
        assertTrue(answer.text().contains("Mount Everest"), answer.text());
    }

    @Test
    void should_quote_the_sentence_naming_a_country_when_asked_which_country() {
        // given: a sentence about the subject that names no country, and one that names countries
        String passage = "No foreign government will recognize the Taliban administration of Afghanistan, Western "
                + "officials said. Diplomats said Russia would recognize the Taliban administration of Afghanistan.";

        // when
        Answer a = answer("Which country will recognize the Taliban administration of Afghanistan?", passage);

        // then: the country named, not the sentence restating the question's own words
        assertTrue(a.text().startsWith("Diplomats said Russia"), a.text());
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            // the report writes "Ford" inside a sentence too: the opening word is a name
            "Shares of Ford fell two percent in early trading.|true",
            // it never does: "Ford" might be any capitalised first word ("Engineers are ...")
            "Shares fell two percent in early trading.|false"})
    void should_take_a_sentence_opening_with_a_name_as_naming_the_company_asked_for(String elsewhere, boolean named) {
        // given: a sentence covering more of the question, naming no company, and one opening with the answer
        String passage = "The company announced on Wednesday that the unit, which it backed for years, would close. "
                + "Ford is shutting down its car effort and will take a loss on it. " + elsewhere;

        // when
        Answer a = answer("Which company announced it is shutting down its self-driving car unit?", passage);

        // then
        assertEquals(named, a.text().startsWith("Ford is shutting down"), a.text());
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "Team owner Arte Moreno announced Tuesday that he has initiated a formal process that could result in selling the franchise.|true",
            "Team owner Arte Moreno announced Tuesday that he is selling the franchise.|false"})
    void should_quote_a_sentence_that_says_nearly_all_the_question_asks_even_when_its_report_omits_the_name(
            String sentence, boolean answered) {
        // given: a report that never says "MLB"
        ArticleRef angels = new ArticleRef("angels", "Los Angeles Angels owner looking into selling team", "Wire",
                "https://example.org/angels", Instant.parse("2022-07-12T08:00:00Z"));

        // when
        Answer a = answerFromOne(angels, "The Los Angeles Angels may soon be up for sale. " + sentence, word -> 5.0,
                "Which MLB team's owner announced that they have initiated a formal process that could result in selling the franchise?");

        // then: four fifths of the question's words are a paraphrase of it; half of them are not
        assertEquals(answered, !a.abstained(), a.text());
        if (answered) assertTrue(a.text().startsWith("Team owner Arte Moreno"), a.text());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "Which country recognized the Taliban?|Russia said on Thursday it recognized them.|0.2",
            "Which country recognized the Taliban?|No foreign country has done so, officials said.|0.0",
            "Which country borders Russia and recognized the Taliban?|Russia said on Thursday it recognized them.|0.0",
            "Which nation hosted the summit?|Leaders met in the United Kingdom on Monday.|0.2",
            "Which state has the most cases of monkeypox?|California has the most cases: 4,300.|0.2",
            "Which state has the most cases of monkeypox?|Cases rose, according to the Centers for Disease Control.|0.0",
            "Which state's voters protected abortion rights?|Voters in Kansas rejected the amendment.|0.2",
            "Which university cut its budget?|Officials at the University of Oregon cut it.|0.3",
            "Which airline cancelled flights?|The cuts at Delta Air Lines hit Atlanta.|0.2",
            "Which US university cut its budget?|Officials at the University of Oregon cut it.|0.3",
            "Which tech company cut jobs?|Shares rose after Microsoft said it cut 9,000 jobs.|-1",
            "Which NFL team won?|Fans cheered the Philadelphia Eagles in New Orleans.|0.2",
            "What was said at the summit?|Leaders met in the United Kingdom on Monday.|-1"})
    void should_score_the_asked_kind(String question, String sentence, double cue) {
        AskedKind kind = AskedKind.of(question);
        if (cue < 0) {
            assertTrue(kind.isEmpty(), kind.toString());
            return;
        }
        java.util.Set<String> questionTokens = new java.util.HashSet<>(dev.herald.text.Terms.tokens(question));
        org.junit.jupiter.api.Assertions.assertEquals(cue, kind.cue(sentence, questionTokens), 1e-9, sentence);
    }
}
