package dev.herald;

import dev.herald.config.HeraldConfig;
import dev.herald.config.Settings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Where {@code index.path} puts the search index for each kind of store. */
class IndexFolderTest {

    @ParameterizedTest(name = "store.url ''{0}'', index.path ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', value = {
            "                                                | auto   | data/herald.db.index",
            "jdbc:sqlite:other/news.db                       | auto   | other/news.db.index",
            "jdbc:postgresql://127.0.0.1:5432/herald         | auto   | data/pg-127.0.0.1_5432_herald.index",
            "jdbc:postgresql://db.internal/news?currentSchema=a | auto | data/pg-db.internal_news_currentSchema_a.index",
            "jdbc:postgresql://127.0.0.1:5432/herald         | idx    | idx",
            "jdbc:postgresql://127.0.0.1:5432/herald         | memory | ",
    })
    void should_put_the_index_where_the_store_is_when_index_path_is_auto(String url, String indexPath, String expected) {
        // given
        HeraldConfig config = HeraldConfig.defaults()
                .withOverride(Settings.STORE_URL, url == null ? "" : url, "test")
                .withOverride(Settings.INDEX_PATH, indexPath, "test");

        // when
        Path folder = Herald.indexFolder(config);

        // then
        if (expected == null) assertNull(folder);
        else assertEquals(Path.of(expected).toAbsolutePath(), folder);
    }
}
