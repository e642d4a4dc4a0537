package dev.herald.cli;

import dev.herald.Herald;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** {@code herald reload}: re-ingests the configured content (content.paths, or the samples). */
@Command(name = "reload", description = "Re-load the configured content (content.paths); readers keep the old content until each article's new version is stored.")
final class ReloadCommand implements Callable<Integer> {

    @ParentCommand
    HeraldCommand root;

    @Override
    public Integer call() {
        try (Herald herald = root.open()) {
            // one of the instances on the store while it reloads: a source a running bot is refreshing at that moment
            // is waited for, not fetched twice at once
            herald.instance();
            return IngestCommand.runInterruptibly(herald, bar -> herald.library().reload(bar), root);
        }
    }
}
