package dev.herald.answer;

/**
 * Translation for questions not in English (llm mode): the question into English for retrieval, the checked answer
 * back into the reader's language. Methods return null when they cannot translate.
 */
public interface Translator {
    String toEnglish(String question);

    /** @param language the language's English name, or null when only the question shows which it is */
    String fromEnglish(String answer, String language, String question);
}
