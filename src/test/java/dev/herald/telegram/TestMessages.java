package dev.herald.telegram;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/** Telegram messages for testing one step of the update path, read from the Bot API JSON as the bot would. */
final class TestMessages {

    private TestMessages() {
    }

    static Message privateText(long user, String text) {
        return read(message(FakeBotApi.privateChat(user), FakeBotApi.user(user), text));
    }

    static Message groupText(long chat, long user, String text) {
        return read(message(FakeBotApi.groupChat(chat), FakeBotApi.user(user), text));
    }

    static Message fromBot(long chat, String text) {
        ObjectNode bot = FakeBotApi.user(4242).put("is_bot", true);
        return read(message(FakeBotApi.groupChat(chat), bot, text));
    }

    static Message groupReplyTo(long chat, long user, String text, long repliedFrom) {
        ObjectNode m = message(FakeBotApi.groupChat(chat), FakeBotApi.user(user), text);
        ObjectNode replied = FakeBotApi.JSON.createObjectNode().put("message_id", 7);
        replied.set("from", FakeBotApi.user(repliedFrom).put("is_bot", repliedFrom == FakeBotApi.BOT_ID));
        replied.set("chat", FakeBotApi.groupChat(chat));
        replied.put("date", 1738200000L).put("text", "an earlier message");
        m.set("reply_to_message", replied);
        return read(m);
    }

    /** A photo, in a private chat when {@code chat} is positive, with a caption unless it is null. */
    static Message photo(long chat, long user, String caption) {
        ObjectNode m = message(chat > 0 ? FakeBotApi.privateChat(chat) : FakeBotApi.groupChat(chat),
                FakeBotApi.user(user), null);
        m.putArray("photo").addObject().put("file_id", "AgAD").put("file_unique_id", "u1").put("width", 90)
                .put("height", 90);
        if (caption != null) m.put("caption", caption);
        return read(m);
    }

    /** A press of a button under a message in the user's private chat. */
    static CallbackQuery buttonPress(long user, String data) {
        ObjectNode q = FakeBotApi.JSON.createObjectNode().put("id", "cb-" + user);
        q.set("from", FakeBotApi.user(user));
        q.set("message", message(FakeBotApi.privateChat(user), FakeBotApi.user(FakeBotApi.BOT_ID), "an answer"));
        q.put("chat_instance", "ci-" + user).put("data", data);
        try {
            return FakeBotApi.JSON.treeToValue(q, CallbackQuery.class);
        } catch (Exception e) {
            throw new AssertionError("not a Bot API callback query: " + q, e);
        }
    }

    private static ObjectNode message(ObjectNode chat, ObjectNode from, String text) {
        ObjectNode m = FakeBotApi.JSON.createObjectNode().put("message_id", 12);
        m.set("from", from);
        m.set("chat", chat);
        m.put("date", 1738200000L);
        if (text != null) m.put("text", text);
        return m;
    }

    private static Message read(ObjectNode json) {
        try {
            return FakeBotApi.JSON.treeToValue(json, Message.class);
        } catch (Exception e) {
            throw new AssertionError("not a Bot API message: " + json, e);
        }
    }
}
