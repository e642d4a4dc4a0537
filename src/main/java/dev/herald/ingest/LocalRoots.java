package dev.herald.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The folders local files may be loaded from ({@code content.allowed-roots}). An admin's {@code /add PATH} could
 * otherwise load any file the server can read (a notes file with a password, {@code /etc/passwd} linked as
 * {@code news.txt}) and every reader could have it quoted. A path is checked after following its links, so a link
 * inside an allowed folder that points out of it is refused too.
 */
public final class LocalRoots {

    private final List<Path> roots;
    private final List<String> shown;

    private LocalRoots(List<Path> roots, List<String> shown) {
        this.roots = roots;
        this.shown = shown;
    }

    /** @param roots folders (or single files), relative ones against the working directory */
    public static LocalRoots of(List<Path> roots) {
        List<Path> real = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        for (Path r : roots) {
            real.add(real(r));
            shown.add(r.toString());
        }
        return new LocalRoots(List.copyOf(real), List.copyOf(shown));
    }

    /** Why {@code p} may not be loaded, or null when it lies under a root (after following links). */
    public String problem(Path p) {
        Path real = real(p);
        for (Path r : roots) if (real.startsWith(r)) return null;
        boolean link = !real.equals(p.toAbsolutePath().normalize());
        return (link ? "links to " + real + ", which is" : "is") + " outside content.allowed-roots ("
                + (shown.isEmpty() ? "none" : String.join(", ", shown)) + ")";
    }

    public List<String> describe() {
        return shown;
    }

    /** The path with links resolved; for a path that does not exist (yet), its absolute normal form. */
    private static Path real(Path p) {
        try {
            if (Files.exists(p)) return p.toRealPath();
        } catch (IOException | SecurityException e) {
            // unreadable: compare what was written
        }
        return p.toAbsolutePath().normalize();
    }
}
