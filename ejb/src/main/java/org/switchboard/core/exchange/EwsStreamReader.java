package org.switchboard.core.exchange;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * MP-11: GetStreamingEvents' answer read as Exchange writes it: one HTTP response (chunked) that carries one SOAP
 * envelope after another, a notification as soon as something changed, a heartbeat ({@code ConnectionStatus OK})
 * while nothing did, and {@code ConnectionStatus Closed} at the connection timeout. Each envelope is taken as soon as
 * its closing tag arrives (not at the end of the response, which comes up to 30 minutes later), with or without an
 * {@code <?xml ?>} declaration before it, and parsed on its own by a parser that refuses DTDs and external entities.
 * Elements are matched by local name, whatever their prefix. Not thread-safe: the listening thread owns it.
 */
final class EwsStreamReader {

    /** No envelope is larger: a notification holds at most 50 events of ids (Microsoft's documentation). */
    static final int MAX_ENVELOPE = 4 * 1024 * 1024;
    /** The end of an envelope, whatever the SOAP prefix. Ids and text never hold a {@code <}, so it cannot be data. */
    private static final Pattern END = Pattern.compile("</(?:[A-Za-z_][\\w.-]*:)?Envelope\\s*>");
    /** Its own: a factory is not thread-safe, and each listen has its thread. */
    private final DocumentBuilderFactory xml = hardened();
    private final InputStream in;
    private byte[] buffer = new byte[8192];
    private int length;
    private int scanned;

    EwsStreamReader(InputStream in) {
        this.in = in;
    }

    /**
     * What one envelope said.
     *
     * @param changed the folders its notifications named (empty for a heartbeat)
     * @param closed whether Exchange closes the connection after it ({@code ConnectionStatus Closed})
     */
    record Envelope(Set<String> changed, boolean closed) {
    }

    /**
     * The next envelope, blocking until it has arrived whole; null when the response ended between envelopes.
     *
     * @throws EwsException Exchange's error for the subscription ({@code ResponseClass="Error"}) or a SOAP fault
     * @throws IOException the connection broke, also in the middle of an envelope
     */
    Envelope next() throws IOException {
        while (true) {
            Matcher end = END.matcher(new String(buffer, scanned, length - scanned, StandardCharsets.ISO_8859_1));
            if (end.find()) {
                int stop = scanned + end.end();
                byte[] envelope = new byte[stop];
                System.arraycopy(buffer, 0, envelope, 0, stop);
                System.arraycopy(buffer, stop, buffer, 0, length - stop);
                length -= stop;
                scanned = 0;
                return parse(envelope);
            }
            // The closing tag may have begun in what was read: look again from a little before its end.
            scanned = Math.max(0, length - 64);
            if (length == buffer.length) {
                if (length >= MAX_ENVELOPE) {
                    throw new EwsException(EwsException.Outcome.REFUSED, null,
                            "Exchange sent a streaming notification larger than " + MAX_ENVELOPE + " bytes");
                }
                buffer = Arrays.copyOf(buffer, Math.min(MAX_ENVELOPE, buffer.length * 2));
            }
            int read = in.read(buffer, length, buffer.length - length);
            if (read < 0) {
                if (new String(buffer, 0, length, StandardCharsets.ISO_8859_1).isBlank()) {
                    return null;
                }
                throw new EOFException("The streaming response ended inside an envelope");
            }
            length += read;
        }
    }

    private Envelope parse(byte[] bytes) {
        int start = 0;
        // A UTF-8 byte order mark or the line breaks between envelopes would make the declaration illegal.
        while (start < bytes.length && (Character.isWhitespace(bytes[start]) || (bytes[start] & 0xff) == 0xef
                || (bytes[start] & 0xff) == 0xbb || (bytes[start] & 0xff) == 0xbf)) {
            start++;
        }
        Element envelope;
        try {
            envelope = xml.newDocumentBuilder().parse(new ByteArrayInputStream(bytes, start, bytes.length - start))
                    .getDocumentElement();
        } catch (Exception e) {
            throw new EwsException(EwsException.Outcome.REFUSED, null, "Exchange did not answer as EWS does ("
                    + e.getClass().getSimpleName() + ")");
        }
        Element fault = descendant(envelope, "Fault");
        if (fault != null) {
            throw EwsJavaApiMailClient.fault(fault);
        }
        List<Element> messages = descendants(envelope, "GetStreamingEventsResponseMessage");
        if (messages.isEmpty()) {
            throw new EwsException(EwsException.Outcome.REFUSED, null, "Exchange did not answer as EWS does (no "
                    + "GetStreamingEventsResponseMessage)");
        }
        Set<String> changed = new LinkedHashSet<>();
        boolean closed = false;
        for (Element message : messages) {
            String code = text(child(message, "ResponseCode"));
            if (!"Success".equals(message.getAttribute("ResponseClass")) && code != null && !"NoError".equals(code)) {
                throw EwsJavaApiMailClient.refused(code, text(child(message, "MessageText")), null);
            }
            for (Element notification : descendants(message, "Notification")) {
                for (Element event : children(notification)) {
                    changed.addAll(folders(event));
                }
            }
            closed |= "Closed".equals(text(child(message, "ConnectionStatus")));
        }
        return new Envelope(changed, closed);
    }

    /**
     * The folders an event names: an item's folder (and the one it left); a folder itself (and, but for a
     * {@code ModifiedEvent} that changed only the folder, its parent and old parent, whose tree changed).
     * {@code StatusEvent}s name none.
     */
    private static Set<String> folders(Element event) {
        Set<String> folders = new LinkedHashSet<>();
        String name = event.getLocalName();
        if (name == null || !name.endsWith("Event") || "StatusEvent".equals(name)) {
            return folders;
        }
        Element folder = child(event, "FolderId");
        if (folder != null) {
            folders.add(folder.getAttribute("Id"));
            if ("ModifiedEvent".equals(name)) {
                return folders;
            }
        }
        for (String parent : List.of("ParentFolderId", "OldParentFolderId")) {
            Element id = child(event, parent);
            if (id != null && !id.getAttribute("Id").isEmpty()) {
                folders.add(id.getAttribute("Id"));
            }
        }
        folders.remove("");
        return folders;
    }

    static Element child(Element parent, String localName) {
        for (Element child : children(parent)) {
            if (localName.equals(child.getLocalName())) {
                return child;
            }
        }
        return null;
    }

    static Element descendant(Element parent, String localName) {
        NodeList found = parent.getElementsByTagNameNS("*", localName);
        return found.getLength() == 0 ? null : (Element) found.item(0);
    }

    private static List<Element> descendants(Element parent, String localName) {
        NodeList found = parent.getElementsByTagNameNS("*", localName);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < found.getLength(); i++) {
            elements.add((Element) found.item(i));
        }
        return elements;
    }

    private static List<Element> children(Element parent) {
        List<Element> children = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                children.add(element);
            }
        }
        return children;
    }

    static String text(Element element) {
        return element == null ? null : element.getTextContent().strip();
    }

    /** Namespace-aware, no DTD, no external entity or schema, no XInclude: Exchange's answers need none. */
    static DocumentBuilderFactory hardened() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        try {
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        return factory;
    }
}
