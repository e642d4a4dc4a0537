package dev.herald.telegram;

import dev.herald.chat.Follows;

import java.util.List;

/** Story alerts in Telegram HTML: one article (headline with its link and outlet, then its lead), or a digest. */
final class AlertTexts {

    /** Headlines one digest lists; a digest of 200 would be several messages nobody reads to the end. */
    static final int DIGEST_MAX = 15;
    /** Longest lead quoted: two lines on a phone are enough to tell whether to open the link. */
    static final int MAX_LEAD = 400;

    private AlertTexts() {
    }

    static String alert(Follows.Story s) {
        StringBuilder sb = new StringBuilder("🔔 <b>").append(TelegramHtml.escape(s.topic())).append("</b>\n")
                .append(TelegramHtml.headline(s.article()));
        if (!s.lead().isBlank()) sb.append("\n\n").append(TelegramHtml.escape(TelegramHtml.cut(s.lead(), MAX_LEAD)));
        return sb.toString();
    }

    static String digest(List<Follows.Story> stories) {
        StringBuilder sb = new StringBuilder("🔔 <b>More on the stories this chat follows</b> (")
                .append(stories.size()).append(stories.size() == 1 ? " article" : " articles").append(")");
        for (Follows.Story s : stories.subList(0, Math.min(DIGEST_MAX, stories.size()))) {
            sb.append("\n• ").append(TelegramHtml.headline(s.article())).append(" (")
                    .append(TelegramHtml.escape(s.topic())).append(")");
        }
        if (stories.size() > DIGEST_MAX) sb.append("\n… and ").append(stories.size() - DIGEST_MAX).append(" more");
        return sb.toString();
    }
}
