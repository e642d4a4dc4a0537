package dev.herald.library;

import dev.herald.Herald;
import dev.herald.article.Article;
import dev.herald.config.HeraldConfig;
import dev.herald.config.Settings;
import dev.herald.ingest.IngestProgress;
import dev.herald.ingest.IngestSummary;
import dev.herald.support.TestHerald;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Content operations on a real Herald: the real embedding model, a real SQLite file. */
class ContentLibraryTest {

    @TempDir
    Path dir;

    @Test
    void should_skip_a_record_of_only_invisible_spaces_and_load_the_rest_when_ingesting() throws Exception {
        // given: a JSONL batch whose middle record is zero-width and no-break spaces only
        Path news = Files.createDirectories(dir.resolve("news"));
        Files.writeString(news.resolve("batch.jsonl"), String.join("\n",
                "{\"id\": \"tram\", \"title\": \"Tram line opens\", \"text\": \"The new tram line opened on Saturday.\"}",
                "{\"id\": \"ghost\", \"text\": \"\\u200b\\u00a0\\u200b \\ufeff\\u2060\"}",
                "{\"id\": \"bridge\", \"title\": \"Bridge closes\", \"text\": \"The old bridge closes for repairs in May.\"}"));
        try (Herald h = TestHerald.open(dir)) {
            // when
            IngestSummary first = h.library().ingest(List.of(news), IngestProgress.NONE);
            IngestSummary again = h.library().ingest(List.of(news), IngestProgress.NONE);

            // then: the batch loads, the bad record is reported, and a second run finds nothing left to do
            assertEquals(2, first.added(), first.describe());
            assertEquals(1, first.skipped().size(), first.describe());
            assertTrue(first.skipped().get(0).toString().contains("batch.jsonl#2: no text to index"), first.describe());
            assertEquals(2, h.store().articleCount());
            assertEquals(0, again.added(), again.describe());
            assertEquals(2, again.unchanged(), again.describe());
        }
    }

    @Test
    void should_replace_the_article_when_a_file_without_url_is_edited_and_ingested_again() throws Exception {
        // given a file without url: or id, loaded once
        Path news = Files.createDirectories(dir.resolve("news"));
        Path file = news.resolve("budget.txt");
        Files.writeString(file, "title: Council budget\n\nThe council approved a budget of 12 million euros.\n");
        try (Herald h = TestHerald.open(dir)) {
            h.library().ingest(List.of(news), IngestProgress.NONE);
            // when: the figure is corrected, and the file loaded again (alone this time)
            Files.writeString(file, "title: Council budget\n\nThe council approved a budget of 14 million euros.\n");
            IngestSummary again = h.library().ingest(List.of(file), IngestProgress.NONE);

            // then: one article, the corrected one
            assertEquals(1, again.updated(), again.describe());
            assertEquals(1, h.store().articleCount());
            assertEquals(List.of("The council approved a budget of 14 million euros."), texts(h));
        }
    }

    @Test
    void should_drop_the_old_version_on_reload_when_a_configured_file_was_edited() throws Exception {
        // given a configured folder, and a database holding the file's first version under an id of its own (what
        // an earlier Herald stored: ids came from the text)
        Path news = Files.createDirectories(dir.resolve("news"));
        Path file = news.resolve("budget.txt");
        Files.writeString(file, "title: Council budget\n\nThe council approved a budget of 12 million euros.\n");
        HeraldConfig config = HeraldConfig.defaults()
                .withOverride(Settings.STORE_PATH, dir.resolve("herald.db").toString(), "test")
                .withOverride(Settings.CONTENT_PATHS, news.toString(), "test");
        try (Herald h = Herald.open(config)) {
            TestHerald.ingest(h, List.of(new Article("a-0123456789ab", "Council budget", "unknown", null, null,
                    "The council approved a budget of 12 million euros.", file.toString())));
            // when: the file is edited and the content reloaded
            Files.writeString(file, "title: Council budget\n\nThe council approved a budget of 14 million euros.\n");
            IngestSummary reload = h.library().reload(IngestProgress.NONE);

            // then: only the new version is left
            assertEquals(1, h.store().articleCount(), reload.describe());
            assertEquals(List.of("The council approved a budget of 14 million euros."), texts(h));
        }
    }

    private static List<String> texts(Herald h) {
        return h.store().latest(10, java.time.Instant.MAX).stream()
                .map(r -> h.store().article(r.id()).orElseThrow().text()).toList();
    }

