package io.acmegate.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;

/** The YAML configuration file of {@code serve --config}, read once into the tree each section is taken from. */
public final class ConfigFile {
    private ConfigFile() {
    }

    /**
     * The file's tree; null for an empty file.
     *
     * @throws IllegalArgumentException with the first line of the parser's message when it cannot be read
     */
    public static JsonNode read(Path file) {
        try {
            return new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
        } catch (IOException e) {
            String message = e.getMessage();
            throw new IllegalArgumentException("cannot read " + file + ": "
                    + (message == null ? "unreadable" : message.lines().findFirst().orElse(message)));
        }
    }
}
