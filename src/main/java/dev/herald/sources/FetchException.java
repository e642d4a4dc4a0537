package dev.herald.sources;

import java.io.IOException;

/** A fetch that failed; the message is the reason in plain words, e.g. "HTTP 500" or "timed out after 10 s". */
public final class FetchException extends IOException {
    public FetchException(String reason) {
        super(reason);
    }

    public FetchException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
