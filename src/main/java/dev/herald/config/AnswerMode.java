package dev.herald.config;

import java.util.Locale;

/** How answers are composed ({@code answer.mode}). */
public enum AnswerMode {
    /** Pick the best-supported sentences from the retrieved passages; no model call. */
    EXTRACTIVE,
    /** Ask the configured chat model to write the answer from the retrieved passages. */
    LLM;

    /** The spelling used in the config file and the environment, e.g. {@code extractive}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
