package org.switchboard.core.channel;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A {@code multipart/form-data} body (RFC 7578) for the messengers' uploads: text fields and one or more files, with a
 * random boundary. A file name is kept as given but for the characters that would break its header.
 */
public final class MultipartBody {

    private final String boundary = "sb" + UUID.randomUUID().toString().replace("-", "");
    private final ByteArrayOutputStream out;

    public MultipartBody(int expectedBytes) {
        out = new ByteArrayOutputStream(expectedBytes + 1024);
    }

    /** A text field. */
    public MultipartBody field(String name, String value) {
        write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n" + value + "\r\n");
        return this;
    }

    /** A file field. */
    public MultipartBody file(String name, ChannelFile file) {
        write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\""
                + quoted(file.fileName()) + "\"\r\nContent-Type: " + file.contentType() + "\r\n\r\n");
        out.writeBytes(file.content());
        write("\r\n");
        return this;
    }

    /** The body, closed. */
    public HttpRequest.BodyPublisher publisher() {
        write("--" + boundary + "--\r\n");
        return HttpRequest.BodyPublishers.ofByteArray(out.toByteArray());
    }

    /** The request's {@code Content-Type}. */
    public String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    private static String quoted(String fileName) {
        return fileName.replace("\\", "_").replace("\"", "_").replace("\r", "_").replace("\n", "_");
    }

    private void write(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
