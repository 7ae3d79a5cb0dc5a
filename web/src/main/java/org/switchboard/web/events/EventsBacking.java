package org.switchboard.web.events;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import org.switchboard.core.events.EventJournalService;
import org.switchboard.core.events.EventJournalView;

/** The designer's event log: the newest journaled domain events, optionally of one type, with their body. */
@Named
@ViewScoped
public class EventsBacking implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final int PAGE = 200;

    @Inject
    private EventJournalService journal;

    private String type;
    private List<EventJournalView> events;
    private long total;

    @PostConstruct
    void load() {
        filter();
    }

    public void filter() {
        events = journal.recent(type, 0, PAGE);
        total = journal.count(type);
    }

    public List<String> getTypes() {
        return journal.types();
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public List<EventJournalView> getEvents() {
        return events;
    }

    public long getTotal() {
        return total;
    }
}
