package org.switchboard.core.channel;

import java.util.ArrayList;
import java.util.List;
import org.switchboard.core.channel.ChannelAdapter.Part;

/**
 * How a messenger's reply becomes provider messages (CH-12, TG-*, WA-*): a long text in pieces of the messenger's
 * size, cut at a line break or space where there is one, then the files one by one; a single file carries a short
 * text as its caption.
 */
public final class ReplyParts {

    private ReplyParts() {
    }

    /** The parts of the reply for a messenger taking texts of {@code textMax} and captions of {@code captionMax}. */
    public static List<Part> of(ChannelDelivery delivery, int textMax, int captionMax) {
        String text = delivery.text();
        List<ChannelDelivery.OutboundFile> files = delivery.files();
        if (files.size() == 1 && text != null && text.length() <= captionMax) {
            return List.of(new Part(text, files.get(0)));
        }
        List<Part> parts = new ArrayList<>();
        for (String piece : pieces(text, textMax)) {
            parts.add(new Part(piece, null));
        }
        for (ChannelDelivery.OutboundFile file : files) {
            parts.add(new Part(null, file));
        }
        return parts;
    }

    /** Splits a text into pieces of at most {@code max} characters, at a line break or space where there is one. */
    public static List<String> pieces(String text, int max) {
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
