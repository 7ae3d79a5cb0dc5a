package org.switchboard.core.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import org.switchboard.core.channel.ChannelAdapters;
import org.switchboard.core.channel.ChannelFilePrefetch;
import org.switchboard.core.channel.ChannelIntegrations;
import org.switchboard.core.channel.InboundChatMessage;
import org.switchboard.core.common.Callers;
import org.switchboard.core.common.InLists;
import org.switchboard.core.common.Jsons;
import org.switchboard.core.events.EventOutbox;
import org.switchboard.core.inbound.InboundBatch;
import org.switchboard.core.inbound.InboundRejectedException;
import org.switchboard.model.channel.Channel;
import org.switchboard.model.chat.Chat;
import org.switchboard.model.chat.ChatAttachment;
import org.switchboard.model.chat.ChatCompletion;
import org.switchboard.model.chat.ChatMessage;
import org.switchboard.model.chat.ChatStatus;
import org.switchboard.model.crm.Contact;
import org.switchboard.model.crm.ContactIdentity;

/**
 * A customer's message arriving (X-03, CH-05), in the inbound processor's transaction: a repeated provider message id
 * does nothing; otherwise the contact is found or created, the open chat found or a new one opened and handed to
 * {@link ChatRouting} (or kept as a bot dialog, FB-05), the message and its files stored and {@code ChatMessageReceived} journaled. A batch reads at
 * once what its messages would read one by one, and trusts what this node's {@link ChatDirectory} remembers; what the
 * batch learnt is remembered once it has committed.
 */
@ApplicationScoped
public class ChatIntake {

    private static final Logger LOG = Logger.getLogger(ChatIntake.class.getName());
    /** At most this many values in one IN list of a batch's look-ups. */
    private static final int PREFETCH_CHUNK = 500;
    /** At most this many waiting chats routed when a client's message completes a timed-out chat. */
    private static final int DISTRIBUTE_LIMIT = 50;

    @PersistenceContext
    private EntityManager em;

    @Inject
    private ChatWorks works;

    @Inject
    private ChatRouting routing;

    @Inject
    private ChatLifecycle lifecycle;

    @Inject
    private EventOutbox outbox;

    @Inject
    private ChatDirectory directory;

    @Inject
    private ChannelAdapters adapters;

    @Inject
    private ChannelFilePrefetch filePrefetch;

    @Inject
    private SenderNames senderNames;

    @Inject
    private ChatBots bots;

    /**
     * The work of an inbound batch, shared by its chat items: it trusts this node's directory when the batch has
     * several items, and tells the directory what it learnt once the batch has committed.
     */
    public ChatWork work(InboundBatch batch) {
        return batch.shared(ChatWork.class, () -> {
            ChatWork work = works.of(Callers.SYSTEM);
            if (batch.isBatch()) {
                work.inBatch();
            }
            batch.afterCommit(() -> committed(work));
            return work;
        });
    }

    /**
     * Reads at once what {@link #receive} would otherwise read message by message, for a batch: the open chats
     * this node remembers for the messages' senders, in one query by primary key instead of one look-up per message.
     * One message at a time ({@link ChatWork#inBatch()} not called) reads nothing ahead. (Which messages are stored
     * already is still asked message by message: an IN list on the second column of the unique key made H2 scan all
     * of the channel's messages.)
     */
    public void prefetch(ChatWork work, List<InboundChatMessage> messages) {
        if (work.checkRepeats || messages.isEmpty()) {
            return;
        }
        Set<Long> hintedChats = new HashSet<>();
        for (InboundChatMessage message : messages) {
            ChatDirectory.KnownSender sender = directory.sender(message.channelId(), message.senderId());
            Long chatId = sender == null ? null : directory.openChat(sender.contactId());
            if (chatId != null) {
                hintedChats.add(chatId);
            }
        }
        List<Long> chatIds = new ArrayList<>(hintedChats);
        for (int from = 0; from < chatIds.size(); from += PREFETCH_CHUNK) {
            // Loaded into the persistence context, where openChat's em.find takes them from.
            em.createNamedQuery(Chat.BY_IDS, Chat.class)
                    .setParameter("ids", InLists.padded(chatIds.subList(from,
                            Math.min(chatIds.size(), from + PREFETCH_CHUNK))))
                    .getResultList();
        }
    }

