package dev.herald.cli;

import dev.herald.Herald;
import dev.herald.config.HeraldConfig;
import dev.herald.config.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code herald}: the top-level command. With no subcommand it starts the Telegram bot when a token is set, and
 * otherwise a console chat on the sample articles, so a fresh checkout runs with one command.
 */
@Command(name = "herald", mixinStandardHelpOptions = true, scope = ScopeType.INHERIT, version = "Herald 0.1.0",
        description = "Answers questions about the news from stored articles, citing its sources.",
        subcommands = {IngestCommand.class, AskCommand.class, ChatCommand.class, SourcesCommand.class,
                StatsCommand.class, ReloadCommand.class, RemoveCommand.class, BotCommand.class, EvalCommand.class, MigrateCommand.class,
                BenchCommand.class,
                HelpCommand.class})
public final class HeraldCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--db", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "SQLite database file (overrides store.path)")
    Path db;

    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "configuration file (default: $HERALD_CONFIG, else config/herald.yml)")
    Path configFile;

    private final Map<String, String> env;
    private final InputStream in;

    public HeraldCommand(Map<String, String> env, InputStream in) {
        this.env = env;
        this.in = in;
    }

    Map<String, String> env() {
        return env;
    }

    InputStream in() {
        return in;
    }

    /** The configuration: file, environment, then command-line options. */
    HeraldConfig config() {
        HeraldConfig c = HeraldConfig.load(configFile, env);
        if (db != null) c = c.withOverride(Settings.STORE_PATH, db.toString(), "--db");
        return c;
    }

    Herald open() {
        return Herald.open(config());
    }

    /** For commands that only read: a database in a read-only place is opened read-only rather than refused. */
    Herald openForReading() {
        // A mistyped --db would otherwise answer from a new, empty (or sample) database without a word
        boolean created = db != null && !java.nio.file.Files.exists(db);
        Herald herald = Herald.openForReading(config());
        if (created) err().println("herald: note: " + db + " did not exist, so a new database was created there");
        return herald;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    @Override
    public Integer call() {
        HeraldConfig c = config();
        if (c.secrets().telegramBotToken().isPresent()) {
            return BotLauncher.run(this);
        }
        CommandLine chat = spec.commandLine().getSubcommands().get("chat");
        return chat.execute();
    }
}
