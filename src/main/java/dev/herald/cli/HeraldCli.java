package dev.herald.cli;

import dev.herald.config.ConfigException;
import dev.herald.library.ContentLibrary;
import dev.herald.store.StoreException;
import dev.herald.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;

/** Builds the command line and maps failures to one readable line and an exit code. */
public final class HeraldCli {

    private static final Logger log = LoggerFactory.getLogger(HeraldCli.class);

    /** Exit code for a user's mistake: bad option, bad config, unknown command. */
    public static final int USAGE = 2;

    private HeraldCli() {
    }

    public static CommandLine commandLine(Map<String, String> env, InputStream in, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new HeraldCommand(env, in));
        cl.setOut(out);
        cl.setErr(err);
        // a mistake on the command line: say what was wrong, then how to use the command
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            PrintWriter e = c.getErr();
            e.println(ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, e);
            e.println();
            c.usage(e);
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter e = commandLine.getErr();
            if (ex instanceof ConfigException) {
                e.println(ex.getMessage());
                return USAGE;
            }
            if (ex instanceof StoreUnavailableException) {
                e.println("herald: " + ex.getMessage()); // the database cannot be reached: as for a bad setting
                log.debug("store unavailable", ex);
                return USAGE;
            }
            if (ex instanceof ContentLibrary.BusyException || ex instanceof StoreException) {
                e.println("herald: " + ex.getMessage());
                log.debug("failure", ex);
                return 1;
            }
            e.println("herald: " + (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage()));
            log.error("unexpected failure", ex);
            return 1;
        });
        return cl;
    }

    public static int run(String[] args, Map<String, String> env, InputStream in, PrintWriter out, PrintWriter err) {
        return commandLine(env, in, out, err).execute(args);
    }
}
