package org.switchboard.core.channel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.switchboard.core.channel.ChannelDeliveries.Delivery;
import org.switchboard.core.channel.ChannelDeliveries.OutboundFile;

/**
 * How one provider sends a reply (TG-*, WA-*): the provider messages it becomes (a long text in pieces, files one by
 * one), how one of them is sent, and the rate limits that apply to it.
 */
public interface ProviderSending {

    /** One provider message of a reply: a text, a file, or a file with the text as its caption. */
    record Part(String text, OutboundFile file) {
    }

    /** A rate limit: at most one send per {@code interval} on {@code key}. */
    record Limit(String key, Duration interval) {
    }

    /** The provider messages of the reply, in order; the same for every attempt, so a retry resumes at its part. */
    List<Part> parts(Delivery delivery);

    /** Sends one part, once. */
    SendOutcome send(Delivery delivery, Part part);

    /** The limits a send of this delivery reserves a slot of; the first is the one a 429 pauses. */
    List<Limit> limits(Delivery delivery);

    /** Splits a text into pieces of at most {@code max} characters, at a line break or space where there is one. */
    static List<String> pieces(String text, int max) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<String> pieces = new ArrayList<>();
        String rest = text;
        while (rest.length() > max) {
            int cut = rest.lastIndexOf('\n', max);
            if (cut < max / 2) {
                cut = rest.lastIndexOf(' ', max);
            }
            if (cut < max / 2) {
                // A hard cut between the halves of a surrogate pair would send two broken characters ("?").
                cut = max > 1 && Character.isHighSurrogate(rest.charAt(max - 1))
                        && Character.isLowSurrogate(rest.charAt(max)) ? max - 1 : max;
            }
            pieces.add(rest.substring(0, cut));
            rest = rest.substring(cut).stripLeading();
        }
        if (!rest.isEmpty()) {
            pieces.add(rest);
        }
        return pieces;
    }
}
