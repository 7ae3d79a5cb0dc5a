package org.switchboard.core.events;

import java.util.List;
import java.util.stream.Stream;

/**
 * The names of every domain event Switchboard publishes on the events topic, as sent in {@code JMSType}: one
 * list that the event classes take their names from, the panel's message selector is built of and the designer's Event
 * log offers as filters. Each is documented in {@code docs/jms.md}; a unit test holds the three together.
 */
public final class EventTypes {

    public static final String SETTING_CHANGED = "SettingChanged";
    public static final String USER_CHANGED = "UserChanged";
    public static final String ROLE_CHANGED = "RoleChanged";
    public static final String OPERATION_GRANT_CHANGED = "OperationGrantChanged";
    public static final String CHAT_SETTINGS_CHANGED = "ChatSettingsChanged";
    public static final String MAIL_PROVIDER_CHANGED = "MailProviderChanged";
    public static final String CHANNEL_FLAGGED = "ChannelFlagged";

    public static final String CHAT_CREATED = "ChatCreated";
    public static final String CHAT_QUEUED = "ChatQueued";
    public static final String CHAT_OFFERED = "ChatOffered";
    public static final String CHAT_ASSIGNED = "ChatAssigned";
    public static final String CHAT_ACCEPTED = "ChatAccepted";
    public static final String CHAT_REASSIGNED = "ChatReassigned";
    public static final String CHAT_MESSAGE_RECEIVED = "ChatMessageReceived";
    public static final String CHAT_MESSAGE_SENT = "ChatMessageSent";
    public static final String CHAT_MESSAGE_STATUS_CHANGED = "ChatMessageStatusChanged";
    public static final String CHAT_COMPLETED = "ChatCompleted";
    public static final String CHAT_ACTION_RUN = "ChatActionRun";
    public static final String OPERATOR_STATUS_CHANGED = "OperatorStatusChanged";

    public static final String EMAIL_RECEIVED = "EmailReceived";
    public static final String EMAIL_SENT = "EmailSent";
    public static final String EMAIL_SEND_FAILED = "EmailSendFailed";
    public static final String MAILBOX_SIGN_IN_NEEDED = "MailboxSignInNeeded";

    public static final String CONTACT_CHANGED = "ContactChanged";
    public static final String ACTIVITY_CHANGED = "ActivityChanged";

    /** The events of a chat, in the order of its life (CH-03..CH-07, CH-12). */
    public static final List<String> CHAT = List.of(CHAT_CREATED, CHAT_QUEUED, CHAT_OFFERED, CHAT_ASSIGNED,
            CHAT_ACCEPTED, CHAT_REASSIGNED, CHAT_MESSAGE_RECEIVED, CHAT_MESSAGE_SENT, CHAT_MESSAGE_STATUS_CHANGED,
            CHAT_COMPLETED, CHAT_ACTION_RUN);

    /** Every event type, administration first, in the order {@code docs/jms.md} documents them. */
    public static final List<String> ALL = Stream.of(List.of(SETTING_CHANGED, USER_CHANGED, ROLE_CHANGED,
            OPERATION_GRANT_CHANGED, CHAT_SETTINGS_CHANGED, MAIL_PROVIDER_CHANGED, CHANNEL_FLAGGED), CHAT,
            List.of(OPERATOR_STATUS_CHANGED, EMAIL_RECEIVED, EMAIL_SENT, EMAIL_SEND_FAILED, MAILBOX_SIGN_IN_NEEDED,
            CONTACT_CHANGED, ACTIVITY_CHANGED))
            .flatMap(List::stream).toList();

    private EventTypes() {
    }
}
