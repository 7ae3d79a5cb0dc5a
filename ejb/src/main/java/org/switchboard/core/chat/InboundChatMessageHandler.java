package org.switchboard.core.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import org.switchboard.core.channel.InboundChatMessage;
import org.switchboard.core.inbound.InboundBatch;
import org.switchboard.core.inbound.InboundHandler;
import org.switchboard.core.inbound.Submitter;

/**
 * Takes {@code InboundChatMessage}s (X-03, {@code docs/jms.md}): from a messenger's webhook, a JMS producer, or a
 * REST caller holding {@code CanManageChats}; each is stored once by the provider's message id, in its chat
 * ({@link ChatIntake#receive}).
 */
@ApplicationScoped
public class InboundChatMessageHandler implements InboundHandler<InboundChatMessage> {

    @Inject
    private ChatIntake intake;

    @Inject
    private ChatSubmitters submitters;

    @Override
    public String type() {
        return InboundChatMessage.TYPE;
    }

    @Override
    public InboundChatMessage parse(int version, String body) {
        return InboundChatMessage.parse(body);
    }

    @Override
    public String key(InboundChatMessage message) {
        return message.messageId();
    }

    @Override
    public void authorize(InboundChatMessage message, Submitter submitter) {
        submitters.authorize(submitter);
    }

    @Override
    public void prepare(InboundBatch batch, List<InboundChatMessage> messages) {
        intake.prefetch(intake.work(batch), messages);
    }

    @Override
    public void handle(InboundBatch batch, InboundChatMessage message, Submitter submitter) {
        intake.receive(intake.work(batch).actingAs(submitter.actor()), message);
    }
}
