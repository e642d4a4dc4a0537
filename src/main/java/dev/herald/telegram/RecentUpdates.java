package dev.herald.telegram;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The update ids seen lately, so an update delivered again (polling restarted before its offset was confirmed) is
 * answered once.
 */
final class RecentUpdates {

    /** Polling hands out at most 100 updates at a time; 10,000 ids cover any redelivery. */
    private static final int REMEMBERED = 10_000;

    private final Set<Integer> seen = new LinkedHashSet<>();

    /** True the first time an id is offered (and for updates without one). */
    synchronized boolean firstTime(Integer updateId) {
        if (updateId == null) return true;
        if (!seen.add(updateId)) return false;
        if (seen.size() > REMEMBERED) {
            Iterator<Integer> oldest = seen.iterator();
            oldest.next();
            oldest.remove();
        }
        return true;
    }
}
