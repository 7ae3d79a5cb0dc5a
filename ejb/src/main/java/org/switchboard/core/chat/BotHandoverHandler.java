package org.switchboard.core.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.switchboard.core.channel.BotHandover;
import org.switchboard.core.inbound.InboundBatch;
import org.switchboard.core.inbound.InboundHandler;
import org.switchboard.core.inbound.Submitter;

/**
 * Takes {@code BotHandover}s (FB-05, X-03): a messenger's webhook reporting that the channel's external bot handed a
 * customer's conversation to Switchboard, whose open bot dialog is then routed ({@link ChatBots#handedOver}).
 */
@ApplicationScoped
public class BotHandoverHandler implements InboundHandler<BotHandover> {

    @Inject
    private ChatIntake intake;

    @Inject
    private ChatBots bots;

    @Inject
    private ChatSubmitters submitters;

    @Override
    public String type() {
        return BotHandover.TYPE;
    }

    @Override
    public BotHandover parse(int version, String body) {
        return BotHandover.parse(body);
    }

    @Override
    public String key(BotHandover handover) {
        return handover.idempotencyKey();
    }

    @Override
    public void authorize(BotHandover handover, Submitter submitter) {
        submitters.authorize(submitter);
    }

    @Override
    public void handle(InboundBatch batch, BotHandover handover, Submitter submitter) {
        bots.handedOver(intake.work(batch).actingAs(submitter.actor()), handover);
    }
}
