package org.switchboard.core.security;

import java.io.Serializable;
import java.util.List;

/** A system operation of the catalogue with the grants that give it to users and roles. */
public record OperationView(String code, String title, List<GrantView> grants) implements Serializable {
}
