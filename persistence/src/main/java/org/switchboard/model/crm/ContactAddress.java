package org.switchboard.model.crm;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** One postal address of a contact with its kind (EC-01: Outlook's business, home and other address). */
@Embeddable
public class ContactAddress {

    public static final int STREET_MAX = 500;
    public static final int CITY_MAX = 100;
    public static final int REGION_MAX = 100;
    public static final int POSTAL_CODE_MAX = 20;
    public static final int COUNTRY_MAX = 100;

    /** Whose address it is; Outlook has exactly one of each. */
    public enum Kind {
        WORK, HOME, OTHER
    }

    @Enumerated(EnumType.STRING)
    @Column(name = "kind", length = 10, nullable = false)
    private Kind kind;

    @Column(name = "street", length = STREET_MAX)
    private String street;

    @Column(name = "city", length = CITY_MAX)
    private String city;

    @Column(name = "region", length = REGION_MAX)
    private String region;

    @Column(name = "postal_code", length = POSTAL_CODE_MAX)
    private String postalCode;

    @Column(name = "country", length = COUNTRY_MAX)
    private String country;

    protected ContactAddress() {
    }

    public ContactAddress(Kind kind, String street, String city, String region, String postalCode, String country) {
        this.kind = kind;
        this.street = street;
        this.city = city;
        this.region = region;
        this.postalCode = postalCode;
        this.country = country;
    }

    public Kind getKind() {
        return kind;
    }

    public String getStreet() {
        return street;
    }

    public String getCity() {
        return city;
    }

    public String getRegion() {
        return region;
    }

    public String getPostalCode() {
        return postalCode;
    }

    public String getCountry() {
        return country;
    }
}
