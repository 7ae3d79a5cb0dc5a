package org.switchboard.core.channel.custom;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.JMSContext;
import jakarta.jms.Topic;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.switchboard.core.channel.ChannelAdapter;
import org.switchboard.core.channel.ChannelDelivery;
import org.switchboard.core.channel.ChannelDraft;
import org.switchboard.core.channel.ChannelFile;
import org.switchboard.core.channel.SendOutcome;
import org.switchboard.core.common.Jsons;
import org.switchboard.core.events.JmsNames;
import org.switchboard.model.channel.Channel;
import org.switchboard.model.channel.ChannelProvider;

/**
 * Custom (JMS) channels (CH-10, X-03): any messenger another system integrates over JMS. Its messages arrive on the
 * inbound queue; each operator's reply leaves as one {@code OutboundMessage} ({@code docs/jms.md}) on the outbound
 * topic, sent in the transaction that marks it sent, so the hand-over happens exactly once; the integration answers
 * with {@code DeliveryReceipt}s. There is nothing to register at a provider and no setting of its own.
 */
@ApplicationScoped
public class CustomAdapter implements ChannelAdapter {

    /** The {@code JMSType} of a reply on the outbound topic. */
    public static final String OUTBOUND_TYPE = "OutboundMessage";

    @Inject
    private JMSContext jms;

    @Resource(lookup = JmsNames.OUTBOUND_TOPIC)
    private Topic outboundTopic;

    @Inject
    private CustomFileFetcher files;

    @Override
    public ChannelProvider provider() {
        return ChannelProvider.CUSTOM;
    }

    /** Last in the "+" menu: the messengers Switchboard talks to itself come first. */
    @Override
    public int menuOrder() {
        return 1000;
    }

    @Override
    public void saving(Channel channel, boolean created, boolean wasActive, ChannelDraft draft,
            String requestBaseUrl) {
        // Nothing to check or register: the integration connects to the broker on its own.
    }

    @Override
    public Map<String, String> visible(Channel channel) {
        return Map.of();
    }

    @Override
    public Set<String> secretSettings() {
        return Set.of();
    }

    @Override
    public Dispatch dispatch() {
        return Dispatch.IN_TRANSACTION;
    }

    /** The whole reply is one message: the integration splits it as its messenger needs. */
    @Override
    public List<Part> parts(ChannelDelivery delivery) {
        return List.of(new Part(delivery.text(), null));
    }

    /** Puts the reply on the outbound topic in the caller's transaction. */
    @Override
    public SendOutcome send(ChannelDelivery delivery, Part part) {
        jms.createProducer()
                .setJMSType(OUTBOUND_TYPE)
                .setProperty(JmsNames.VERSION_PROPERTY, 1)
                .setProperty("channelId", delivery.channelId())
                .send(outboundTopic, body(delivery));
        return new SendOutcome.Sent(null);
    }

    /** The documented {@code OutboundMessage} body ({@code docs/jms.md}). */
    static String body(ChannelDelivery delivery) {
        JsonArrayBuilder files = Jsons.array();
        for (ChannelDelivery.OutboundFile file : delivery.files()) {
            JsonObjectBuilder item = Jsons.object().add("fileName", file.fileName())
                    .add("contentType", file.contentType());
            if (file.content() != null) {
                item.add("content", Base64.getEncoder().encodeToString(file.content()));
            } else {
                item.add("url", file.url());
            }
            files.add(item);
        }
        JsonObjectBuilder body = Jsons.object()
                .add("messageId", delivery.messageId())
                .add("chatId", delivery.chatId())
                .add("channelId", delivery.channelId());
        nullable(body, "recipientId", delivery.recipient());
        nullable(body, "operatorLogin", delivery.operatorLogin());
        nullable(body, "text", delivery.text());
        return body.add("attachments", files)
                .add("createdAt", delivery.createdAt().withOffsetSameInstant(ZoneOffset.UTC).toString())
                .build().toString();
    }

    private static void nullable(JsonObjectBuilder builder, String name, String value) {
        if (value == null) {
            builder.addNull(name);
        } else {
            builder.add(name, value);
        }
    }

    /**
     * A customer's file that the integration gave by URL, fetched by Switchboard when first opened and kept, so that
     * the operator's browser is never sent to the integration's address (issue 18).
     */
    @Override
    public Optional<ChannelFile> fetchFile(Channel channel, String source, String fileName, String contentType) {
        return files.fetch(source, fileName, contentType);
    }
}
