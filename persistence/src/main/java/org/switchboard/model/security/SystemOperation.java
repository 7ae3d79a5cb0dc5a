package org.switchboard.model.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * An entry of the system operation catalogue: a permission code such as
 * {@code CanManageChats}. The catalogue is created by migration; operations are granted, never edited.
 */
@Entity
@Table(name = "system_operation")
@NamedQuery(name = SystemOperation.ALL, query = "SELECT o FROM SystemOperation o ORDER BY o.sortOrder")
public class SystemOperation {

    public static final String ALL = "SystemOperation.all";

    @Id
    @Column(name = "code", length = 100)
    private String code;

    @Column(name = "title", length = 200, nullable = false)
    private String title;

    @Column(name = "sort_order", nullable = false)
    private int sortOrder;

    public String getCode() {
        return code;
    }

    public String getTitle() {
        return title;
    }

    public int getSortOrder() {
        return sortOrder;
    }
}
