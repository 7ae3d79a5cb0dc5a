package org.switchboard.core.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.switchboard.core.channel.DeliveryReceipt;
import org.switchboard.core.inbound.InboundBatch;
import org.switchboard.core.inbound.InboundHandler;
import org.switchboard.core.inbound.Submitter;

/**
 * Takes {@code DeliveryReceipt}s (X-03, CH-12): a messenger's status callback, or a Custom channel's integration
 * over JMS or over REST (holding {@code CanManageChats}), reporting what became of Switchboard's outbound message.
 */
@ApplicationScoped
public class DeliveryReceiptHandler implements InboundHandler<DeliveryReceipt> {

    @Inject
    private ChatIntake intake;

    @Inject
    private OutboundChats outbound;

    @Inject
    private ChatSubmitters submitters;

    @Override
    public String type() {
        return DeliveryReceipt.TYPE;
    }

    @Override
    public DeliveryReceipt parse(int version, String body) {
        return DeliveryReceipt.parse(body);
    }

    @Override
    public String key(DeliveryReceipt receipt) {
        return receipt.key();
    }

    @Override
    public void authorize(DeliveryReceipt receipt, Submitter submitter) {
        submitters.authorize(submitter);
    }

    @Override
    public void handle(InboundBatch batch, DeliveryReceipt receipt, Submitter submitter) {
        outbound.applyReceipt(intake.work(batch).actingAs(submitter.actor()), receipt);
    }
}
