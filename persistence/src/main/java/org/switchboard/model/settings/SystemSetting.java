package org.switchboard.model.settings;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.OffsetDateTime;

/**
 * A typed, named system setting: code, name, type, the default shipped by migration and the
 * administrator's current value. For {@link SettingType#SECRET} the current value is ciphertext;
 * for {@link SettingType#FILE} it is the file name ({@code ""} once cleared) and the bytes are a
 * {@link SettingFile}.
 */
@Entity
@Table(name = "system_setting")
@NamedQuery(name = SystemSetting.ALL, query = "SELECT s FROM SystemSetting s ORDER BY s.sortOrder, s.code")
@NamedQuery(name = SystemSetting.BY_CODE, query = "SELECT s FROM SystemSetting s WHERE s.code = :code")
public class SystemSetting {

    public static final String ALL = "SystemSetting.all";
    public static final String BY_CODE = "SystemSetting.byCode";

    public static final int VALUE_MAX = 4000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "system_setting_seq")
    @SequenceGenerator(name = "system_setting_seq", sequenceName = "system_setting_seq", allocationSize = 50)
    private Long id;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @Column(name = "code", length = 100, nullable = false, unique = true, updatable = false)
    private String code;

    @Column(name = "name", length = 200, nullable = false)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "setting_type", length = 20, nullable = false, updatable = false)
    private SettingType type;

    @Enumerated(EnumType.STRING)
    @Column(name = "text_format", length = 20)
    private TextFormat textFormat;

    @Column(name = "min_value")
    private Long minValue;

    @Column(name = "max_value")
    private Long maxValue;

    @Column(name = "max_length")
    private Integer maxLength;

    @Column(name = "accepted_files", length = 200)
    private String acceptedFiles;

    @Column(name = "default_value", length = VALUE_MAX)
    private String defaultValue;

    @Column(name = "current_value", length = 8000)
    private String currentValue;

    @Column(name = "sort_order", nullable = false)
    private int sortOrder;

    @Column(name = "updated_at")
    private OffsetDateTime updatedAt;

    @Column(name = "updated_by", length = 64)
    private String updatedBy;

    public Long getId() {
        return id;
    }

    public long getVersion() {
        return version;
    }

    public String getCode() {
        return code;
    }

    public String getName() {
        return name;
    }

    public SettingType getType() {
        return type;
    }

    public TextFormat getTextFormat() {
        return textFormat;
    }

    public Long getMinValue() {
        return minValue;
    }

    public Long getMaxValue() {
        return maxValue;
    }

    public Integer getMaxLength() {
        return maxLength;
    }

    /** For a FILE setting, the comma-separated file extensions it takes ({@code mp3,wav,ogg}); null for any. */
    public String getAcceptedFiles() {
        return acceptedFiles;
    }

    public String getDefaultValue() {
        return defaultValue;
    }

    public String getCurrentValue() {
        return currentValue;
    }

    /** Whether the administrator set a value of their own (possibly an empty one). */
    public boolean isCustomized() {
        return currentValue != null;
    }

    public void setCurrentValue(String currentValue, OffsetDateTime at, String by) {
        this.currentValue = currentValue;
        this.updatedAt = at;
        this.updatedBy = by;
    }

    public int getSortOrder() {
        return sortOrder;
    }

    public OffsetDateTime getUpdatedAt() {
        return updatedAt;
    }

    public String getUpdatedBy() {
        return updatedBy;
    }
}
