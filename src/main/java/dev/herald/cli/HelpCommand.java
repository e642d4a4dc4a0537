package dev.herald.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code herald help [COMMAND [SUBCOMMAND…]]}: the usage of any command, nested ones included. Picocli's own
 * {@code HelpCommand} reads only the first name, so {@code help sources add} showed the help of {@code sources}.
 */
@Command(name = "help", helpCommand = true, description = "Show the help of a command, e.g. herald help sources add.")
final class HelpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "the command (and subcommand) to describe")
    List<String> names;

    @Override
    public Integer call() {
        CommandLine target = spec.parent().commandLine();
        if (names != null) {
            for (String name : names) {
                CommandLine next = target.getSubcommands().get(name);
                if (next == null) {
                    target.getErr().println("herald help: unknown command '" + name + "'");
                    target.usage(target.getErr());
                    return HeraldCli.USAGE;
                }
                target = next;
            }
        }
        target.usage(spec.commandLine().getOut());
        return 0;
    }
}
