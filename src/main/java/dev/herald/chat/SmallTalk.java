package dev.herald.chat;

import dev.herald.text.Terms;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A greeting or a thank-you is not a question about the news. Searched as one, "hello" got "I couldn't find this in
 * my sources" with three unrelated headlines; a reader saying hello expects to be told what the bot does.
 */
final class SmallTalk {

    /** Said to a reader who greets the bot. */
    static final String GREETING = "Hello! Ask me about the news: a question about a place, a person or an event "
            + "(\"Who controls Goma now?\"), or \"What's the latest?\" for the top stories. /help lists the commands.";
    /** Said to a reader who thanks the bot. */
    static final String THANKS = "You're welcome. Ask me anything else about the news.";
    /** Said to a reader who acknowledges a reply ("ok", "got it"): searched, "ok" got three unrelated headlines. */
    static final String ACKNOWLEDGED = "OK. Ask me anything else about the news, or say \"tell me more\" to go on "
            + "with this story.";
    /**
     * Said to a message without a word ("?", "👍"): searched, a lone "?" was read as a follow-up and repeated the
     * story's lead.
     */
    static final String ASK_AWAY = "Ask me a question about the news, for example \"Who controls Goma now?\", or "
            + "\"What's the latest?\". /help lists the commands.";

    private static final Pattern HELLO = Pattern.compile("(?:hello|hi|hey|hiya|howdy|greetings|good (?:morning|afternoon|"
            + "evening|day)|hello there|hi there|hey there|yo)(?: herald| bot)?");
    // ("ok thx" had got "I couldn't find this in my sources")
    private static final Pattern THANK = Pattern.compile("(?:(?:ok(?:ay)?|k|great|cool|nice|perfect|awesome|alright|got it)"
            + " )?(?:thanks?(?: you)?|thank u|thx|thnx|tnx|ty|cheers|ta|many thanks)(?: (?:so|very) much| a lot| again| mate"
            + "| herald| bot)*");

    // (not "yes" / "no": they may answer something the reader was asked)
    private static final Pattern ACK = Pattern.compile("(?:ok(?:ay)?|k|kk|cool|great|nice|good|got it|i see|alright|"
            + "all right|fine|noted|interesting|wow|sure|understood)");

    private SmallTalk() {
    }

    /** The reply to a message that is only a greeting, a thank-you, an "ok" or no word at all, else empty. */
    static Optional<String> reply(String message) {
        // letters only: "Good morning, Herald!" and "Hi there 👋" read as "good morning herald", "hi there"
        String m = Terms.squashSpace(message.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}'\\s]", " "));
        if (HELLO.matcher(m).matches()) return Optional.of(GREETING);
        if (THANK.matcher(m).matches()) return Optional.of(THANKS);
        if (ACK.matcher(m).matches()) return Optional.of(ACKNOWLEDGED);
        if (m.isEmpty() && !message.matches(".*\\d.*")) return Optional.of(ASK_AWAY);
        return Optional.empty();
    }
}
