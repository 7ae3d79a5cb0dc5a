package org.switchboard.core.channel;

import java.util.Locale;
import java.util.Map;

/** A file downloaded from a messenger (a customer's photo, document, voice or video). */
public record ChannelFile(String fileName, String contentType, byte[] content) {

    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("image/jpeg", "jpg"), Map.entry("image/png", "png"), Map.entry("image/gif", "gif"),
            Map.entry("image/webp", "webp"), Map.entry("audio/mpeg", "mp3"), Map.entry("audio/ogg", "ogg"),
            Map.entry("audio/amr", "amr"), Map.entry("audio/aac", "aac"), Map.entry("audio/mp4", "m4a"),
            Map.entry("application/pdf", "pdf"), Map.entry("video/mp4", "mp4"), Map.entry("video/3gpp", "3gp"),
            Map.entry("text/vcard", "vcf"), Map.entry("text/plain", "txt"));

    /** The usual extension (without the dot) for a MIME type, parameters ignored; null when unknown. */
    public static String extensionFor(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return EXTENSIONS.get(type.toLowerCase(Locale.ROOT));
    }

    /** {@link #extensionFor} with its dot, or "" when unknown: the end of a file name made up for a file. */
    public static String suffixFor(String contentType) {
        String extension = extensionFor(contentType);
        return extension == null ? "" : "." + extension;
    }
}
