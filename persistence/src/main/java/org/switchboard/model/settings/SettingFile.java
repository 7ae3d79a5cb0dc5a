package org.switchboard.model.settings;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** The uploaded file of a FILE system setting, such as the new-chat sound (X-01, CH-09). */
@Entity
@Table(name = "setting_file")
public class SettingFile {

    /** The largest file a setting accepts. */
    public static final int CONTENT_MAX = 2 * 1024 * 1024;

    @Id
    @Column(name = "setting_id")
    private Long settingId;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @Column(name = "file_name", length = 255, nullable = false)
    private String fileName;

    @Column(name = "content_type", length = 100, nullable = false)
    private String contentType;

    @Column(name = "size_bytes", nullable = false)
    private long sizeBytes;

    @Basic(fetch = FetchType.LAZY)
    @Column(name = "content", nullable = false)
    private byte[] content;

    protected SettingFile() {
    }

    public SettingFile(Long settingId) {
        this.settingId = settingId;
    }

    public Long getSettingId() {
        return settingId;
    }

    public String getFileName() {
        return fileName;
    }

    public String getContentType() {
        return contentType;
    }

    public long getSizeBytes() {
        return sizeBytes;
    }

    public byte[] getContent() {
        return content;
    }

    public void replace(String fileName, String contentType, byte[] content) {
        this.fileName = fileName;
        this.contentType = contentType;
        this.content = content;
        this.sizeBytes = content.length;
    }
}
