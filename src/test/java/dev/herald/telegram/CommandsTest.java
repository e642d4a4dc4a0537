package dev.herald.telegram;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.message.Message;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dispatch filters (known, place, access) and the menus, with handlers that only record that they ran. */
class CommandsTest {

    private final List<String> ran = new ArrayList<>();
    private final List<String> replies = new ArrayList<>();
    private final Replier replier = (to, html) -> replies.add(html);

    private Command command(String name, Command.Access access, Command.Place place, boolean listed) {
        return new Command(name, "", "does " + name, access, place, listed, in -> {
            ran.add(name + "(" + in.args() + ")" + (in.admin() ? " by admin" : ""));
            return CompletableFuture.completedFuture(null);
        });
    }

    private final Commands commands = new Commands(List.of(
            command("start", Command.Access.READER, Command.Place.BOTH, false),
            command("latest", Command.Access.READER, Command.Place.BOTH, true),
            command("follow", Command.Access.READER, Command.Place.PRIVATE, true),
            command("stats", Command.Access.ADMIN, Command.Place.BOTH, true)),
            Map.of("newest", "latest"));

    private void send(Message m, boolean admin) {
        commands.dispatch(m, CommandLine.parse(m.getText()), admin, replier);
    }

    @ParameterizedTest(name = "{0} in {1}, admin {2}")
    @CsvSource(delimiter = '|', value = {
            "/latest Goma      | private | false | latest(Goma)      | ''",
            "/newest           | private | false | latest()          | ''",
            "/latest@HeraldTestBot | group | false | latest()        | ''",
            "/follow Goma      | private | false | follow(Goma)      | ''",
            "/follow Goma      | group   | false | ''                | This command works in a private chat with me.",
            "/stats            | private | false | ''                | This command is for admins.",
            "/stats            | group   | true  | stats() by admin  | ''",
            "/nope             | private | false | ''                | I don't know that command. Send /help to see what I can do.",
            "/nope@HeraldTestBot | group | false | ''                | I don't know that command. Send /help to see what I can do.",
            "/nope             | group   | false | ''                | ''",
    })
    void should_run_or_refuse_a_command_by_its_place_and_access_when_dispatched(
            String text, String where, boolean admin, String expectRan, String expectReply) {
        // given
        Message m = where.equals("private") ? TestMessages.privateText(5, text) : TestMessages.groupText(-9, 5, text);
        // when
        send(m, admin);
        // then
        assertEquals(expectRan.isEmpty() ? List.of() : List.of(expectRan), ran);
        assertEquals(expectReply.isEmpty() ? List.of() : List.of(expectReply), replies);
    }

    @Test
    void should_show_admin_commands_only_in_the_admin_menu_and_never_unlisted_ones() {
        assertEquals(List.of("latest", "follow"), commands.menu(false).stream().map(BotCommand::getCommand).toList());
        assertEquals(List.of("latest", "follow", "stats"),
                commands.menu(true).stream().map(BotCommand::getCommand).toList());
        assertEquals("Does stats", commands.menu(true).get(2).getDescription());
    }

    @Test
    void should_tell_help_what_the_sender_may_run_when_a_command_runs() {
        // given a command that records what it is told is available
        List<String> seen = new ArrayList<>();
        Commands help = new Commands(List.of(
                new Command("help", "", "this message", Command.Access.READER, Command.Place.BOTH, true, in -> {
                    in.available().forEach(c -> seen.add(c.name()));
                    return CompletableFuture.completedFuture(null);
                }),
                command("stats", Command.Access.ADMIN, Command.Place.BOTH, true)), Map.of());
        // when a reader, then an admin, asks
        help.dispatch(TestMessages.privateText(5, "/help"), CommandLine.parse("/help"), false, replier);
        help.dispatch(TestMessages.privateText(5, "/help"), CommandLine.parse("/help"), true, replier);
        // then
        assertEquals(List.of("help", "help", "stats"), seen);
    }

    @Test
    void should_refuse_a_list_when_two_commands_share_a_name_or_an_alias_names_nothing() {
        Command a = command("latest", Command.Access.READER, Command.Place.BOTH, true);
        assertThrows(IllegalArgumentException.class, () -> new Commands(List.of(a, a), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> new Commands(List.of(a), Map.of("x", "nope")));
        assertThrows(IllegalArgumentException.class, () -> command("Latest", Command.Access.READER,
                Command.Place.BOTH, true));
    }

    @Test
    void should_describe_reader_commands_as_the_console_does() {
        // the bot's own list, from HeraldCommands, against the shared descriptions
        Commands herald = HeraldCommands.of(null, null, null, null, null, null, replier, () -> "HeraldTestBot");
        for (var shared : dev.herald.chat.ChatCommands.telegram()) {
            Command c = herald.find(shared.name()).orElseThrow();
            assertEquals(shared.usage(), c.usage());
            assertEquals(shared.description(), c.description());
            assertEquals(Command.Access.READER, c.access());
        }
        assertTrue(herald.menu(false).stream().noneMatch(b -> b.getCommand().equals("reload")));
        assertTrue(herald.menu(true).stream().anyMatch(b -> b.getCommand().equals("reload")));
    }
}
