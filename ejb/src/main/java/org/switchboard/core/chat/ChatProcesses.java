package org.switchboard.core.chat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The processes a chat action can start (CH-07), by name: the {@code @Named} {@link ChatProcess} beans of the
 * application, such as the shipped {@code CreateCaseFromChat}. The chat runtime starts them by the same name.
 */
@ApplicationScoped
public class ChatProcesses {

    @Inject
    @Any
    private Instance<ChatProcess> beans;

    /** Whether a process of that exact name exists. */
    public boolean exists(String name) {
        return name != null && names().contains(name);
    }

    /** Every process name, sorted. */
    public List<String> names() {
        return names(beans.handlesStream().map(handle -> handle.getBean().getName()));
    }

    /** The names of the beans (an unnamed bean cannot be chosen), sorted, once each. */
    static List<String> names(Stream<String> beanNames) {
        TreeSet<String> names = new TreeSet<>();
        beanNames.filter(Objects::nonNull).forEach(names::add);
        return List.copyOf(names);
    }
}
