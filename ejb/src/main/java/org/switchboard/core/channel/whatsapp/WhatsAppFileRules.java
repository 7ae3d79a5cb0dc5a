package org.switchboard.core.channel.whatsapp;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * WA-03: the files WhatsApp takes, checked before anything is sent: images jpg, jpeg, png; audio mp3, ogg, amr;
 * documents pdf; video mp4; at most 16 MB. Also names a downloaded file's extension after its content type.
 */
public final class WhatsAppFileRules {

    /** WA-03: the largest file, sent or received. */
    public static final long MAX_BYTES = 16 * 1024 * 1024;

    private static final Set<String> ALLOWED = Set.of("jpg", "jpeg", "png", "mp3", "ogg", "amr", "pdf", "mp4");

    private static final String ALLOWED_TEXT =
            "images (jpg, jpeg, png), audio (mp3, ogg, amr), documents (pdf) and video (mp4)";

    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("image/jpeg", "jpg"), Map.entry("image/png", "png"), Map.entry("image/gif", "gif"),
            Map.entry("image/webp", "webp"), Map.entry("audio/mpeg", "mp3"), Map.entry("audio/ogg", "ogg"),
            Map.entry("audio/amr", "amr"), Map.entry("audio/aac", "aac"), Map.entry("audio/mp4", "m4a"),
            Map.entry("application/pdf", "pdf"), Map.entry("video/mp4", "mp4"), Map.entry("video/3gpp", "3gp"),
            Map.entry("text/vcard", "vcf"), Map.entry("text/plain", "txt"));

    private WhatsAppFileRules() {
    }

    /**
     * Null when WhatsApp takes the file, else a message naming the allowed types or the size limit. The file name's
     * extension decides (case-insensitive); a name without one falls back to the content type.
     */
    public static String problem(String fileName, String contentType, long size) {
        String name = fileName == null || fileName.isBlank() ? "The file" : "\"" + fileName + "\"";
        String extension = extensionOf(fileName);
        if (extension == null) {
            extension = extensionFor(contentType);
        }
        if (extension == null || !ALLOWED.contains(extension)) {
            return name + " cannot be sent by WhatsApp: only " + ALLOWED_TEXT + " are allowed.";
        }
        if (size > MAX_BYTES) {
            return String.format(Locale.ROOT, "%s is %.1f MB; WhatsApp takes files of at most 16 MB.", name,
                    size / (1024.0 * 1024.0));
        }
        return null;
    }

    /** The usual extension for a MIME type (parameters ignored), or null when unknown. */
    static String extensionFor(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return EXTENSIONS.get(type.toLowerCase(Locale.ROOT));
    }

    private static String extensionOf(String fileName) {
        int dot = fileName == null ? -1 : fileName.lastIndexOf('.');
        return dot < 0 || dot == fileName.length() - 1 ? null : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
