package dev.herald.cli;

import dev.herald.chat.ChatCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code herald chat} driven through a pipe, as a script would drive it, on the sample news. */
class ChatCommandTest {

    @TempDir
    Path dir;

    private String chat(String input) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = HeraldCli.run(new String[]{"chat", "--db", dir.resolve("h.db").toString(), "--as-of", "2025-01-28"},
                Map.of(), new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        assertEquals("", err.toString());
        return out.toString();
    }

    @Test
    void should_run_the_reader_commands_in_the_console_as_in_telegram_when_input_is_piped() {
        // when
        String out = chat("/help\n/latest\n/latest Goma\n/sources\n/latest 2\n/frobnicate\n/quit\nWho controls Goma now?\n");

        // then: the greeting says how much of the archive is visible on that day (of 9 samples, 25-31 Jan)
        var visible = java.util.regex.Pattern.compile("Answering as of 2025-01-28: (\\d+) of them published by then")
                .matcher(out);
        assertTrue(visible.find(), out);
        int n = Integer.parseInt(visible.group(1));
        assertTrue(n > 0 && n < 9, out);
        // /help lists the shared command descriptions
        for (ChatCommands.Command c : ChatCommands.console()) {
            assertTrue(out.contains(c.usage()) && out.contains(c.description()), "help lists " + c.usage() + ":\n" + out);
        }
        assertFalse(out.contains("/ask <question>"), "/ask is for group chats only");
        // /latest: a briefing of the newest days as of 28 Jan; /latest Goma: only stories naming Goma
        assertTrue(out.contains("News, latest, 26 Jan – 28 Jan 2025"), out);
        assertTrue(out.contains("News about Goma"), out);
        assertTrue(out.contains("Sources:\n[1] "), out);
        // /sources: outlets with counts; /latest 2: two headlines
        assertTrue(out.contains("Herald Sample Wire — 4 articles"), out);
        assertTrue(out.contains("Latest headlines:\n1. ") && out.contains("\n2. ") && !out.contains("\n3. M23"), out);
        assertTrue(out.contains("I don't know that command. Type /help"), out);
        // /quit ends the chat: the question after it is never answered
        assertEquals(7, out.split("you> ", -1).length - 1, "seven prompts, none after /quit:\n" + out);
    }

    @Test
    void should_greet_on_start_answer_ask_and_name_telegram_only_commands_when_typed_in_the_console() {
        // when
        String out = chat("/start\n/ask Who controls Goma now?\n/ask\n/follow Goma\n");

        // then: /start greets (twice now: at the start and when asked), /ask answers with a citation
        assertEquals(3, out.split("Ask a question about the news", -1).length, out);
        assertTrue(out.contains("M23") && out.contains("[1]"), out);
        assertTrue(out.contains("Usage: /ask <question>"), out);
        assertTrue(out.contains("/follow works in the Telegram bot, not in this console."), out);
        assertFalse(out.contains("I don't know that command"), out);
    }

    @Test
    void should_forget_the_conversation_on_new_and_end_at_the_end_of_input() {
        // when
        String out = chat("Who controls Goma now?\n/new\nand how many were injured?\n");

        // then: after /new the follow-up has nothing to follow, and the reader is asked which story they mean
        assertTrue(out.contains("(new conversation)"), out);
        assertTrue(out.contains("M23"), out);
        assertTrue(out.contains(dev.herald.chat.QuestionService.NO_EARLIER_TURN), out);
        assertFalse(out.contains("300 wounded"), out);
        assertTrue(out.trim().endsWith("you>"), "the chat ends quietly when the pipe closes:\n" + out);
    }

