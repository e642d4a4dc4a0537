package dev.herald.ingest;

import dev.herald.article.Article;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import dev.herald.ingest.ArticleLoader.LoadResult;
import dev.herald.ingest.ArticleLoader.Skipped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point for loading articles from a file or a folder: walks folders, picks the loader by extension and turns
 * bad input (empty, binary, too big, unreadable) into skipped entries instead of errors.
 *
 * <p>The size limit guards against loading a stray multi-gigabyte file into memory. It does not apply to
 * {@code .jsonl}: those are streamed line by line, so memory does not grow with the file, and real corpora are
 * routinely larger than any sensible per-article limit (the RealTime QA corpus is 45.5 MB).
 */
public final class ArticleFiles {

    public static final long DEFAULT_SIZE_LIMIT = 20_000_000L;
    static final String SUPPORTED = "txt, md, html, htm, json, jsonl";

    private static final Logger log = LoggerFactory.getLogger(ArticleFiles.class);

    private final long sizeLimit;
    private final LocalRoots roots;
    private final List<ArticleLoader> loaders =
            List.of(new TextArticleLoader(), new HtmlArticleLoader(), new JsonArticleLoader());

    public ArticleFiles() {
        this(DEFAULT_SIZE_LIMIT);
    }

    /** @param sizeLimit largest file accepted, in bytes (streamed {@code .jsonl} files are exempt) */
    public ArticleFiles(long sizeLimit) {
        this(sizeLimit, null);
    }

    /**
     * @param roots the only folders files are loaded from (links leaving them are refused), or null for anywhere
     */
    public ArticleFiles(long sizeLimit, LocalRoots roots) {
        if (sizeLimit <= 0) throw new IllegalArgumentException("size limit must be positive: " + sizeLimit);
        this.sizeLimit = sizeLimit;
        this.roots = roots;
    }

    /** The same loaders and limit with no restriction on where files are: the eval corpus, into its own database. */
    public ArticleFiles unrestricted() {
        return new ArticleFiles(sizeLimit, null);
    }

    /** Why {@code path} may not be loaded (outside the allowed roots), or null when it may. */
    public String refusal(Path path) {
        return roots == null || !Files.exists(path) ? null : roots.problem(path);
    }

    /** Loads everything under {@code path} into memory; prefer {@link #forEach} for big corpora. */
    public LoadResult loadPath(Path path) {
        List<Article> articles = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        forEach(path, articles::add, skipped::add);
        return new LoadResult(articles, skipped);
    }

    /**
     * Streams the articles under {@code path} (a file, or a folder walked recursively in sorted order, skipping
     * hidden entries) to {@code sink}, and everything not loaded to {@code skipped}.
     */
    public void forEach(Path path, Consumer<Article> sink, Consumer<Skipped> skipped) {
        String refused = refusal(path);
        if (!Files.exists(path)) {
            skipped.accept(new Skipped(path.toString(), "no such file or directory"));
        } else if (refused != null) {
            skipped.accept(new Skipped(path.toString(), refused));
        } else if (Files.isDirectory(path)) {
            walk(path, sink, skipped);
        } else {
            loadFile(path, true, sink, skipped);
        }
    }

    private void walk(Path dir, Consumer<Article> sink, Consumer<Skipped> skipped) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(entries::add);
        } catch (IOException e) {
            skipped.accept(new Skipped(dir.toString(), IoMessages.of(e)));
            return;
        }
        entries.sort(Comparator.comparing(p -> p.getFileName().toString()));
        for (Path entry : entries) {
            if (entry.getFileName().toString().startsWith(".")) continue;
            // Symlinked folders are not followed: a link back up the tree would never end.
            if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) walk(entry, sink, skipped);
            // a pipe or device named like an article is skipped by FileCheck with its reason, never opened
            else if (!Files.isDirectory(entry)) loadFile(entry, false, sink, skipped);
        }
    }

    /** @param explicit the user named this file, so an unsupported type deserves an answer rather than silence */
    private void loadFile(Path file, boolean explicit, Consumer<Article> sink, Consumer<Skipped> skipped) {
        String where = file.toString();
        String ext = extension(file);
        ArticleLoader loader = loaderFor(ext);
        if (loader == null) {
            if (explicit) skipped.accept(new Skipped(where, unsupported(ext)));
            else log.debug("ignoring {}: not an article file", where);
            return;
        }
        String refused = explicit ? null : refusal(file); // a named file was checked by forEach
        if (refused != null) {
            skipped.accept(new Skipped(where, refused));
            return;
        }
        try {
            String problem = FileCheck.problem(file, ext.equals("jsonl") ? Long.MAX_VALUE : sizeLimit);
            if (problem != null) {
                skipped.accept(new Skipped(where, problem));
                return;
            }
        } catch (IOException e) {
            skipped.accept(new Skipped(where, IoMessages.of(e)));
            return;
        }
        loader.forEach(file, sink, skipped);
    }

    /** True when some loader reads this file's type (folders are walked for these files only). */
    public boolean supports(Path file) {
        return loaderFor(extension(file)) != null;
    }

    private ArticleLoader loaderFor(String ext) {
        return loaders.stream().filter(l -> l.supports(ext)).findFirst().orElse(null);
    }

    private static String unsupported(String ext) {
        String type = ext.isEmpty() ? "(no extension)" : "." + ext;
        return "unsupported file type " + type + " (supported: " + SUPPORTED + ")";
    }

    public static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
