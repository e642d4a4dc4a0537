package dev.herald.chat;

import dev.herald.Herald;
import dev.herald.answer.Answer;
import dev.herald.support.TestHerald;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shared pipeline on the bundled sample articles, as a reader would use it. */
class QuestionServiceTest {

    @TempDir
    static Path dir;
    static Herald herald;
    static final Instant AS_OF = Instant.parse("2025-01-30T12:00:00Z");

    @BeforeAll
    static void load() {
        herald = TestHerald.withSamples(dir);
    }

    @AfterAll
    static void close() {
        herald.close();
    }

    @Test
    void should_answer_a_follow_up_about_injuries_from_the_previous_topic() {
        // given
        QuestionService q = herald.questions();
        Reply first = q.ask("chat-1", "Who controls Goma now?", AS_OF);

        // when
        Reply followUp = q.ask("chat-1", "and how many were injured?", AS_OF);

        // then
        assertTrue(first.answer().text().contains("Goma"), first.answer().text());
        assertTrue(followUp.followUp());
        assertFalse(followUp.answer().abstained(), followUp.answer().text());
        assertTrue(followUp.answer().text().contains("300"), followUp.answer().text());
    }

    @Test
    void should_not_carry_context_into_another_conversation_or_after_reset() {
        // given
        QuestionService q = herald.questions();
        q.ask("chat-2", "Who controls Goma now?", AS_OF);
        q.conversations().reset("chat-2");

        // when
        Reply fresh = q.ask("chat-2", "and how many were injured?", AS_OF);
        Reply other = q.ask("chat-3", "and how many were injured?", AS_OF);

        // then
        assertFalse(fresh.followUp());
        assertFalse(other.followUp());
    }

    @Test
    void should_not_see_articles_published_after_the_as_of_date() {
        // when
        Reply before = herald.questions().ask("Who controls Goma now?", Instant.parse("2025-01-01T00:00:00Z"));

        // then
        assertTrue(before.answer().abstained() || before.answer().citations().stream()
                .allMatch(c -> c.article().publishedAt() == null || c.article().publishedAt().isBefore(Instant.parse("2025-01-01T00:00:00Z"))));
    }

    @Test
    void should_search_a_rewritten_standalone_question_when_a_rewriter_is_configured() {
        // given: a rewriter standing in for the LLM, as llm mode wires it
        java.util.List<java.util.List<String>> seen = new java.util.ArrayList<>();
        QuestionService q = new QuestionService(herald.retriever(), herald.answerer(), new Conversations(java.time.Duration.ofMinutes(5)),
                id -> java.util.List.of(), (question, earlier) -> {
                    seen.add(earlier);
                    return "How many people were injured in the fighting in Goma?";
                });
        q.ask("c", "Who controls Goma now?", AS_OF);

        // when
        Reply r = q.ask("c", "and how many were hurt?", AS_OF);

        // then
        assertTrue(r.followUp());
        assertTrue(r.searchText().startsWith("How many people were injured"), r.searchText());
        assertTrue(seen.get(0).contains("Who controls Goma now?"));
        assertTrue(r.answer().text().contains("300"), r.answer().text());
    }

    @Test
    void should_not_cite_the_kettle_recall_when_a_goma_follow_up_asks_about_injuries() {
        // given
        QuestionService q = herald.questions();
        q.ask("chat-kettle", "Who controls Goma now?", AS_OF);

        // when
        Reply followUp = q.ask("chat-kettle", "and how many were injured?", AS_OF);

        // then the casualty figure comes first, and nothing is quoted from the kettle recall's "No serious injuries"
        String text = followUp.answer().text();
        assertTrue(text.startsWith("At least 17 people have been killed and more than 300 wounded"), text);
        assertFalse(text.contains("No serious injuries"), text);
        assertTrue(followUp.answer().citations().stream()
                .noneMatch(c -> c.article().url().endsWith("brightwell-kettle-recall")), text);
    }

    @Test
    void should_read_a_question_naming_nothing_as_part_of_the_thread_when_the_threads_story_answers_it() {
        // given a thread about the Halcyon launch, started with a briefing
        QuestionService q = herald.questions();
        q.ask("chat-trip", "Halcyon news", AS_OF);

        // when
        Reply trip = q.ask("chat-trip", "how long will the trip take?", AS_OF);
        Reply coffee = q.ask("chat-trip", "why are coffee prices rising?", AS_OF);

        // then the trip is the probe's, not the tram's 27 minutes; coffee is a new question
        assertTrue(trip.followUp(), trip.searchText());
        assertTrue(trip.answer().text().contains("six-year trip"), trip.answer().text());
        assertTrue(trip.answer().citations().stream().allMatch(c -> c.article().url().endsWith("halcyon-probe-launch")),
                trip.answer().text());
        assertFalse(coffee.followUp(), coffee.searchText());
        assertTrue(coffee.answer().citations().stream().anyMatch(c -> c.article().url().endsWith("coffee-drought-prices")),
                coffee.answer().text());
    }

    @Test
    void should_search_a_follow_up_of_a_topic_briefing_with_the_topic() {
        // given
        QuestionService q = herald.questions();
        q.ask("chat-launch", "Halcyon news", AS_OF);

        // when
        Reply when = q.ask("chat-launch", "when did it launch?", AS_OF);

        // then
        assertTrue(when.followUp());
        assertTrue(when.answer().text().contains("lifted off before dawn on Wednesday"), when.answer().text());
    }

    @Test
    void should_abstain_when_how_many_gets_no_sentence_with_a_count() {
        // given: the Goma report says Rwanda is "sending troops", and counts only the dead and wounded
        QuestionService q = herald.questions();
        Reply war = q.ask("chat-troops", "who in congos govt said rwanda basically declared war", AS_OF);
        assertTrue(war.answer().text().contains("sending troops"), war.answer().text());

        // when
        Reply soldiers = q.ask("chat-troops", "how many rwandan soldiers r in congo rn", AS_OF);

        // then: not the same sentence again, which counts nothing
        assertTrue(soldiers.answer().abstained(), soldiers.answer().text());
    }

    @Test
    void should_abstain_rather_than_quote_another_story_when_a_pronoun_follow_up_is_not_answered() {
        // given: no sample says who leads M23; the summit report mentions Goma and "the efforts Nairobi leads"
        QuestionService q = herald.questions();
        q.ask("chat-leads", "Who controls Goma now?", AS_OF);

        // when
        Reply leads = q.ask("chat-leads", "who leads them?", AS_OF);

        // then
        assertTrue(leads.answer().abstained(), leads.answer().text());
    }

    @Test
    void should_take_what_about_x_as_a_new_story_when_the_thread_does_not_cover_x() {
        // given
        QuestionService q = herald.questions();
        q.ask("chat-switch", "Who won the Harbour Cup?", AS_OF);

        // when
        Reply kettles = q.ask("chat-switch", "what about the kettles?", AS_OF);
        Reply hurt = q.ask("chat-switch", "how many were hurt?", AS_OF);

        // then the recall answers, and the thread goes on from it
        assertTrue(kettles.answer().citations().stream().anyMatch(c -> c.article().url().endsWith("brightwell-kettle-recall")),
                kettles.answer().text());
        assertTrue(hurt.answer().text().contains("three minor burns"), hurt.answer().text());
    }

