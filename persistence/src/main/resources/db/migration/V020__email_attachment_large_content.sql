-- Issue 18 item 7: a received file larger than the streaming threshold is written into the database as a stream,
-- never whole in the server's heap. On PostgreSQL BYTEA takes a stream already (this is a no-op there). On H2 the
-- column becomes a BINARY LARGE OBJECT (a BLOB), which H2 stores a block at a time: its BYTEA (BINARY VARYING) is
-- one value in the heap of the JVM it runs in, the server's for the embedded default. The type is a Flyway
-- placeholder filled in by SchemaPlaceholders.
ALTER TABLE email_attachment ALTER COLUMN content SET DATA TYPE ${large_binary};
