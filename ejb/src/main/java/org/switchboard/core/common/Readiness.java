package org.switchboard.core.common;

import java.util.Map;

/**
 * The outcome of the readiness checks: whether the application can serve, and each dependency's state.
 *
 * @param up     every check passed
 * @param checks per dependency ({@code database}, {@code broker}): "UP" or the reason it is down
 */
public record Readiness(boolean up, Map<String, String> checks) {
}
