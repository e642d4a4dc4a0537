package dev.herald.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads a YAML config file into dotted keys. Nested mappings are flattened ({@code store:\n  path: x} becomes
 * {@code store.path}); dotted keys written flat are accepted too. Scalars are kept as the text written in the
 * file (no YAML type guessing), so {@code 0.30} and {@code 30m} reach the setting parsers unchanged.
 */
final class ConfigFile {

    /** One leaf of the file. {@code value} is a ScalarNode or a SequenceNode. */
    record Entry(String key, Node value, int line) {

        boolean isNull() {
            return value instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
        }

        /** The value as text: the scalar, or {@code [a, b]} for a sequence (used in error messages). */
        String text() {
            if (value instanceof ScalarNode s) return isNull() ? "" : s.getValue();
            List<String> items = new ArrayList<>();
            for (Node n : ((SequenceNode) value).getValue()) items.add(n instanceof ScalarNode s ? s.getValue() : "…");
            return "[" + String.join(", ", items) + "]";
        }
    }

    private static final int MAX_BYTES = 1 << 20;

    private ConfigFile() {
    }

    static List<Entry> read(Path file) {
        String name = file.toString();
        String text = readUtf8(file, name);
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(20);
            root = new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            String where = mark == null ? "" : " line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
            String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
            throw new ConfigException(null, name + where + ": malformed YAML: " + problem, e);
        } catch (YAMLException e) {
            throw new ConfigException(null, name + ": malformed YAML: " + e.getMessage(), e);
        }
        if (root == null) return List.of();   // empty file, or only comments
        if (!(root instanceof MappingNode mapping)) {
            throw new ConfigException(null, name + " line " + line(root)
                    + ": expected a mapping of settings such as 'store:' at the top level", null);
        }
        Map<String, Entry> out = new LinkedHashMap<>();
        flatten(mapping, "", name, out);
        return List.copyOf(out.values());
    }

    private static void flatten(MappingNode mapping, String prefix, String name, Map<String, Entry> out) {
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode k) || Tag.NULL.equals(k.getTag()) || k.getValue().isBlank()) {
                throw new ConfigException(null, name + " line " + line(keyNode) + ": setting names must be plain words", null);
            }
            String key = prefix.isEmpty() ? k.getValue().strip() : prefix + "." + k.getValue().strip();
            Node value = tuple.getValueNode();
            if (value instanceof MappingNode nested && Settings.byKey(key).isEmpty()) {
                flatten(nested, key, name, out);
                continue;
            }
            if (value instanceof MappingNode) {
                throw new ConfigException(key, key + " = {…} is not valid: expected "
                        + Settings.byKey(key).orElseThrow().allowed() + " (from " + name + " line " + line(value) + ")", null);
            }
            Entry previous = out.get(key);
            if (previous != null) {
                throw new ConfigException(key, key + " is set twice in " + name + " (lines " + previous.line() + " and "
                        + line(keyNode) + ")", null);
            }
            out.put(key, new Entry(key, value, line(keyNode)));
        }
    }

    private static String readUtf8(Path file, String name) {
        byte[] bytes;
        try {
            if (Files.size(file) > MAX_BYTES) throw new ConfigException(null, name + " is larger than 1 MB; is it really a config file?", null);
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException(null, "cannot read config file " + name + ": " + e, e);
        }
        try {
            String s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
            return s.startsWith("\uFEFF") ? s.substring(1) : s;
        } catch (CharacterCodingException e) {
            throw new ConfigException(null, name + " is not valid UTF-8 text", e);
        }
    }

    private static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }
}
