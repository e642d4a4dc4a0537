package dev.herald.eval;

import dev.herald.Herald;
import dev.herald.support.Fixtures;
import dev.herald.support.TestHerald;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The seed article among 200 unrelated RealTime QA articles (from ../shared; skipped when absent): every seed fact is
 * found and cited from the seed, nothing unrelated is cited, out-of-scope questions abstain.
 */
class FillerCheckTest {

    @TempDir
    Path dir;

    @Test
    void should_cite_only_the_seed_and_abstain_out_of_scope_when_the_seed_is_hidden_among_unrelated_articles() {
        // given
        Path seed = Fixtures.seedArticle().map(Path::getParent).orElse(null);
        Path corpus = Fixtures.benchmark("corpus.jsonl").orElse(null);
        Assumptions.assumeTrue(seed != null && corpus != null, "../shared/seed or the RealTime QA corpus is absent");
        FillerCheck.Archive archive = FillerCheck.archive(seed, corpus, 200);
        assertEquals(200, archive.unrelated().size());
        assertTrue(archive.unrelated().stream().noneMatch(a -> a.text().contains("Goma") || a.text().contains("Ruto")));

        try (Herald herald = TestHerald.open(dir)) {
            TestHerald.ingest(herald, archive.all());

            // when
            FillerCheck.Result r = FillerCheck.run(herald.questions(), archive, FillerCheck.bundledQuestions());

            // then
            StringBuilder failed = new StringBuilder();
            for (Map<String, Object> row : r.rows()) {
                if (!Boolean.TRUE.equals(row.get("ok"))) failed.append(row).append('\n');
            }
            assertEquals(r.facts(), r.found(), failed.toString());
            assertEquals(0, r.citingUnrelated(), failed.toString());
            assertEquals(r.outOfScope(), r.abstained(), failed.toString());
            assertTrue(r.passed());
            assertTrue(r.meanWords() <= 45, "mean words " + r.meanWords());
            assertFalse(r.rows().isEmpty());
        }
    }
}
