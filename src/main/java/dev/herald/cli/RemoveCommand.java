package dev.herald.cli;

import dev.herald.Herald;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/** {@code herald remove ID|URL}: deletes one stored article, as an admin's {@code /remove} does in Telegram. */
@Command(name = "remove", description = {"Remove one stored article by its id or URL (see: herald sources).",
        "To stop loading a feed or folder, use: herald sources remove LOCATION"})
final class RemoveCommand implements Callable<Integer> {

    @ParentCommand
    HeraldCommand root;

    @Parameters(index = "0", paramLabel = "ID|URL", description = "the article's id or URL")
    String idOrUrl;

    @Override
    public Integer call() {
        try (Herald herald = root.open()) {
            if (herald.library().remove(idOrUrl)) {
                root.out().println("Removed " + idOrUrl.strip() + ".");
                return 0;
            }
            root.err().println("herald remove: no article has the id or URL " + idOrUrl.strip());
            return 1;
        }
    }
}
