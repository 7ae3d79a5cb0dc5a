package org.switchboard.model.crm;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** One phone number of a contact with its kind (EC-01: Outlook's business, home and mobile phones and the others). */
@Embeddable
public class ContactPhone {

    public static final int NUMBER_MAX = 50;

    /** What the number is for; Outlook's and Google's kinds map onto these. */
    public enum Kind {
        MOBILE, WORK, HOME, FAX, OTHER
    }

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", length = 10, nullable = false)
    private Kind kind;

    @Column(name = "phone_number", length = NUMBER_MAX, nullable = false)
    private String number;

    protected ContactPhone() {
    }

    public ContactPhone(Kind kind, String number) {
        this.kind = kind;
        this.number = number;
    }

    public Kind getKind() {
        return kind;
    }

    public String getNumber() {
        return number;
    }
}