    @Test
    void should_remove_the_sample_articles_when_own_articles_are_ingested_and_not_bring_them_back_on_reload()
            throws Exception {
        // given a store that started on the bundled samples (as chat and ask do on an empty database)
        Path news = Files.createDirectories(dir.resolve("news"));
        Files.writeString(news.resolve("tram.txt"), "title: Tram line opens\n\nThe new tram line opened on Saturday.\n");
        try (Herald h = TestHerald.open(dir)) {
            assertTrue(h.library().loadSamplesIfEmpty(IngestProgress.NONE));
            int samples = h.store().articleCount();
            assertTrue(samples > 1);

            // when the admin loads articles of their own, then reloads with nothing configured
            IngestSummary own = h.library().ingest(List.of(news), IngestProgress.NONE);
            IngestSummary reload = h.library().reload(IngestProgress.NONE);

            // then only the own article is stored: the fictional wire is never quoted beside real news
            assertEquals(1, own.added(), own.describe());
            assertEquals(0, reload.added(), reload.describe());
            assertEquals(1, h.store().articleCount());
            assertEquals(List.of("Tram line opens"), h.store().latest(10, java.time.Instant.now()).stream()
                    .map(dev.herald.article.ArticleRef::title).toList());
        }
    }

    @Test
    void should_keep_the_sample_articles_an_admin_copies_into_their_own_folder_when_the_samples_are_retired()
            throws Exception {
        // given a store that started on the samples, and a folder holding copies of them beside an article of the
        // admin's own
        Path news = Files.createDirectories(dir.resolve("news"));
        try (var files = Files.list(Path.of("src/main/resources/samples"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".md")).toList()) {
                Files.copy(f, news.resolve(f.getFileName()));
            }
        }
        Files.writeString(news.resolve("tram.txt"), "title: Council budget\n\nThe council approved its budget.\n");
        try (Herald h = TestHerald.open(dir)) {
            h.library().loadSamplesIfEmpty(IngestProgress.NONE);
            int samples = h.store().articleCount();

            // when the folder is ingested, twice
            IngestSummary first = h.library().ingest(List.of(news), IngestProgress.NONE);
            int afterFirst = h.store().articleCount();
            IngestSummary again = h.library().ingest(List.of(news), IngestProgress.NONE);

            // then every file the admin named is stored, and the second run has nothing to do
            assertEquals(samples + 1, afterFirst, first.describe());
            assertEquals(0, again.added(), again.describe());
            assertEquals(samples + 1, again.unchanged(), again.describe());
            assertEquals(samples + 1, h.store().articleCount());
        }
    }

    @Test
    void should_not_bring_the_sample_articles_back_when_the_admin_removes_their_own_last_article() throws Exception {
        // given a store whose only article is the admin's own
        Path news = Files.createDirectories(dir.resolve("news"));
        Files.writeString(news.resolve("tram.txt"), "title: Tram line opens\n\nThe new tram line opened on Saturday.\n");
        try (Herald h = TestHerald.open(dir)) {
            h.library().ingest(List.of(news), IngestProgress.NONE);
            String id = h.store().latest(10, java.time.Instant.MAX).get(0).id();

            // when they remove it, and a reader then asks (chat and ask load the samples into an empty store)
            h.store().remove(id);
            boolean loaded = h.library().loadSamplesIfEmpty(IngestProgress.NONE);

            // then the archive stays empty: the fictional wire is not answered from in its place
            assertFalse(loaded);
            assertEquals(0, h.store().articleCount());
        }
    }

    @Test
    void should_say_in_the_summary_how_many_articles_were_stored_without_a_date_when_a_date_is_unreadable()
            throws Exception {
        // given one article with a date, one whose date is written day-first, one whose date is far in the future
        Path news = Files.createDirectories(dir.resolve("news"));
        Files.writeString(news.resolve("a.txt"), "title: Tram line opens\npublished: 2025-01-27\n\nThe tram line opened.\n");
        Files.writeString(news.resolve("b.txt"), "title: Bridge closes\npublished: 27/01/2025\n\nThe bridge closed.\n");
        Files.writeString(news.resolve("c.txt"), "title: Pool reopens\npublished: 2031-01-01\n\nThe pool reopened.\n");
        try (Herald h = TestHerald.open(dir)) {
            // when
            IngestSummary s = h.library().ingest(List.of(news), IngestProgress.NONE);

            // then all three are stored, and the summary names the two without a date
            assertEquals(3, s.added(), s.describe());
            assertEquals(2, s.undated(), s.describe());
            assertTrue(s.describe().contains("2 articles stored without a publication date"), s.describe());
        }
    }

    @Test
    void should_quote_the_first_sentence_of_a_file_without_header_when_it_holds_the_answer() throws Exception {
        // given a .txt with no header: its first line, a whole sentence, also serves as its title
        Path news = Files.createDirectories(dir.resolve("news"));
        Files.writeString(news.resolve("vote.txt"), "Testville's council voted 7 to 2 on Tuesday to ban plastic bags"
                + " in shops from next spring.\n\nShops that break the ban face fines, the council said.\n");
        try (Herald h = TestHerald.open(dir)) {
            h.library().ingest(List.of(news), IngestProgress.NONE);

            // when
            String answer = h.questions().ask("How did Testville's council vote on the plastic bag ban?",
                    java.time.Instant.now()).answer().text();

            // then the vote itself is quoted, not only the sentence after it
            assertTrue(answer.contains("voted 7 to 2"), answer);
        }
    }

    @Test
    void should_keep_answering_when_an_article_holds_a_word_longer_than_the_index_takes() throws Exception {
        // given a text file with a 33 KB base64 blob in one "word" (Lucene refuses a term over 32,766 bytes), and a
        // batch whose id is 40,000 characters long
        Path news = Files.createDirectories(dir.resolve("news"));
        Files.writeString(news.resolve("blob.txt"), "title: Budget vote\n\nTestville's council passed its budget on "
                + "Tuesday by 7 votes to 2. " + "QUJD".repeat(8300) + " End of the attachment.\n");
        Files.writeString(news.resolve("ids.jsonl"), "{\"id\": \"" + "x".repeat(40_000) + "\", \"title\": \"Bridge\", "
                + "\"text\": \"The old bridge closes for repairs in May.\"}\n");
        try (Herald h = TestHerald.open(dir)) {
            // when
            IngestSummary s = h.library().ingest(List.of(news), IngestProgress.NONE);
            var reply = h.questions().ask("How did Testville's council vote on the budget?", java.time.Instant.now());

            // then the article loads and is quoted; the record with the huge id is skipped and named
            assertEquals(1, s.added(), s.describe());
            assertTrue(s.skipped().get(0).toString().contains("ids.jsonl:1: \"id\" is 40000 characters long"), s.describe());
            assertTrue(reply.answer().text().contains("7 votes to 2"), reply.answer().text());
        }
    }

    @Test
    void should_search_the_rest_when_a_stored_article_has_an_id_longer_than_the_index_takes() throws Exception {
        // given an article stored with a 40,000-character id (as a store written before ingestion refused them holds)
        try (Herald h = TestHerald.open(dir)) {
            TestHerald.ingest(h, List.of(
                    new Article("x".repeat(40_000), "Bridge closes", "Wire", null, null,
                            "The old bridge closes for repairs in May.", "test"),
                    new Article("a-0123456789ab", "Budget vote", "Wire", null, null,
                            "Testville's council passed its budget on Tuesday by 7 votes to 2.", "test")));

            // when
            var reply = h.questions().ask("How did Testville's council vote on the budget?", java.time.Instant.now());

            // then the other article is searched and quoted
            assertTrue(reply.answer().text().contains("7 votes to 2"), reply.answer().text());
        }
    }
    @Test
    void should_count_syndicated_copies_in_the_summary_and_store_them_once_when_a_batch_is_ingested_twice()
            throws Exception {
        // given four articles: two stories, each also sent out under a second URL
        String tram = "The city council approved a new tram line on Tuesday after a long debate about costs and the "
                + "route through the old town. Construction starts in March and the line should open in 2027.";
        String flood = "Flooding closed the coastal road near the harbour on Wednesday, and emergency crews evacuated "
                + "dozens of homes as the river rose above its banks overnight.";
        StringBuilder jsonl = new StringBuilder();
        String[][] rows = {{"d1", tram}, {"d2", flood}, {"d3", flood}, {"d4", tram}};
        for (String[] r : rows) {
            jsonl.append("{\"id\": \"").append(r[0]).append("\", \"title\": \"Story ").append(r[0])
                    .append("\", \"url\": \"https://example.org/").append(r[0]).append("\", \"text\": \"")
                    .append(r[1]).append("\"}\n");
        }
        Path news = Files.writeString(dir.resolve("wire.jsonl"), jsonl);
        try (Herald h = TestHerald.open(dir)) {
            // when
            IngestSummary first = h.library().ingest(List.of(news), IngestProgress.NONE);
            IngestSummary again = h.library().ingest(List.of(news), IngestProgress.NONE);

            // then the first run says what became of all four, and the second stores nothing again
            assertEquals(2, first.added(), first.describe());
            assertEquals(2, first.copies(), first.describe());
            assertTrue(first.describe().contains("2 copies of stored articles"), first.describe());
            assertEquals(0, again.added() + again.updated() + again.copies(), again.describe());
            assertEquals(4, again.unchanged(), again.describe());
        }
    }
}
