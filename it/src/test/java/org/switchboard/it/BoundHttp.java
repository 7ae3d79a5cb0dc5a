package org.switchboard.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A minimal HTTP/1.1 client whose requests leave from a chosen loopback address (127.0.0.2, 127.0.1.7, …): the
 * server sees each as another client address, which is what the sign-in throttle counts (issue 18). The JDK 17
 * {@code HttpClient} cannot choose its local address. One request per connection ({@code Connection: close}); the
 * body of a chunked answer is joined.
 */
final class BoundHttp {

    private static final int TIMEOUT_MILLIS = 60_000;

    private BoundHttp() {
    }

    /**
     * Sends a request from {@code from}; {@code headers} alternate names and values. The body is sent as it is, with
     * its length unless the headers frame it themselves ({@code Content-Length}, {@code Transfer-Encoding}).
     */
    static ApiResponse send(String from, URL base, String method, String path, String body, String... headers) {
        URI uri = URI.create(Deployments.resolve(base, path).toString());
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder(method).append(' ').append(uri.getRawPath())
                .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(" HTTP/1.1\r\n")
                .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n")
                .append("Connection: close\r\n");
        boolean framed = false;
        for (int i = 0; i + 1 < headers.length; i += 2) {
            framed |= headers[i].equalsIgnoreCase("Content-Length")
                    || headers[i].equalsIgnoreCase("Transfer-Encoding");
        }
        if (!framed) {
            request.append("Content-Length: ").append(content.length).append("\r\n");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        request.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            return read(method, uri, socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + uri + " from " + from, e);
        }
    }

    /**
     * Reads the head, then the body as the head frames it (its length, its chunks, or up to the end), so that a
     * server that keeps the connection open after answering does not keep the test waiting.
     */
    private static ApiResponse read(String method, URI uri, InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int end = -1;
        while (end < 0) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            end = indexOf(head.toByteArray(), Math.max(0, head.size() - 4));
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>())
                        .add(lines[i].substring(colon + 1).trim());
            }
        }
        byte[] body;
        List<String> length = headers.getOrDefault("Content-Length", List.of());
        if (!length.isEmpty()) {
            body = in.readNBytes(Integer.parseInt(length.get(0)));
        } else if (headers.getOrDefault("Transfer-Encoding", List.of()).contains("chunked")) {
            body = dechunk(in);
        } else {
            body = in.readAllBytes();
        }
        return new ApiResponse(method, uri, status, HttpHeaders.of(headers, (name, value) -> true),
                new String(body, StandardCharsets.UTF_8));
    }

    /** Where the blank line ending the head starts, or -1. */
    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i + 3 < bytes.length; i++) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in);
            int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
            if (size == 0) {
                line(in);
                return joined.toByteArray();
            }
            joined.writeBytes(in.readNBytes(size));
            line(in);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
