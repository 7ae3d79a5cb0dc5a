package org.switchboard.core.channel.whatsapp;

import java.util.Locale;
import java.util.Set;
import org.switchboard.core.channel.ChannelFile;

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
            extension = ChannelFile.extensionFor(contentType);
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

    private static String extensionOf(String fileName) {
        int dot = fileName == null ? -1 : fileName.lastIndexOf('.');
        return dot < 0 || dot == fileName.length() - 1 ? null : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
