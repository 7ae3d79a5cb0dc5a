package org.switchboard.core.settings;

/**
 * The file of a FILE setting, ready to serve: the uploaded one or the shipped default.
 *
 * @param shippedDefault the file is the default shipped with Switchboard
 */
public record SettingFileContent(String fileName, String contentType, byte[] content, boolean shippedDefault) {
}
