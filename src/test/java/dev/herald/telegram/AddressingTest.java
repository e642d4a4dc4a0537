package dev.herald.telegram;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.telegram.telegrambots.meta.api.objects.message.Message;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AddressingTest {

    private static final long GROUP = -100_1;
    private final Addressing addressing = new Addressing(FakeBotApi.BOT_ID, FakeBotApi.BOT_USERNAME);

    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of("any text in a private chat is a question",
                        TestMessages.privateText(5, "  Who controls Goma? "), new Addressing.Question("Who controls Goma?")),
                Arguments.of("a mention in a private chat is taken out",
                        TestMessages.privateText(5, "@HeraldTestBot who won?"), new Addressing.Question("who won?")),
                Arguments.of("group chatter is not for the bot",
                        TestMessages.groupText(GROUP, 5, "Who controls Goma?"), new Addressing.Ignored()),
                Arguments.of("a mention in a group is a question, without the mention and its comma",
                        TestMessages.groupText(GROUP, 5, "@heraldtestbot, who won?"), new Addressing.Question("who won?")),
                Arguments.of("an e-mail address is not a mention",
                        TestMessages.groupText(GROUP, 5, "write to news@HeraldTestBot.org"), new Addressing.Ignored()),
                Arguments.of("a reply to the bot in a group is a question",
                        TestMessages.groupReplyTo(GROUP, 5, "and then?", FakeBotApi.BOT_ID), new Addressing.Question("and then?")),
                Arguments.of("a reply to someone else is not",
                        TestMessages.groupReplyTo(GROUP, 5, "and then?", 6), new Addressing.Ignored()),
                Arguments.of("a command naming this bot",
                        TestMessages.groupText(GROUP, 5, "/help@HeraldTestBot"),
                        new Addressing.CommandText(new CommandLine("help", "", "HeraldTestBot"))),
                Arguments.of("a command naming no bot",
                        TestMessages.groupText(GROUP, 5, "/latest Goma"),
                        new Addressing.CommandText(new CommandLine("latest", "Goma", null))),
                Arguments.of("a command for another bot",
                        TestMessages.groupText(GROUP, 5, "/ask@SomeOtherBot Who?"), new Addressing.Ignored()),
                Arguments.of("a blank text",
                        TestMessages.privateText(5, "   "), new Addressing.Ignored()),
                Arguments.of("a photo in a private chat is for the bot, which reads only text",
                        TestMessages.photo(5, 5, null), new Addressing.NotText()),
                Arguments.of("a photo in a group without a mention is not",
                        TestMessages.photo(GROUP, 5, "look"), new Addressing.Ignored()),
                Arguments.of("a photo in a group whose caption mentions the bot is",
                        TestMessages.photo(GROUP, 5, "@HeraldTestBot what is this?"), new Addressing.NotText()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void should_classify_a_message_by_whether_and_how_it_addresses_the_bot(String rule, Message m,
                                                                           Addressing.Addressed expected) {
        assertEquals(expected, addressing.classify(m), rule);
    }

    @Test
    void should_treat_group_mentions_as_chatter_when_the_bot_does_not_know_its_name_yet() {
        // given getMe has not answered
        Addressing unknown = new Addressing(0, "");
        // then
        assertEquals(new Addressing.Ignored(), unknown.classify(TestMessages.groupText(GROUP, 5, "@HeraldTestBot hi")));
    }
}
