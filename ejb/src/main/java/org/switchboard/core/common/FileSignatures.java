package org.switchboard.core.common;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Whether a file's bytes are what its content type claims, by the signature its format starts with (issue 18). A
 * file served inline under a type someone else chose — a reply's file that Twilio fetches, the new-chat sound the
 * panel plays — is served under that type only when its content agrees; otherwise as bytes. An upload that claims
 * a format its content is not is refused.
 */
public final class FileSignatures {

    private static final Map<String, Predicate<byte[]>> SIGNATURES = Map.ofEntries(
            Map.entry("image/jpeg", b -> starts(b, 0, 0xFF, 0xD8, 0xFF)),
            Map.entry("image/png", b -> starts(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)),
            Map.entry("image/gif", b -> ascii(b, 0, "GIF87a") || ascii(b, 0, "GIF89a")),
            Map.entry("image/webp", b -> ascii(b, 0, "RIFF") && ascii(b, 8, "WEBP")),
            Map.entry("application/pdf", b -> ascii(b, 0, "%PDF-")),
            Map.entry("audio/mpeg", b -> ascii(b, 0, "ID3") || b.length > 1 && (b[0] & 0xFF) == 0xFF
                    && (b[1] & 0xE0) == 0xE0),
            Map.entry("audio/ogg", b -> ascii(b, 0, "OggS")),
            Map.entry("audio/amr", b -> ascii(b, 0, "#!AMR")),
            Map.entry("audio/wav", FileSignatures::wave),
            Map.entry("audio/x-wav", FileSignatures::wave),
            Map.entry("audio/wave", FileSignatures::wave),
            Map.entry("video/mp4", b -> ascii(b, 4, "ftyp")));

    private FileSignatures() {
    }

    /** Whether the type is one whose signature is known here. */
    public static boolean known(String contentType) {
        return SIGNATURES.containsKey(base(contentType));
    }

    /** Whether the content starts as the (known) type's format does; false for a type not known here. */
    public static boolean matches(String contentType, byte[] content) {
        Predicate<byte[]> signature = SIGNATURES.get(base(contentType));
        return signature != null && content != null && signature.test(content);
    }

    /**
     * The type to serve a file inline under: the claimed one when it is known and the content agrees, otherwise
     * {@code application/octet-stream}, which no browser renders.
     */
    public static String servedType(String claimed, byte[] content) {
        return matches(claimed, content) ? base(claimed) : "application/octet-stream";
    }

    private static String base(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    private static boolean wave(byte[] content) {
        return ascii(content, 0, "RIFF") && ascii(content, 8, "WAVE");
    }

    private static boolean ascii(byte[] content, int at, String text) {
        byte[] expected = text.getBytes(StandardCharsets.US_ASCII);
        if (content.length < at + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (content[at + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean starts(byte[] content, int at, int... expected) {
        if (content.length < at + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((content[at + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
