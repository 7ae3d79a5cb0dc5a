package org.switchboard.core.chat;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import java.util.logging.Logger;
import org.switchboard.core.channel.BotHandover;
import org.switchboard.core.channel.ChannelIntegrations;
import org.switchboard.core.common.RuleViolationException;
import org.switchboard.core.common.TransactionEnd;
import org.switchboard.core.events.EventOutbox;
import org.switchboard.core.inbound.InboundRejectedException;
import org.switchboard.model.channel.Channel;
import org.switchboard.model.chat.Chat;
import org.switchboard.model.chat.ChatStatus;
import org.switchboard.model.chat.OperatorState;
import org.switchboard.model.chat.RoutingOutcome;
import org.switchboard.model.crm.ContactIdentity;
import org.switchboard.model.security.User;

/**
 * Bot dialogs (FB-05): the chats of a channel whose external bot answers first. A bot dialog has no operator, is not
 * routed and counts in nobody's load; it becomes a chat routed by the channel's queue when the bot hands the
 * conversation over (or the customer writes outside the bot's hold), or an operator's chat when they take it from the
 * bot. A chat finished on such a channel passes the conversation back to the bot once committed
 * ({@link ChatBotCalls}). In the caller's transaction.
 */
@ApplicationScoped
public class ChatBots {

    private static final Logger LOG = Logger.getLogger(ChatBots.class.getName());

    @PersistenceContext
    private EntityManager em;

    @Inject
    private ChatRouting routing;

    @Inject
    private EventOutbox outbox;

    @Inject
    private ChatBotCalls calls;

    @Resource
    private TransactionSynchronizationRegistry transactions;

    /**
     * The bot handed the customer's conversation to Switchboard: their open bot dialog is routed by the channel's
     * queue. Without one nothing is done: the customer's next message opens a routed chat as usual.
     */
    public void handedOver(ChatWork work, BotHandover handover) {
        Channel channel = work.channel(handover.channelId());
        if (channel == null) {
            throw new InboundRejectedException("CHANNEL_UNKNOWN", "Channel " + handover.channelId()
                    + " does not exist");
        }
        List<ContactIdentity> identities = em.createNamedQuery(ContactIdentity.BY_EXTERNAL_ID, ContactIdentity.class)
                .setParameter("channelId", channel.getId()).setParameter("externalId", handover.customer())
                .getResultList();
        if (identities.isEmpty()) {
            LOG.fine(() -> "Handover on channel " + channel.getId() + " for a customer without a chat");
            return;
        }
        em.createNamedQuery(Chat.OPEN_OF_CONTACT, Chat.class)
                .setParameter("contactId", identities.get(0).getContact().getId())
                .setParameter("channelId", channel.getId()).setParameter("completed", ChatStatus.COMPLETED)
                .getResultStream().filter(chat -> chat.getStatus() == ChatStatus.BOT).findFirst()
                .ifPresent(chat -> route(work, chat, "The external bot handed the conversation over"));
    }

    /** The bot dialog becomes a chat of the channel's queue, routed as a new one (CH-03, CH-04). */
    void route(ChatWork work, Chat chat, String reason) {
        chat.setQueue(chat.getChannel().getQueue());
        chat.setStatus(ChatStatus.QUEUED);
        chat.setRoutedAt(null);
        routing.note(work, chat, RoutingOutcome.RELEASED, null, reason);
        routing.route(work, chat);
    }

    /**
     * An operator took the bot dialog (Messenger already gave Switchboard the conversation): it is theirs and in work,
     * as if they had accepted it, and counts in their load (CH-08).
     */
    void taken(ChatWork work, Chat chat, User user) {
        if (chat.getStatus() != ChatStatus.BOT) {
            throw new RuleViolationException("error.chat.notBotDialog", null, chat.getId());
        }
        OperatorState state = routing.stateForUpdate(work, user.getId());
        state.setActiveChats(state.getActiveChats() + 1);
        state.setLastAssignedAt(work.now);
        chat.setQueue(chat.getChannel().getQueue());
        chat.setStatus(ChatStatus.ACTIVE);
        chat.setOperator(user);
        chat.setRoutedAt(work.now);
        chat.setAssignedAt(work.now);
        chat.setAcceptedAt(work.now);
        routing.note(work, chat, RoutingOutcome.ACCEPTED, user, user.getLogin()
                + " took the conversation from the external bot");
        outbox.record(work.event(ChatEvent.ACCEPTED, chat, work.queueAudience(chat), ChatEvent.none()),
                work.actor());
    }

    /** A chat finished on a channel with a bot: the conversation goes back to the bot once this has committed. */
    void finished(Chat chat, ChatStatus before) {
        if (before != ChatStatus.BOT && ChannelIntegrations.botAppId(chat.getChannel()).isPresent()) {
            long chatId = chat.getId();
            TransactionEnd.afterCommit(transactions, () -> calls.passBack(chatId));
        }
    }
}