    @Test
    void should_answer_from_the_story_a_follow_up_names_when_the_threads_articles_never_mention_it() {
        // given a thread about Goma, whose report has a casualty count of its own
        QuestionService q = herald.questions();
        q.ask("chat-kettle-switch", "Who controls Goma now?", AS_OF);

        // when the reader names the kettles in a follow-up's words
        Reply kettles = q.ask("chat-kettle-switch", "and the kettles, how many were injured?", AS_OF);
        Reply rwanda = q.ask("chat-kettle-switch", "what about Rwanda?", AS_OF);

        // then the recall answers, not the Goma toll; and a name the Congo reports carry takes the thread back there
        String text = kettles.answer().text();
        assertTrue(kettles.answer().citations().stream().allMatch(c -> c.article().url().endsWith("brightwell-kettle-recall")), text);
        assertTrue(text.contains("No serious injuries") || text.contains("three minor burns"), text);
        assertFalse(text.contains("300 wounded"), text);
        assertTrue(rwanda.answer().text().contains("Rwanda"), rwanda.answer().text());
        assertTrue(rwanda.answer().citations().stream().noneMatch(c -> c.article().url().endsWith("brightwell-kettle-recall")),
                rwanda.answer().text());
    }

    @Test
    void should_keep_a_lead_in_follow_up_in_the_thread_when_the_threads_story_mentions_what_it_names() {
        // given
        QuestionService q = herald.questions();
        q.ask("chat-tram-cost", "When did Line 7 open?", AS_OF);

        // when
        Reply cost = q.ask("chat-tram-cost", "and what about the construction cost?", AS_OF);

        // then the tram report answers; the library's repair bill, another story with a cost, does not
        assertTrue(cost.answer().text().contains("310 million euros"), cost.answer().text());
        assertTrue(cost.answer().citations().stream().allMatch(c -> c.article().url().endsWith("lindenport-tram-line")),
                cost.answer().text());
    }

    @Test
    void should_answer_a_question_typed_in_capitals_or_title_case_as_if_typed_normally() {
        // when
        Answer title = herald.questions().ask("Who Controls Goma?", AS_OF).answer();
        Answer shouted = herald.questions().ask("HOW MANY KETTLES WERE RECALLED", AS_OF).answer();

        // then
        assertTrue(title.text().contains("M23"), title.text());
        assertTrue(shouted.text().contains("200,000"), shouted.text());
    }

    @Test
    void should_greet_a_reader_who_says_hello_and_keep_the_thread_for_the_next_question() {
        // given
        QuestionService q = herald.questions();
        q.ask("chat-hello", "Who controls Goma now?", AS_OF);

        // when
        Reply thanks = q.ask("chat-hello", "thanks!", AS_OF);
        Reply next = q.ask("chat-hello", "and how many were injured?", AS_OF);

        // then: no search, no headlines, and the follow-up still follows the Goma question
        assertEquals(SmallTalk.THANKS, thanks.answer().text());
        assertTrue(thanks.answer().related().isEmpty());
        assertTrue(next.answer().text().contains("300 wounded"), next.answer().text());
    }

    @Test
    void should_answer_a_first_question_with_it_or_they_when_it_names_its_story() {
        // when
        Answer tram = herald.questions().ask("first-it", "How much did it cost to build the tram?", AS_OF).answer();
        Answer kettles = herald.questions().ask("first-they", "Why did they recall the kettles?", AS_OF).answer();

        // then
        assertTrue(tram.text().contains("310 million euros"), tram.text());
        assertTrue(kettles.citations().stream().allMatch(c -> c.article().url().endsWith("brightwell-kettle-recall"))
                && !kettles.abstained(), kettles.text());
    }

    @Test
    void should_answer_how_long_with_a_length_or_a_time_not_any_number() {
        // when
        Answer line = herald.questions().ask("how long is Line 7?", AS_OF).answer();

        // then: not the lead's "since the 1980s"
        assertTrue(line.text().startsWith("The 9.4-kilometre line has 16 stops"), line.text());
    }

    @Test
    void should_not_answer_how_tall_with_a_length_of_something_else_in_the_same_report() {
        // when: the tram report names the mayor and the line's 9.4 kilometres, not her height
        Answer a = herald.questions().ask("how tall is the mayor?", AS_OF).answer();

        // then
        assertTrue(a.abstained(), a.text());
    }

    @Test
    void should_quote_the_named_side_speaking_when_asked_what_it_says() {
        // when
        Answer a = herald.questions().ask("What does Rwanda say?", AS_OF).answer();

        // then: Rwanda's own position, not Congo's accusation against it
        assertTrue(a.text().startsWith("Relations between Kinshasa and Kigali") && a.text().contains("Rwanda says Congo harbours"),
                a.text());
    }

