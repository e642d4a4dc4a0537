package dev.herald.text;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class QuestionTextTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // shouting and Title Case become sentence case
            "HOW MANY KETTLES WERE RECALLED      | How many kettles were recalled",
            "WHO WON THE HARBOUR CUP?            | Who won the harbour cup?",
            "Who Controls Goma?                  | Who controls goma?",
            "How Many Were Hurt In Goma?         | How many were hurt in goma?",
            // markup goes, and a script's content with it
            "<b>who won the cup?</b>             | who won the cup?",
            "<script>alert(1)</script> who won the cup? | who won the cup?",
            // ...and a terminal's colour codes, with or without their escape byte
            "who [31mcontrols[0m goma now?      | who controls goma now?",
            "who \u001b[1;31mcontrols\u001b[0m goma now? | who controls goma now?",
            "Is 3 < 5 [sic] in the poll?         | Is 3 < 5 [sic] in the poll?",
            // ordinary questions, names and acronyms are left as they are
            "Who is Marco Rubio?                 | Who is Marco Rubio?",
            "What did the EAC say about M23?     | What did the EAC say about M23?",
            "Is 3 < 5 in the poll?               | Is 3 < 5 in the poll?",
            "What about Rwanda?                  | What about Rwanda?",
            // words shortened on a phone are read in full, whole words only
            "shld i keep using it                | should i keep using it",
            "how many ppl were hurt, u know?     | how many people were hurt, you know?",
            "Did the U.S. send troops?           | Did the U.S. send troops?",
            "is bc the province?                 | is bc the province?",
            // ...and the asking words typed without their apostrophe, which the asking patterns need
            "whats the price of a kettle         | what's the price of a kettle",
            "Whos in charge?                     | Who's in charge?",
            "when did they last win smth         | when did they last win something",
            "which ones r affected               | which ones are affected",
            "who's gonna be there                | who's going to be there",
            // a message announcing a new subject is the question after it
            "ok diff topic who won the harbour cup | who won the harbour cup",
            "Different question: is the tram free? | is the tram free?",
            "totally diff q, what time did halcyon take off | what time did halcyon take off",
            "new topic                           | new topic",
            "why tho?                            | why?",
            // an opening interjection is no part of the question; alone it stays (small talk answers it)
            "ok what about the tram, how many stops does it have | what about the tram, how many stops does it have",
            "Oh, and who opened it?              | and who opened it?",
            "hmm when did it launch              | when did it launch",
            "Oh Se-hoon won the vote?            | Oh Se-hoon won the vote?",
            "omg whats actually wrong with it    | what's actually wrong with it",
            // ...nor is a greeting
            "Hello. Why is coffee more expensive now? | Why is coffee more expensive now?",
            "hey whats this new tram line        | what's this new tram line",
            "Hi there, who won the cup?          | who won the cup?",
            "Good morning! Any news on Goma?     | Any news on Goma?",
            "Hiroshima marked what anniversary?  | Hiroshima marked what anniversary?",
            // ...nor is what the reader says before it
            "Checking a fact for a piece: did Ruto and Rubio meet in person? | did Ruto and Rubio meet in person?",
            "quick question, who won the cup     | who won the cup",
            "Fact-check request: did M23 capture Goma, yes or no? | did M23 capture Goma?",
            "is the tram free or not?            | is the tram free?",
            "Goma: who controls it now?          | Goma: who controls it now?",
            // ...nor is what the reader adds about themselves after it
            "can u explain whats happening in goma, i have a class presentation on it | can you explain what's happening in goma",
            "is the tram running, im stuck at the station | is the tram running",
            "Why is coffee more expensive now? I see it in the shop. | Why is coffee more expensive now?",
            "It's a BrewSense kettle. I use it every morning. Is it dangerous? | It's a BrewSense kettle. Is it dangerous?",
            "Is it dangerous? I wonder, should I stop? | Is it dangerous? I wonder, should I stop?",
            "I heard the tram is free. Is it?    | I heard the tram is free. Is it?",
            "Good morning! I'm a retired teacher, and I haven't followed the news. What is happening with the tram? | What is happening with the tram?",
            "I have one of those kettles. Is it safe? | I have one of those kettles. Is it safe?",
            "i have one of those kettles, shld i keep using it | i have one of those kettles, should i keep using it",
            "ok                                  | ok",
            "Okinawa's governor said what?       | Okinawa's governor said what?",
    })
    void should_make_a_typed_question_plain(String typed, String plain) {
        assertEquals(plain, QuestionText.plain(typed));
    }
}
