package org.switchboard.web.security;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import org.switchboard.core.security.OperationService;
import org.switchboard.core.security.OperationView;

/** The designer's list of system operations with the users and roles they are granted to. */
@Named
@ViewScoped
public class OperationsBacking implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    @Inject
    private OperationService operations;

    private List<OperationView> all;

    @PostConstruct
    void load() {
        all = operations.catalogue();
    }

    public List<OperationView> getAll() {
        return all;
    }

    /** The grantees of an operation as one line. */
    public String grantees(OperationView operation) {
        return String.join(", ", operation.grants().stream().map(g -> g.granteeName()).toList());
    }
}