    /**
     * Stores an inbound message: a repeated provider message id does nothing; otherwise the contact is found
     * or created, the open chat found or a new one opened and routed (CH-05: after completion a new chat), the
     * message stored and {@code ChatMessageReceived} journaled.
     *
     * @return the stored message, or {@code null} for a repeat
     */
    public ChatMessage receive(ChatWork work, InboundChatMessage inbound) {
        Channel channel = work.channel(inbound.channelId());
        if (channel == null) {
            throw new InboundRejectedException("CHANNEL_UNKNOWN", "Channel " + inbound.channelId()
                    + " does not exist");
        }
        if (!channel.isActive()) {
            throw new InboundRejectedException("CHANNEL_INACTIVE", "Channel " + inbound.channelId() + " ("
                    + channel.getName() + ") is not active: activate it, then replay this message (CH-14)");
        }
        String key = messageKey(channel.getId(), inbound.messageId());
        if (!work.seenMessages.add(key) || isStored(channel.getId(), inbound.messageId())) {
            LOG.fine(() -> "Repeated message " + inbound.messageId() + " of channel " + channel.getId());
            return null;
        }
        ChatDirectory.KnownSender sender = sender(work, channel, inbound);
        Chat chat = openChat(work, channel, sender.contactId());
        if (chat != null && chat.getStatus() == ChatStatus.ACTIVE && chat.getCompletionDueAt() != null
                && !chat.getCompletionDueAt().isAfter(work.now)) {
            // CH-05: the timeout passed before the timer's tick; the client's new message opens a new chat.
            lifecycle.complete(work, chat, ChatCompletion.TIMEOUT);
            // CH-08: as when the timer completes it, the freed place goes to the chats waiting longest; the new chat
            // is routed after them instead of taking the place ahead of them.
            routing.distributeWaiting(work, DISTRIBUTE_LIMIT);
            chat = null;
        }
        // FB-05: only a channel with an external bot keeps bot dialogs; on any other the message is routed as usual.
        boolean forBot = inbound.botDialog() && ChannelIntegrations.botAppId(channel).isPresent();
        if (chat == null) {
            chat = new Chat(channel, em.find(Contact.class, sender.contactId()), channel.getQueue(), work.now);
            if (forBot) {
                // FB-05: the channel's external bot answers; no operator is offered the chat.
                chat.setStatus(ChatStatus.BOT);
            }
            em.persist(chat);
            outbox.record(work.event(ChatEvent.CREATED, chat, work.audience(chat),
                    Jsons.object().add("contactName", sender.contactName())), work.actor());
            if (!forBot) {
                routing.route(work, chat);
            }
        } else if (chat.getStatus() == ChatStatus.BOT && !forBot) {
            // FB-05: a message outside the bot's hold: Switchboard holds the conversation (its handover may follow).
            bots.route(work, chat, "The customer wrote while Switchboard holds the conversation");
        }
        work.openChats.put(sender.contactId(), chat);
        ChatMessage message = ChatMessage.inbound(chat, inbound.messageId(), inbound.text(), inbound.sentAt(),
                work.now);
        message.setAttachmentCount(inbound.attachments().size());
        em.persist(message);
        boolean fetchAtOnce = adapters.of(channel.getProvider()).fetchesFilesAtOnce();
        for (InboundChatMessage.Attachment file : inbound.attachments()) {
            ChatAttachment attachment = new ChatAttachment(message, file.fileName(), file.contentType(),
                    file.content(), file.url());
            em.persist(attachment);
            if (fetchAtOnce && file.content() == null) {
                work.filesToFetch.add(attachment.getId());
            }
        }
        outbox.record(work.event(ChatEvent.MESSAGE_RECEIVED, chat, work.audience(chat),
                ChatEvent.message(message)), work.actor());
        return message;
    }

    /**
     * Whether the channel has stored the message already. Looked for explicitly rather than left to the unique key:
     * a batch that fails at commit is retried message by message, and on Payara with H2's XA data source a
     * rolled-back commit was seen to leave part of its writes.
     */
    private boolean isStored(long channelId, String providerMessageId) {
        return !em.createNamedQuery(ChatMessage.BY_PROVIDER_ID, ChatMessage.class)
                .setParameter("channelId", channelId).setParameter("providerMessageId", providerMessageId)
                .getResultList().isEmpty();
    }

