package dev.herald.store;

/**
 * The database could not be reached or refused us (server down, wrong password, no such database): the message
 * names the URL without any password, and the cause. Commands exit 2 on it, as for a bad setting.
 */
public final class StoreUnavailableException extends StoreException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
