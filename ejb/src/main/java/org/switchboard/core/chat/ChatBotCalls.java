package org.switchboard.core.chat;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;
import org.switchboard.core.channel.ChannelAdapters;
import org.switchboard.core.channel.ProviderRefusedException;
import org.switchboard.core.common.Callers;
import org.switchboard.model.channel.Channel;
import org.switchboard.model.chat.Chat;
import org.switchboard.model.chat.RoutingOutcome;

/**
 * Passes a finished chat's conversation back to its channel's external bot (FB-05: Messenger's
 * {@code pass_thread_control}), after the completion has committed, on the EJB container's asynchronous threads and
 * outside any transaction, so that the completion never waits for Meta. Throttling, 5xx and I/O failures are tried
 * again with the senders' back-off ({@link ChannelSender#backoff}) up to {@link #ATTEMPTS} times; the outcome, a
 * refusal with Meta's reason included, is logged and written to the chat's routing decisions, where the Chats section
 * shows it.
 */
@Stateless
@PermitAll
public class ChatBotCalls {

    /** Tries of one pass back: about half a minute of back-off in all. */
    static final int ATTEMPTS = 4;
    private static final Logger LOG = Logger.getLogger(ChatBotCalls.class.getName());

    @PersistenceContext
    private EntityManager em;

    @Inject
    private ChannelAdapters adapters;

    @Inject
    private ChatWorks works;

    @Inject
    private ChatRouting routing;

    @Inject
    private OutboundChats outbound;

    @Resource
    private SessionContext context;

    /** What a thread-control call needs: the channel with its settings, and the customer's id there. */
    public record Target(Channel channel, String customer) {
    }

    @Asynchronous
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void passBack(long chatId) {
        ChatBotCalls self = context.getBusinessObject(ChatBotCalls.class);
        Optional<Target> target = self.target(chatId);
        if (target.isEmpty()) {
            return;
        }
        String note = "Switchboard chat " + chatId + " finished";
        for (int attempt = 1; ; attempt++) {
            try {
                adapters.of(target.get().channel().getProvider()).passToBot(target.get().channel(),
                        target.get().customer(), note);
                LOG.fine(() -> "Chat " + chatId + " passed back to the external bot");
                self.note(chatId, "The conversation was passed back to the external bot");
                return;
            } catch (RuntimeException e) {
                boolean refused = e instanceof ProviderRefusedException refusal && refusal.refused();
                if (refused || attempt >= ATTEMPTS) {
                    String reason = "The conversation could not be passed back to the external bot"
                            + (refused ? "" : " after " + attempt + " tries") + ": " + e.getMessage();
                    LOG.warning(() -> "Chat " + chatId + ": " + reason);
                    self.note(chatId, reason);
                    return;
                }
                pause(ChannelSender.backoff(attempt));
            }
        }
    }

    /** The channel and the customer of a chat, read in a transaction of its own; empty when the chat is gone. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public Optional<Target> target(long chatId) {
        Chat chat = em.find(Chat.class, chatId);
        if (chat == null) {
            return Optional.empty();
        }
        Channel channel = em.createNamedQuery(Channel.WITH_PROPERTIES, Channel.class)
                .setParameter("id", chat.getChannel().getId()).getSingleResult();
        String customer = outbound.recipient(chat);
        return customer == null ? Optional.empty() : Optional.of(new Target(channel, customer));
    }

    /** Writes what became of a thread-control call into the chat's routing decisions. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void note(long chatId, String reason) {
        Chat chat = em.find(Chat.class, chatId);
        if (chat != null) {
            routing.note(works.of(Callers.SYSTEM), chat, RoutingOutcome.RELEASED, null, reason);
        }
    }

    private static void pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