    private static String messageKey(long channelId, String providerMessageId) {
        return channelId + "\u0000" + providerMessageId;
    }

    /** Remembers what the work's transaction learnt about senders and open chats, once it has committed. */
    public void committed(ChatWork work) {
        if (!work.filesToFetch.isEmpty()) {
            filePrefetch.fetch(List.copyOf(work.filesToFetch));
        }
        if (!work.identitiesToName.isEmpty()) {
            senderNames.resolve(List.copyOf(work.identitiesToName));
        }
        work.senders.forEach((key, sender) -> directory.rememberSender(key.channelId(), key.senderId(), sender));
        work.openChats.forEach((contactId, chat) -> {
            if (chat.getId() != null && chat.getStatus() != ChatStatus.COMPLETED) {
                directory.rememberOpenChat(contactId, chat.getId());
            }
        });
    }

    /** The contact's open chat on the channel: this batch's, the remembered one if still open, or the database's. */
    private Chat openChat(ChatWork work, Channel channel, long contactId) {
        Chat chat = work.openChats.get(contactId);
        if (chat != null && chat.getStatus() != ChatStatus.COMPLETED) {
            return chat;
        }
        if (chat == null && work.newContacts.contains(contactId)) {
            return null;
        }
        Long hint = work.checkRepeats ? null : directory.openChat(contactId);
        if (hint != null) {
            Chat known = em.find(Chat.class, hint);
            if (known != null && known.getStatus() != ChatStatus.COMPLETED
                    && known.getChannelId().equals(channel.getId())) {
                return known;
            }
        }
        List<Chat> open = em.createNamedQuery(Chat.OPEN_OF_CONTACT, Chat.class).setParameter("contactId", contactId)
                .setParameter("channelId", channel.getId()).setParameter("completed", ChatStatus.COMPLETED)
                .getResultList();
        return open.isEmpty() ? null : open.get(0);
    }

    /** Who wrote: known to this node, or found by their identity on the channel, or a new contact. */
    private ChatDirectory.KnownSender sender(ChatWork work, Channel channel, InboundChatMessage inbound) {
        ChatWork.SenderKey key = new ChatWork.SenderKey(channel.getId(), inbound.senderId());
        ChatDirectory.KnownSender known = work.senders.get(key);
        if (known == null && !work.checkRepeats) {
            known = directory.sender(channel.getId(), inbound.senderId());
        }
        if (known != null && (inbound.senderName() == null || inbound.senderName().equals(known.displayName()))) {
            work.senders.put(key, known);
            return known;
        }
        ContactIdentity identity = work.createdIdentities.containsKey(key) ? work.createdIdentities.get(key)
                : em.createNamedQuery(ContactIdentity.BY_EXTERNAL_ID, ContactIdentity.class)
                        .setParameter("channelId", channel.getId()).setParameter("externalId", inbound.senderId())
                        .getResultList().stream().findFirst().orElse(null);
        if (identity == null) {
            String name = inbound.senderName() == null || inbound.senderName().isBlank()
                    ? inbound.senderId() : inbound.senderName().strip();
            Contact contact = new Contact(ChatTexts.truncate(name, Contact.NAME_MAX), work.now);
            em.persist(contact);
            identity = new ContactIdentity(contact, channel, inbound.senderId(), inbound.senderName());
            em.persist(identity);
            if (inbound.senderName() == null && adapters.of(channel.getProvider()).namesSenders()) {
                work.identitiesToName.add(identity.getId());
            }
            work.createdIdentities.put(key, identity);
            work.newContacts.add(contact.getId());
        } else if (inbound.senderName() != null && !inbound.senderName().equals(identity.getDisplayName())) {
            identity.setDisplayName(inbound.senderName());
        }
        Contact contact = identity.getContact();
        known = new ChatDirectory.KnownSender(contact.getId(), contact.getName(), identity.getDisplayName());
        work.senders.put(key, known);
        return known;
    }
}