    @Test
    void should_start_a_new_conversation_each_time_the_chat_starts() {
        // given a chat that ended on a question about Goma
        chat("Who controls Goma now?\n");

        // when the chat is started again on the same database
        String out = chat("and how many were injured?\n");

        // then the first question does not go on from the last session's
        assertTrue(out.contains(dev.herald.chat.QuestionService.NO_EARLIER_TURN), out);
    }
    @Test
    void should_keep_each_consoles_thread_its_own_when_two_chats_share_a_database() throws Exception {
        // given a chat that has asked about Goma and is still open
        java.io.PipedOutputStream typing = new java.io.PipedOutputStream();
        java.io.PipedInputStream keyboard = new java.io.PipedInputStream(typing);
        StringWriter first = new StringWriter();
        StringWriter firstErr = new StringWriter();
        Thread console = new Thread(() -> HeraldCli.run(new String[]{"chat", "--db", dir.resolve("h.db").toString(),
                "--as-of", "2025-01-28"}, Map.of(), keyboard, new PrintWriter(first, true), new PrintWriter(firstErr, true)));
        console.start();
        typing.write("Who controls Goma now?\n".getBytes(StandardCharsets.UTF_8));
        typing.flush();
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (!first.toString().contains("Sources:") && System.nanoTime() < until) Thread.sleep(20);

        // when a second chat starts on the same database and asks about coffee
        String second = chat("Why is coffee so expensive now?\n");
        // ...and the first one asks to go on
        typing.write("tell me more\n".getBytes(StandardCharsets.UTF_8));
        typing.close();
        console.join(60_000);

        // then each goes on in its own thread: the first with the Goma story, not the coffee prices
        assertTrue(second.contains("coffee"), second);
        String[] replies = first.toString().split("you>");
        String more = replies[replies.length - 2];
        assertTrue(more.contains("goma"), more);
        assertFalse(more.toLowerCase(java.util.Locale.ROOT).contains("coffee"), more);
        assertEquals("", firstErr.toString());
    }

    @Test
    void should_apologise_and_go_on_when_the_database_fails_under_a_running_chat() throws Exception {
        // given a chat that has answered once
        java.io.PipedOutputStream typing = new java.io.PipedOutputStream();
        java.io.PipedInputStream keyboard = new java.io.PipedInputStream(typing);
        StringWriter out = new StringWriter();
        int[] code = {-1};
        Thread console = new Thread(() -> code[0] = HeraldCli.run(new String[]{"chat", "--db",
                dir.resolve("h.db").toString(), "--as-of", "2025-01-28"}, Map.of(), keyboard, new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true)));
        console.start();
        typing.write("Who controls Goma now?\n".getBytes(StandardCharsets.UTF_8));
        typing.flush();
        long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (!out.toString().contains("Sources:") && System.nanoTime() < until) Thread.sleep(20);

        // when the table that keeps conversations goes away under it
        try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("h.db"));
             var st = db.createStatement()) {
            st.execute("DROP TABLE conversation_turns");
        }
        typing.write("and how many were injured?\n/help\n".getBytes(StandardCharsets.UTF_8));
        typing.close();
        console.join(60_000);

        // then the reader is told, the session goes on (/help answers) and the chat ends normally
        String text = out.toString();
        assertTrue(text.contains(dev.herald.chat.QuestionService.APOLOGY), text);
        assertTrue(text.indexOf(ChatCommands.console().get(0).usage()) > text.indexOf(dev.herald.chat.QuestionService.APOLOGY),
                text);
        assertEquals(0, code[0], text);
    }

    @Test
    void should_start_each_reply_and_prompt_on_a_line_of_its_own_when_input_is_piped() {
        // when: a blank line, then a command (a pipe echoes neither)
        String out = chat("\n/sources\n");

        // then
        assertFalse(out.contains("you> you>"), out);
        assertTrue(out.contains("you> \nyou> \nSources ("), out);
    }

    @Test
    void should_say_a_line_is_not_utf8_instead_of_calling_it_another_language() throws Exception {
        // given "Qui contrôle Goma ?" written in Latin-1 (ô is one byte, 0xF4, not valid UTF-8 there), then a blank
        byte[] latin1 = "Qui contr\u00f4le Goma ?\n\u00e9\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        StringWriter out = new StringWriter();
        // when
        int code = HeraldCli.run(new String[]{"chat", "--db", dir.resolve("h.db").toString()}, Map.of(),
                new ByteArrayInputStream(latin1), new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));

        // then both lines (the second is nothing but unreadable bytes) get the notice, and no answer is attempted
        assertEquals(0, code);
        assertEquals(3, out.toString().split(java.util.regex.Pattern.quote(ChatCommand.NOT_UTF8), -1).length, out.toString());
        assertFalse(out.toString().contains("another language") || out.toString().contains("couldn't find"), out.toString());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"0", "-5"})
    void should_say_what_latest_takes_when_given_a_count_no_list_has(String count) {
        // when
        String out = chat("/latest " + count + "\n");

        // then neither one headline (for 0) nor a briefing about "-5"
        assertTrue(out.contains(ChatCommands.HEADLINE_COUNT_HINT), out);
        assertFalse(out.contains("Latest headlines") || out.contains("News about"), out);
    }
}
