package org.switchboard.core.crm;

/** A value of the lookup "Contact categories"; {@code code} is set for a seeded one, which the panel translates. */
public record ContactCategoryView(long id, String code, String name, long contacts) {
}