    @Test
    void should_follow_a_lead_in_follow_up_to_the_thing_it_names_when_its_pronoun_points_there() {
        // given
        QuestionService q = herald.questions();
        q.ask("chat-named-it", "Tell me about the Halcyon probe", AS_OF);

        // when
        Reply tram = q.ask("chat-named-it", "and the tram, how long is it?", AS_OF);

        // then
        assertFalse(tram.answer().abstained(), tram.answer().text());
        assertTrue(tram.answer().citations().stream().allMatch(c -> c.article().url().endsWith("lindenport-tram-line")),
                tram.answer().text());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
            // a topic turned to, though the thread shares a word with the question (the recall's "stop using")
            "how many kettles were recalled     | ok what about the tram, how many stops does it have | opens | The 9.4-kilometre line has 16 stops",
            // talking is speaking: not "the leaders talked about finishing" the trade deal, which says no day
            "what did ruto and rubio talk about | when did they talk                    | opens | Kenyan President William Ruto spoke by telephone on Monday",
            // the size of the rise, not the cafe owners' "reluctant to raise prices again", which says "prices"
            "why are coffee prices going up     | how much have prices gone up          | opens | Benchmark contracts rose about 12 percent",
            // a whether question is not confirmed by the toll just shown, which holds only its "fighting"
            "how many people died in goma       | is anyone trying to stop the fighting | opens | Regional leaders are now under pressure to stop the fighting",
            // "can i keep using it" asks for advice
            "why are brightwell kettles being recalled | can i keep using it if i just update the app | opens | Owners are asked to stop using the device",
            // "going" asks a destination: not the thread's best sentence without it
            "did the halcyon probe launch ok?   | where is it going                     | never | upper stage released the probe",
            // ...and who attends: not the summit's lead, whose Ruto only called the summit
            "when is the eac summit             | whos going                            | never | called for an immediate ceasefire",
            // "called" asks for a name (the report never names the asteroid)
            "did the halcyon probe launch ok??  | whats the asteroid called             | never | Engineers called the first hours",
            // a measure asked is answered by a sentence giving one, not by the one sharing the word ("rides")
            "when did the tram line open       | how long is the ride                  | never | rides on Line 7 are free",
            // a quote's "she said" names no one: the sentence before it does
            "when did halcyon launch            | who said time capsules                | opens | Project scientist Dr. Mara Lindqvist said",
    })
    void should_answer_a_follow_up_with_what_says_its_ask_not_with_a_sentence_sharing_a_word(String earlier, String followUp,
                                                                                             String expect, String text) {
        // given
        QuestionService q = herald.questions();
        String chat = "chat-follow-" + followUp.hashCode();
        q.ask(chat, earlier, AS_OF);

        // when
        Answer a = q.ask(chat, followUp, AS_OF).answer();

        // then: the answer opens with the sentence that says it, or never quotes the one that only shares a word
        if (expect.equals("opens")) assertTrue(a.text().startsWith(text), a.text());
        else assertFalse(a.text().contains(text), a.text());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // "getting" is in one of the nine articles, rarer than "coffee", and no word the answer needs
            "why is coffee getting so expensive          | coffee-drought-prices",
            // not the Halcyon scientist's "Small bodies like this are time capsules"
            "what is the new tram like                   | lindenport-tram-line",
            // not the Halcyon scientist's "the mission could help explain how water reached the early Earth"
            "can you explain what is happening in goma   | goma-offensive",
            // ...nor is what the reader says of themselves, in no article
            "can u explain whats happening in goma, i have a class presentation on it | goma-offensive",
            "Checking a fact for a piece: did Ruto and Rubio meet in person? | ruto-rubio-call",
            // ...nor a greeting, a sentence about the reader, a "yes or no", a "thing" for what they cannot name
            "Hello. Why is coffee more expensive now? I see it in the shop. | coffee-drought-prices",
            "Fact-check request: did M23 actually capture Goma, yes or no? | goma-offensive",
            "wat was that space thing launched this week | halcyon-probe-launch",
    })
    void should_answer_from_the_story_asked_about_when_the_question_asks_in_words_of_its_own(String question,
                                                                                           String article) {
        // when
        Answer a = herald.questions().ask(question, AS_OF).answer();

        // then
        assertFalse(a.abstained(), a.text());
        assertTrue(a.citations().stream().allMatch(c -> c.article().url().endsWith(article)), a.text());
    }

    @Test
    void should_offer_the_threads_story_first_when_a_follow_up_naming_nothing_goes_unanswered() {
        // given
        QuestionService q = herald.questions();
        q.ask("chat-at-the-game", "Who won the harbour cup", AS_OF);

        // when: the report gives "a sold-out crowd of 38,000", in no word of the question
        Answer a = q.ask("chat-at-the-game", "how many people were at the game", AS_OF).answer();

        // then
        assertTrue(a.abstained(), a.text());
        assertTrue(a.related().get(0).url().endsWith("harbour-cup-final"), a.related().toString());
    }

    @Test
    void should_not_answer_a_casualty_count_with_a_sentence_that_counts_no_casualties() {
        // when: Kinshasa is named in the Congo reports, never with a toll
        Answer a = herald.questions().ask("How many people were killed in Kinshasa?", AS_OF).answer();

        // then
        assertTrue(a.abstained(), a.text());
    }

    @Test
    void should_answer_both_questions_of_a_message_asking_two_with_one_list_of_sources() {
        // when
        Answer a = herald.questions().ask("chat-two", "How many kettles were recalled and who won the cup?", AS_OF).answer();

        // then: each part under its question, the cup's source numbered after the recall's
        assertTrue(a.text().startsWith("How many kettles were recalled?\n"), a.text());
        assertTrue(a.text().contains("200,000") && a.text().contains("\n\nWho won the cup?\n"), a.text());
        assertTrue(a.text().contains("Northgate Rovers") && a.text().contains("[2]"), a.text());
        assertEquals(2, a.citations().size(), a.text());
        assertTrue(herald.citationCheck().valid(a), a.text());
    }

    @Test
    void should_not_answer_about_last_year_with_a_report_of_this_years_event() {
        // when: the only final on record was played on 26 January 2025
        Answer lastYear = herald.questions().ask("Who won the Harbour Cup last year?", AS_OF).answer();
        Answer thisMonth = herald.questions().ask("Who won the Harbour Cup this month?", AS_OF).answer();

        // then
        assertTrue(lastYear.abstained(), lastYear.text());
        assertTrue(thisMonth.text().contains("Northgate Rovers"), thisMonth.text());
    }

    @Test
    void should_not_answer_about_this_week_with_a_report_from_before_it() {
        // when: the final was played on Sunday 26 January 2025, and asked of the week after and of a later week
        Answer thatWeek = herald.questions().ask("Who won the Harbour Cup this week?",
                Instant.parse("2025-01-29T12:00:00Z")).answer();
        Answer laterWeek = herald.questions().ask("Who won the Harbour Cup this week?",
                Instant.parse("2025-02-12T12:00:00Z")).answer();

        // then: a report of the final does not tell of a week after it (the iPhone 16 event of September 2024 had
        // answered "Which tech giant unveiled major product upgrades this week?" in September 2025)
        assertTrue(thatWeek.text().contains("Northgate Rovers"), thatWeek.text());
        assertTrue(laterWeek.abstained(), laterWeek.text());
    }

    @Test
    void should_not_name_a_holder_of_a_role_no_article_on_the_story_mentions() {
        // when: the coffee report names no minister, and Congo's foreign minister has nothing to do with coffee
        Answer coffee = herald.questions().ask("who is the coffee minister?", AS_OF).answer();
        Answer tram = herald.questions().ask("who is the tram minister?", AS_OF).answer();

        // then
        assertTrue(coffee.abstained(), coffee.text());
        assertTrue(tram.abstained(), tram.text());
    }

    @Test
    void should_name_a_roles_holder_only_from_a_sentence_that_says_who_holds_it() {
        // when: the summit report mentions "the presidents of Rwanda and of DR Congo", naming neither
        Answer rwanda = herald.questions().ask("Who is the president of Rwanda?", AS_OF).answer();
        Answer kenya = herald.questions().ask("who is the president of Kenya?", AS_OF).answer();
        Answer congo = herald.questions().ask("Who is the president of DR Congo?", AS_OF).answer();

        // then: Kenya's president is named ("Kenyan President William Ruto"); he is no president of Rwanda
        assertTrue(rwanda.abstained(), rwanda.text());
        assertTrue(kenya.text().contains("President William Ruto"), kenya.text());
        assertTrue(congo.abstained(), "Kenya's president is not Congo's: " + congo.text());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"Who is the coach of Northgate Rovers?", "who coaches northgate rovers"})
    void should_answer_who_holds_a_role_with_the_sentence_naming_it_and_nothing_else(String question) {
        // when
        Answer coach = herald.questions().ask(question, AS_OF).answer();

        // then: the coach's sentence alone, not the match report's lead before it
        assertTrue(coach.text().startsWith("\"We never stopped believing,\" said coach Annika Holm"), coach.text());
        assertEquals(1, coach.text().split("\\[1]").length, coach.text());
    }

    @Test
    void should_answer_what_readers_should_do_with_the_advice_given() {
        // when
        Answer owners = herald.questions().ask("What should kettle owners do?", AS_OF).answer();

        // then: the recall's advice, not its lead
        assertTrue(owners.text().startsWith("Owners are asked to stop using the device"), owners.text());
        assertTrue(owners.citations().get(0).article().title().contains("kettles"), owners.citations().toString());
    }

    @Test
    void should_answer_a_question_asking_whether_with_the_one_sentence_that_says_so() {
        // when
        Answer lost = herald.questions().ask("Did Eastfield Athletic lose?", AS_OF).answer();
        Answer free = herald.questions().ask("Are tram rides free?", AS_OF).answer();
        Answer m23 = herald.questions().ask("What is M23?", AS_OF).answer();

        // then: the result, and the free weekend, each alone (not the story's lead or the shopkeepers' advertising)
        assertTrue(lost.text().startsWith("Northgate Rovers lifted the Harbour Cup") && lost.text().endsWith("[1]")
                && lost.text().indexOf('[') == lost.text().lastIndexOf('['), lost.text());
        assertTrue(free.text().contains("free for the first weekend")
                && free.text().indexOf('[') == free.text().lastIndexOf('['), free.text());
        // ...as is "What is M23?", by the sentence saying what it is (and the denial of the claim it reports)
        assertTrue(m23.text().contains("M23 rebel group") && !m23.text().contains("[2]")
                && m23.text().split("\\[1\\]", -1).length <= 3, m23.text());
    }

    @Test
    void should_answer_a_count_with_the_sentence_counting_the_thing_alone() {
        // when
        Answer saves = herald.questions().ask("How many penalties did Lena Brandt save?", AS_OF).answer();
        Answer riders = herald.questions().ask("How many passengers a day are expected on Line 7?", AS_OF).answer();

        // then: "saved two penalties" and "40,000 passengers a day", without the story's lead after them
        assertTrue(saves.text().contains("saved two penalties") && saves.text().indexOf('[') == saves.text().lastIndexOf('['),
                saves.text());
        assertTrue(riders.text().contains("40,000") && riders.text().indexOf('[') == riders.text().lastIndexOf('['),
                riders.text());
    }

    @Test
    void should_answer_why_with_the_reason_and_no_fact_that_gives_none() {
        // when
        Answer cafes = herald.questions().ask("Why are cafe owners reluctant to raise prices?", AS_OF).answer();

        // then: "after two increases last year", without the rainfall figure "since October" after it
        assertTrue(cafes.text().startsWith("Cafe owners interviewed in the capital said they were reluctant")
                && cafes.text().indexOf('[') == cafes.text().lastIndexOf('['), cafes.text());
    }

    @Test
    void should_say_it_does_not_know_when_the_story_gives_no_figure_for_the_attribute_asked() {
        // when: the Goma report gives casualties and a date, but no population
        Answer population = herald.questions().ask("What is the population of Goma?", AS_OF).answer();

        // then
        assertTrue(population.abstained(), population.text());
    }

    @Test
    void should_answer_an_attribute_question_with_the_sentence_giving_it() {
        // given
        QuestionService q = herald.questions();
        q.ask("chat-score", "Who won the Harbour Cup?", AS_OF);

        // when
        Answer score = q.ask("chat-score", "what was the score?", AS_OF).answer();
        Answer cost = q.ask("What is the cost of the tram line?", AS_OF).answer();
        Answer howMuch = q.ask("How much did the tram line cost?", AS_OF).answer();
        Answer weight = q.ask("What is the weight of the Halcyon probe?", AS_OF).answer();

        // then: the result, the sum and the weight come first, not each story's lead
        assertTrue(score.text().contains("4-3 on penalties"), score.text());
        assertTrue(cost.text().startsWith("Construction took just under three years and cost 310 million euros"), cost.text());
        // (not the library's 8.5 million euros: that report mentions the new tram line once, and "cost" is no subject)
        assertTrue(howMuch.text().startsWith("Construction took just under three years and cost 310 million euros"),
                howMuch.text());
        assertTrue(weight.text().startsWith("Halcyon weighs about 1.2 tonnes"), weight.text());
    }

    @Test
    void should_ask_which_story_is_meant_when_a_first_question_points_back_and_keep_asking_until_one_is_named() {
        // given
        QuestionService q = herald.questions();

        // when
        Reply leads = q.ask("chat-first", "who leads them?", AS_OF);
        Reply said = q.ask("chat-first", "what did she say?", AS_OF);

        // then
        assertEquals(QuestionService.NO_EARLIER_TURN, leads.answer().text());
        assertEquals(QuestionService.NO_EARLIER_TURN, said.answer().text());
    }

    @Test
    void should_answer_a_first_message_that_turns_to_a_topic_it_names() {
        // given
        QuestionService q = herald.questions();

        // when
        Reply coffee = q.ask("chat-topic", "what about coffee prices?", AS_OF);

        // then
        assertFalse(coffee.answer().abstained(), coffee.answer().text());
        assertTrue(coffee.answer().citations().get(0).article().url().contains("coffee"), coffee.answer().text());
    }

    @Test
    void should_give_the_reason_when_a_follow_up_asks_why_in_other_words_than_the_report() {
        // given: the report says prices "climbed"
        QuestionService q = herald.questions();
        q.ask("chat-why", "What is happening to coffee prices?", AS_OF);

        // when
        Reply why = q.ask("chat-why", "why are they rising?", AS_OF);

        // then
        assertFalse(why.answer().abstained(), why.answer().text());
        assertTrue(why.answer().text().contains("drought"), why.answer().text());
    }

    @Test
    void should_quote_someone_when_a_follow_up_asks_only_what_she_said() {
        // given
        QuestionService q = herald.questions();
        q.ask("chat-quote", "Halcyon news", AS_OF);

        // when
        Reply said = q.ask("chat-quote", "what did she say?", AS_OF);

        // then
        assertTrue(said.answer().text().startsWith("\"Small bodies like this are time capsules,\" she said."),
                said.answer().text());
    }

    @Test
    void should_answer_a_later_follow_up_after_questions_the_story_does_not_answer() {
        // given two follow-ups the Halcyon article cannot answer
        QuestionService q = herald.questions();
        q.ask("chat-streak", "latest on Halcyon", AS_OF);
        assertTrue(q.ask("chat-streak", "is it crewed?", AS_OF).answer().abstained());
        assertTrue(q.ask("chat-streak", "when is the landing?", AS_OF).answer().abstained());

        // when
        Reply lander = q.ask("chat-streak", "how long will the lander work?", AS_OF);

        // then the thread is still the launch, searched as it was, not with the unanswered questions' words
        assertTrue(lander.answer().text().contains("a small lander named Pip"), lander.answer().text());
    }

    @Test
    void should_brief_on_the_archives_spelling_of_a_topic() {
        // when
        Answer brief = herald.questions().ask("Harbor Cup news", AS_OF).answer();

        // then
        assertTrue(brief.text().contains("Northgate Rovers"), brief.text());
        assertEquals("Showing results for: Harbour Cup", brief.note());
    }

    @Test
    void should_answer_a_follow_up_with_its_own_sentence_alone_not_the_lead_the_reader_has_seen() {
        // given
        QuestionService q = herald.questions();
        q.ask("chat-lead", "Who won the Harbour Cup?", AS_OF);
        q.ask("chat-lead-2", "Tell me about the Lindenport tram", AS_OF);

        // when
        Reply penalty = q.ask("chat-lead", "who scored the winning penalty?", AS_OF);
        Reply trams = q.ask("chat-lead-2", "how often do trams run?", AS_OF);

        // then
        assertEquals("In the shoot-out, Rovers goalkeeper Lena Brandt saved two penalties, and captain Marco Ilic "
                + "scored the decisive kick. [1]", penalty.answer().text());
        assertEquals("Trams will run every six minutes at peak times and every twelve minutes late in the evening. [1]",
                trams.answer().text());
    }

    @Test
    void should_go_on_with_the_story_just_told_when_asked_for_more_without_repeating_what_was_shown() {
        // given: the kettle recall told after a Goma question in the same chat. Searched as words, "tell me more"
        // quoted Goma's "told the BBC" and "go on" a Haiti call whose deployment "has gone" well.
        QuestionService q = herald.questions();
        q.ask("chat-more", "Who controls Goma now?", AS_OF);
        Reply recall = q.ask("chat-more", "Why is Brightwell recalling its kettles?", AS_OF);
        String kettles = recall.answer().citations().get(0).article().id();

        // when
        Reply more = q.ask("chat-more", "tell me more", AS_OF);
        Reply again = q.ask("chat-more", "go on", AS_OF);

        // then
        assertTrue(recall.answer().citations().get(0).article().url().contains("kettle"), recall.answer().text());
        for (Reply r : List.of(more, again)) {
            assertFalse(r.answer().abstained(), r.answer().text());
            assertEquals(Set.of(kettles), r.answer().citedArticleIds(), r.answer().text());
        }
        Set<String> shown = new HashSet<>(quotes(recall));
        for (String s : quotes(more)) assertTrue(shown.add(s), "repeated: " + s);
        for (String s : quotes(again)) assertTrue(shown.add(s), "repeated: " + s);
    }

    @Test
    void should_not_show_again_what_a_turn_on_its_own_about_the_same_story_showed() {
        // given: a story, then a question about it asked on its own (not read as a follow-up)
        QuestionService q = herald.questions();
        q.ask("chat-back", "What happened with the kettle recall?", AS_OF);
        Reply goma = q.ask("chat-back", "and in Goma?", AS_OF);
        Reply backers = q.ask("chat-back", "who is backing the rebels?", AS_OF);

        // when
        Reply more = q.ask("chat-back", "tell me more", AS_OF);

        // then: the answer to the second holds no further sentence from the first, and "more" is all new
        assertTrue(goma.answer().text().contains("M23"), goma.answer().text());
        assertTrue(backers.answer().text().contains("Rwanda"), backers.answer().text());
        Set<String> shown = new HashSet<>(quotes(goma));
        for (String s : quotes(backers).subList(1, quotes(backers).size())) assertTrue(shown.add(s), "repeated: " + s);
        shown.addAll(quotes(backers));
        assertFalse(more.answer().abstained(), more.answer().text());
        for (String s : quotes(more)) assertTrue(shown.add(s), "repeated: " + s);
    }

    @Test
    void should_answer_by_how_much_with_the_size_of_the_rise_the_story_reports() {
        // given: the coffee story, whose lead says prices climbed to a two-year high
        QuestionService q = herald.questions();
        Reply why = q.ask("chat-much", "why is coffee so expensive now", AS_OF);

        // when
        Reply much = q.ask("chat-much", "by how much?", AS_OF);

        // then: the rise itself, not the lead again with its "two years"
        assertTrue(why.answer().text().contains("arabica"), why.answer().text());
        assertFalse(much.answer().abstained(), much.answer().text());
        assertTrue(much.answer().text().startsWith("Benchmark contracts rose about 12 percent"), much.answer().text());
        // ...and no other share beside it that is no change: the crop "15 to 20 percent below last year's"
        assertFalse(much.answer().text().contains("below last year"), much.answer().text());
    }

    @Test
    void should_answer_a_follow_up_with_news_when_its_best_sentence_was_just_shown() {
        // given: the Goma story, its lead shown
        QuestionService q = herald.questions();
        Reply goma = q.ask("chat-behind", "Who controls Goma now?", AS_OF);

        // when
        Reply behind = q.ask("chat-behind", "who is behind the rebels?", AS_OF);

        // then: the accusation that Rwanda backs M23 comes first, not the lead the reader has just read
        String lead = quotes(goma).get(0);
        assertTrue(lead.startsWith("The M23 rebel group says"), lead);
        assertTrue(behind.answer().text().startsWith("Congo's foreign minister has accused neighbouring Rwanda"),
                behind.answer().text());
    }

    @Test
    void should_give_the_denial_with_the_claim_it_disputes_when_asked_whether_the_other_side_agrees() {
        // given
        QuestionService q = herald.questions();
        q.ask("chat-agree", "whats going on in goma", AS_OF);
        q.ask("chat-agree", "how many ppl died?", AS_OF);
        q.ask("chat-agree", "who says they control the city", AS_OF);

        // when: a question sharing no word with the denial
        Reply r = q.ask("chat-agree", "does congo agree?", AS_OF);

        // then: the rebels' claim comes with Congo's rejection of it
        assertTrue(r.answer().text().startsWith("The M23 rebel group says it has taken control of Goma"), r.answer().text());
        assertTrue(r.answer().text().contains("Congolese authorities reject that account"), r.answer().text());
    }

    @Test
    void should_answer_how_long_something_was_shut_with_the_time_it_was_closed_for() {
        // given
        Instant asOf = Instant.parse("2025-02-01T09:00:00Z");
        QuestionService q = herald.questions();
        q.ask("chat-shut", "lindenport library", asOf);

        // when
        Reply r = q.ask("chat-shut", "how long was it shut", asOf);

        // then: the fourteen months, not the barriers "raised within an hour"
        assertTrue(r.answer().text().startsWith("Lindenport's central library, closed for fourteen months"),
                r.answer().text());
    }

    @Test
    void should_answer_a_follow_up_pointing_back_with_a_pronoun_only_from_its_threads_reports() {
        // given: the tram thread; the library report names the same city and has a length of time
        Instant asOf = Instant.parse("2025-02-01T09:00:00Z");
        QuestionService q = herald.questions();
        q.ask("chat-it", "tell me about the lindenport tram", asOf);
        q.ask("chat-it", "how much did it cost?", asOf);

        // when
        Reply r = q.ask("chat-it", "how long is it?", asOf);

        // then
        assertTrue(r.answer().citations().stream().noneMatch(c -> c.article().url().endsWith("lindenport-library-reopens")),
                r.answer().text());
    }

    @Test
    void should_give_the_recalls_advice_and_then_follow_the_reader_to_the_trams() {
        // given: a thread on the summit
        Instant asOf = Instant.parse("2025-02-01T09:00:00Z");
        QuestionService q = herald.questions();
        q.ask("chat-phone", "give me the latest on the eac summit", asOf);

        // when: a question typed on a phone about another story, then two follow-ups about a third
        Reply kettle = q.ask("chat-phone", "i have one of those brewsense kettles, shld i keep using it", asOf);
        Reply trams = q.ask("chat-phone", "trams, how often do they run", asOf);
        Reply passengers = q.ask("chat-phone", "how many passengers do they expect", asOf);

        // then: the recall's advice (it had abstained), the tram timetable and the expected passengers (both had
        // abstained, and the last then quoted the kettle counts)
        assertTrue(kettle.answer().text().contains("Owners are asked to stop using the device"), kettle.answer().text());
        assertTrue(trams.answer().text().startsWith("Trams will run every six minutes"), trams.answer().text());
        assertTrue(passengers.answer().text().startsWith("Officials expect around 40,000 passengers"),
                passengers.answer().text());
    }

    @Test
    void should_answer_when_with_the_moment_asked_not_the_date_the_reader_has_just_read() {
        // given: the final's lead, with its "Sunday night"
        QuestionService q = herald.questions();
        q.ask("chat-equalise", "who won the harbour cup", AS_OF);

        // when
        Reply r = q.ask("chat-equalise", "when did rovers equalise", AS_OF);

        // then
        assertTrue(r.answer().text().contains("finally equalised in the 81st minute"), r.answer().text());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            // a question asking whether confirms what the lead said
            "Who won the Harbour Cup final? | did they win on penalties? | Northgate Rovers lifted the Harbour Cup",
            // the sentence shown holds the count asked for
            "Who is Lena Brandt? | how many penalties did she save? | In the shoot-out, Rovers goalkeeper Lena Brandt saved two penalties"})
    void should_answer_again_with_the_sentence_just_shown_when_it_holds_what_is_asked(String first, String followUp,
                                                                                     String answer) {
        // given
        QuestionService q = herald.questions();
        q.ask("chat-again-" + followUp, first, AS_OF);

        // when
        Reply r = q.ask("chat-again-" + followUp, followUp, AS_OF);

        // then
        assertTrue(r.answer().text().startsWith(answer), r.answer().text());
    }

    @Test
    void should_not_answer_what_a_story_cost_with_another_storys_bill() {
        // given: the Halcyon launch, whose report gives no cost
        QuestionService q = herald.questions();
        q.ask("chat-mission", "tell me about the halcyon probe", AS_OF);

        // when
        Reply cost = q.ask("chat-mission", "how much did the mission cost", AS_OF);

        // then: it says it does not know, rather than quote the tram's 310 million euros
        assertTrue(cost.answer().abstained(), cost.answer().text());
    }

    @Test
    void should_answer_what_she_said_with_her_words_alone() {
        // given: the Halcyon launch, then its scientist
        QuestionService q = herald.questions();
        q.ask("chat-she", "Halcyon news", AS_OF);
        q.ask("chat-she", "who is the lead scientist", AS_OF);

        // when
        Reply said = q.ask("chat-she", "what did she say", AS_OF);

        // then: her quote, without the engineers' "textbook"
        assertTrue(said.answer().text().startsWith("\"Small bodies like this are time capsules,\" she said."),
                said.answer().text());
        assertFalse(said.answer().text().contains("textbook"), said.answer().text());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "anything about a kettle recall? | how many kettles | what should i do if i have one",
            // (the lead, which the reader has seen twice, had come first)
            "brightwell kettle recall??      | why tho          | what do i do if i have one"})
    void should_give_the_storys_advice_to_a_follow_up_asking_only_what_to_do(String first, String second, String asked) {
        // given: the kettle recall, two follow-ups into it
        QuestionService q = herald.questions();
        String chat = "chat-advice-" + asked.hashCode();
        q.ask(chat, first, AS_OF);
        q.ask(chat, second, AS_OF);
        q.ask(chat, "was anyone hurt", AS_OF);

        // when: a question with no word the report uses
        Reply advice = q.ask(chat, asked, AS_OF);

        // then: the report's advice to owners
        assertFalse(advice.answer().abstained(), advice.answer().text());
        assertTrue(advice.answer().text().startsWith("Owners are asked to stop using the device"), advice.answer().text());
    }

    @Test
    void should_turn_to_the_story_a_question_names_up_to_its_comma() {
        // given: the tram story, whose headline says "opens"
        Instant asOf = Instant.parse("2025-02-01T09:00:00Z");
        QuestionService q = herald.questions();
        q.ask("chat-turn", "lindenport tram news?", asOf);
        q.ask("chat-turn", "how often do trams run", asOf);

        // when
        Reply library = q.ask("chat-turn", "what about the library, is it open again", asOf);

        // then: the library's reopening, not the tram's free rides "for the opening"
        assertTrue(library.answer().text().startsWith("Lindenport's central library"), library.answer().text());
    }

    @Test
    void should_ask_on_its_own_a_follow_up_about_a_thing_the_thread_never_mentions() {
        // given: the Goma story, which does not mention the summit
        QuestionService q = herald.questions();
        q.ask("chat-summit", "Who controls Goma now?", AS_OF);

        // when
        Reply summit = q.ask("chat-summit", "when is that summit", AS_OF);

        // then: the summit report's day, not "I couldn't find this"
        assertFalse(summit.answer().abstained(), summit.answer().text());
        assertTrue(summit.answer().text().contains("emergency summit of the regional bloc for Wednesday"),
                summit.answer().text());
    }

    @Test
    void should_answer_what_someone_said_only_with_what_they_said() {
        // given
        QuestionService q = herald.questions();

        // when: the samples name the mayor (cutting a ribbon) but quote her nowhere; the call's statement says
        // what Ruto and Rubio covered
        Reply mayor = q.ask("chat-said", "What did the mayor say?", AS_OF);
        q.ask("chat-discussed", "Who did Ruto speak to?", AS_OF);
        Reply discussed = q.ask("chat-discussed", "what did they discuss?", AS_OF);

        // then
        assertTrue(mayor.answer().abstained(), mayor.answer().text());
        assertFalse(discussed.answer().abstained(), discussed.answer().text());
        assertTrue(discussed.answer().text().contains("trade"), discussed.answer().text());
    }

    @Test
    void should_go_on_with_the_story_a_request_for_more_names_after_a_briefing() {
        // given
        QuestionService q = herald.questions();
        Reply latest = q.ask("chat-more-about", "What's the latest?", AS_OF);

        // when
        Reply kettles = q.ask("chat-more-about", "tell me more about the kettles", AS_OF);

        // then: the recall, from what the briefing did not show
        assertFalse(kettles.answer().abstained(), kettles.answer().text());
        assertTrue(kettles.answer().citations().stream().allMatch(c -> c.article().url().contains("kettle")),
                kettles.answer().text());
        Set<String> shown = new HashSet<>(quotes(latest));
        for (String s : quotes(kettles)) assertTrue(shown.add(s), "repeated: " + s);
    }

    @Test
    void should_leave_the_thread_for_a_thing_another_story_is_headlined_about() {
        // given: the library report mentions "the new tram line" once
        QuestionService q = herald.questions();
        Instant asOf = Instant.parse("2025-02-01T09:00:00Z");
        q.ask("chat-tram", "When did the Lindenport library reopen?", asOf);

        // when
        Reply tram = q.ask("chat-tram", "How long is the tram line?", asOf);
        Reply repairs = q.ask("chat-repairs-after-library", "When did the Lindenport library reopen?", asOf);
        Reply cost = q.ask("chat-repairs-after-library", "how much did the repairs cost?", asOf);

        // then: the tram line's length; the library's own repairs stay in its thread
        assertFalse(repairs.answer().abstained(), repairs.answer().text());
        assertTrue(tram.answer().text().contains("9.4-kilometre"), tram.answer().text());
        assertTrue(repairs.answer().citations().get(0).article().url().contains("library"), repairs.answer().text());
        assertTrue(cost.answer().text().contains("8.5 million"), cost.answer().text());
    }

    @Test
    void should_turn_to_the_story_headlined_about_what_a_lead_in_names_and_back() {
        // given: the library report mentions "the new tram line" once; the tram line's headline says "opens"
        QuestionService q = herald.questions();
        Instant asOf = Instant.parse("2025-02-01T09:00:00Z");
        Reply library = q.ask("chat-lead-in", "is the lindenport library open again?", asOf);

        // when
        Reply tram = q.ask("chat-lead-in", "what about the new tram line?", asOf);
        Reply cost = q.ask("chat-lead-in", "how much did it cost?", asOf);
        Reply back = q.ask("chat-lead-in", "and the library, when is it open till?", asOf);

        // then
        assertTrue(library.answer().text().contains("reopened to the public"), library.answer().text());
        assertTrue(tram.answer().citations().stream().allMatch(c -> c.article().url().contains("tram")), tram.answer().text());
        assertTrue(cost.answer().text().contains("310 million"), cost.answer().text());
        assertTrue(back.answer().citations().stream().allMatch(c -> c.article().url().contains("library")), back.answer().text());

        // and a named role of the story's city, from a report the thread did not cite
        Reply mayor = q.ask("chat-lead-in", "who is the mayor?", asOf);
        assertTrue(mayor.answer().text().contains("Ilse Varga"), mayor.answer().text());
    }

    @Test
    void should_name_a_role_holder_qualified_by_the_side_the_headline_names() {
        // when
        Reply keeper = herald.questions().ask("Who was the goalkeeper in the Harbour Cup final?", AS_OF);

        // then
        assertTrue(keeper.answer().text().contains("Lena Brandt"), keeper.answer().text());
    }

    @Test
    void should_go_on_with_the_latest_commands_story_when_asked_for_more_after_it() {
        // given: a thread on the kettles, then the command
        QuestionService q = herald.questions();
        q.ask("chat-latest-more", "How many kettles did Brightwell recall?", AS_OF);
        var briefing = q.latest("chat-latest-more", "Goma", AS_OF);

        // when
        Reply more = q.ask("chat-latest-more", "tell me more", AS_OF);

        // then: Goma, from what the briefing did not show
        assertFalse(more.answer().abstained(), more.answer().text());
        assertTrue(more.answer().text().contains("Goma") || more.answer().citations().get(0).article().url().contains("goma")
                || more.answer().citations().get(0).article().url().contains("eac"), more.answer().text());
        Set<String> shown = new HashSet<>();
        for (var c : briefing.citations()) shown.addAll(c.quotes());
        for (String s : quotes(more)) assertTrue(shown.add(s), "repeated: " + s);
        assertFalse(more.answer().citations().get(0).article().url().contains("kettle"), more.answer().text());
    }

    @Test
    void should_keep_the_story_through_a_new_question_the_archive_cannot_answer() {
        // given
        QuestionService q = herald.questions();
        q.ask("chat-weather", "What is the Halcyon probe carrying?", AS_OF);
        Reply weather = q.ask("chat-weather", "what's the weather in lindenport tomorrow?", AS_OF);

        // when
        Reply there = q.ask("chat-weather", "when will it get there?", AS_OF);

        // then
        assertTrue(weather.answer().abstained(), weather.answer().text());
        assertFalse(there.answer().abstained(), there.answer().text());
        assertTrue(there.answer().citations().stream().allMatch(c -> c.article().url().contains("halcyon")),
                there.answer().text());
    }

    @Test
    void should_say_the_whole_story_is_told_when_no_sentence_is_left_to_show() {
        // given
        QuestionService q = herald.questions();
        q.ask("chat-all", "How many kettles did Brightwell recall?", AS_OF);

        // when: asked for more until there is none
        List<String> told = new ArrayList<>();
        Reply r = null;
        for (int i = 0; i < 30; i++) {
            r = q.ask("chat-all", "more please", AS_OF);
            if (r.answer().abstained()) break;
            told.addAll(quotes(r));
        }

        // then: the story's other sentences, each once, then a plain "that is all"
        assertEquals(StoryContinuation.TOLD_ALL, r.answer().text());
        assertTrue(told.size() >= 4, told.toString());
        assertEquals(told.size(), new HashSet<>(told).size(), told.toString());
    }

    @Test
    void should_keep_the_story_after_tell_me_more_for_the_next_follow_up() {
        // given
        QuestionService q = herald.questions();
        q.ask("chat-more-2", "Who controls Goma now?", AS_OF);
        q.ask("chat-more-2", "tell me more", AS_OF);

        // when
        Reply hurt = q.ask("chat-more-2", "and how many were injured?", AS_OF);

        // then
        assertTrue(hurt.answer().text().contains("300"), hurt.answer().text());
    }

    @Test
    void should_ask_which_story_is_meant_when_more_is_asked_before_anything_was_told() {
        // given: a new chat, and one whose only question went unanswered
        QuestionService q = herald.questions();
        q.ask("chat-more-3", "What is the population of Goma?", AS_OF);

        // when
        Reply first = q.ask("chat-more-4", "continue", AS_OF);
        Reply afterNothing = q.ask("chat-more-3", "tell me more", AS_OF);

        // then: "continue" had quoted the summit report's "continued American support"
        assertEquals(QuestionService.NO_EARLIER_TURN, first.answer().text());
        assertEquals(QuestionService.NO_EARLIER_TURN, afterNothing.answer().text());
    }

    private static List<String> quotes(Reply r) {
        List<String> out = new ArrayList<>();
        for (var c : r.answer().citations()) out.addAll(c.quotes());
        return out;
    }

    @Test
    void should_say_how_many_were_hurt_and_that_no_one_was_hurt_seriously() {
        // when
        Reply r = herald.questions().ask("How many people were injured by the kettles?", AS_OF);

        // then: the three minor burns are the injuries; the report's "no serious injuries" qualifies them
        assertTrue(r.answer().text().contains("three minor burns"), r.answer().text());
        assertTrue(r.answer().text().contains("No serious injuries have been reported."), r.answer().text());
        Reply burned = herald.questions().ask("How many people were burned by the kettles?", AS_OF);
        assertTrue(burned.answer().text().contains("three minor burns"), burned.answer().text());
        assertTrue(r.answer().citations().get(0).article().url().endsWith("brightwell-kettle-recall"));
    }

    @Test
    void should_answer_what_someone_said_with_their_words() {
        // given
        QuestionService q = herald.questions();
        q.ask("chat-said", "Who is the Halcyon project scientist?", AS_OF);

        // when
        Reply said = q.ask("chat-said", "What did she say?", AS_OF);
        Reply coach = q.ask("What did the Eastfield coach say?", AS_OF);

        // then
        assertTrue(said.answer().text().contains("\"Small bodies like this are time capsules,\" she said."),
                said.answer().text());
        assertTrue(coach.answer().text().startsWith("\"We never stopped believing,\" said coach Annika Holm"),
                coach.answer().text());
    }

    /** A sample question, the sample articles its answer may quote (by URL slug), and what the answer must say. */
    record Case(String question, java.util.Set<String> stories, String says) {
    }

    static final java.util.Set<String> CONGO = java.util.Set.of("goma-offensive", "eac-emergency-summit", "ruto-rubio-call");

    @Test
    void should_quote_only_the_story_asked_about_when_asked_twenty_questions_about_the_samples() {
        // given: questions whose old answers carried quotes from other sample stories (library cards under the Goma
        // death toll, the tram under the library's costs, the coffee drought under the tram's length)
        java.util.List<Case> cases = java.util.List.of(
                new Case("Who controls Goma now?", CONGO, "M23"),
                new Case("How many people were killed in Goma?", CONGO, "17"),
                new Case("What did Ruto and Rubio discuss?", CONGO, "trade"),
                new Case("When is the East African summit?", CONGO, "Wednesday"),
                new Case("Who chairs the East African Community?", CONGO, "Ruto"),
                new Case("Does Rwanda deny backing M23?", CONGO, "Rwanda"),
                new Case("How many kettles did Brightwell recall?", java.util.Set.of("brightwell-kettle-recall"), "200,000"),
                new Case("How many reports of overheating did Brightwell receive?",
                        java.util.Set.of("brightwell-kettle-recall"), "41"),
                new Case("Why are coffee prices rising?", java.util.Set.of("coffee-drought-prices"), "drought"),
                new Case("How much have coffee prices risen?", java.util.Set.of("coffee-drought-prices"), "prices"),
                new Case("How much did the Lindenport tram line cost?", java.util.Set.of("lindenport-tram-line"), "310 million"),
                new Case("How long is the new tram line?", java.util.Set.of("lindenport-tram-line"), "9.4-kilometre"),
                new Case("Who is the mayor of Lindenport?", java.util.Set.of("lindenport-tram-line"), "Ilse Varga"),
                new Case("Who won the Harbour Cup final?", java.util.Set.of("harbour-cup-final"), "Northgate Rovers"),
                new Case("Who scored the decisive penalty?", java.util.Set.of("harbour-cup-final"), "Marco Ilic"),
                new Case("When will the Halcyon probe reach the asteroid?", java.util.Set.of("halcyon-probe-launch"), "2031"),
                new Case("What is the lander called?", java.util.Set.of("halcyon-probe-launch"), "Pip"),
                new Case("When did the Lindenport library reopen?", java.util.Set.of("lindenport-library-reopens"), "Friday"),
                new Case("How many people signed up for library cards?",
                        java.util.Set.of("lindenport-library-reopens"), "1,200"),
                new Case("How much did the library repairs cost?", java.util.Set.of("lindenport-library-reopens"), "8.5 million"));
        java.time.Instant asOf = java.time.Instant.parse("2025-01-31T23:00:00Z");
        int words = 0;

        for (Case c : cases) {
            // when
            Reply r = herald.questions().ask(c.question(), asOf);

            // then
            String text = r.answer().text();
            assertFalse(r.answer().abstained(), c.question());
            assertTrue(text.contains(c.says()), c.question() + " -> " + text);
            for (var citation : r.answer().citations()) {
                String slug = citation.article().url().substring(citation.article().url().lastIndexOf('/') + 1);
                assertTrue(c.stories().contains(slug), c.question() + " cites " + slug + ": " + text);
            }
            assertTrue(herald.citationCheck().valid(r.answer()), text);
            words += text.replaceAll("\\[\\d+]", " ").trim().split("\\s+").length;
        }
        assertTrue(words / (double) cases.size() <= 45, "mean words " + words / (double) cases.size());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"How many people died in the kettle fires?",
            "How many people were injured by the kettles?", "How many people were killed in the kettle fire?"})
    void should_not_answer_a_casualty_question_with_another_storys_toll(String question) {
        // when (over nine articles "people" and "died" are as rare as "kettle": they made the Goma death toll the
        // answer to all three)
        Reply r = herald.questions().ask(question, java.time.Instant.parse("2025-01-31T23:00:00Z"));

        // then the kettle recall or nothing, never "At least 17 people have been killed ... in the fighting"
        String text = r.answer().text();
        assertFalse(text.contains("17 people"), text);
        assertTrue(r.answer().citations().stream().allMatch(c -> c.article().url().endsWith("brightwell-kettle-recall")), text);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            // the Goma report names the fighters and counts only the dead and wounded
            "whats happening in goma | how many m23 fighters are there",
            // the recall gives no price, whether asked "how much" or for "the price"
            "tell me about the kettle recall | whats the price of a brewsense kettle",
            // the match report gives no ticket prices
            "who won the harbour cup | how much were the tickets",
            // no sample article mentions wifi
            "when does the library reopen | is there wifi in the library",
            // ...nor weather, nor a number to call
            "when did the tram line open  | whats the weather like in lindenport",
            "tell me about the kettle recall | whats the phone number for the recall",
            // "its new Line 7 tram" counts no trams; the coffee report gives no price per pound
            "when did the tram line open  | how many trams r running on it",
            "why are coffee prices rising | whats the price per pound"})
    void should_say_it_does_not_know_when_the_story_never_gives_what_a_follow_up_asks(String first, String followUp) {
        // given (as of the day the library report is out)
        Instant asOf = Instant.parse("2025-02-01T09:00:00Z");
        QuestionService q = herald.questions();
        String chat = "chat-unsaid-" + followUp.hashCode();
        Reply story = q.ask(chat, first, asOf);

        // when
        Reply r = q.ask(chat, followUp, asOf);

        // then: the story was found, and the bot says it does not know rather than quote one of its sentences
        assertFalse(story.answer().abstained(), story.answer().text());
        assertTrue(r.answer().abstained(), r.answer().text());
    }

    @Test
    void should_answer_from_the_story_headlined_about_what_a_follow_up_names_when_the_thread_mentions_it_in_passing() {
        // given: the summit report, which says only that Ruto spoke with Rubio that day
        QuestionService q = herald.questions();
        q.ask("chat-rubio", "ruto summit whats that about", AS_OF);

        // when
        Reply call = q.ask("chat-rubio", "what did he talk abt with rubio", AS_OF);

        // then: the report of their call says what they covered
        assertTrue(call.answer().text().contains("covered trade"), call.answer().text());
        assertTrue(call.answer().citations().stream().allMatch(c -> c.article().url().endsWith("ruto-rubio-call")),
                call.answer().text());
    }

    @Test
    void should_answer_a_first_message_that_names_its_story_before_the_question_or_announces_a_new_topic() {
        // when
        Reply opened = herald.questions().ask("chat-fronted", "the new tram in lindenport, when did it open", AS_OF);
        Reply cup = herald.questions().ask("chat-fronted", "ok diff topic who won the harbour cup", AS_OF);

        // then: neither is asked "Which story do you mean?" nor searched for its "topic"
        assertTrue(opened.answer().text().contains("opened its new Line 7 tram on Saturday"), opened.answer().text());
        assertTrue(cup.answer().text().startsWith("Northgate Rovers lifted the Harbour Cup"), cup.answer().text());
    }

    @Test
    void should_answer_a_follow_ups_measure_of_its_own_subject_not_the_leads_measure_of_the_story() {
        // given
        QuestionService q = herald.questions();
        q.ask("chat-pip", "tell me abt the halcyon probe", AS_OF);
        q.ask("chat-pip", "how heavy is it", AS_OF);

        // when
        Reply stay = q.ask("chat-pip", "how long will pip be on the surface", AS_OF);

        // then: the lander's two days, not the lead's "six-year trip"
        assertTrue(stay.answer().text().contains("touch down for two days"), stay.answer().text());
        assertFalse(stay.answer().text().contains("six-year"), stay.answer().text());
    }
}
