package org.switchboard.model;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The process {@link EmbeddedDatabaseDurabilityTest} kills: opens the H2 database at the URL it is given, commits
 * one row per transaction and prints each row's id once its commit has returned, until it is killed.
 */
public final class CommitAndPrint {

    /** A row about the size of a chat message's. */
    private static final String BODY = "x".repeat(300);

    private CommitAndPrint() {
    }

    public static void main(String[] args) throws SQLException {
        try (Connection connection = DriverManager.getConnection(args[0], "sa", "sa");
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO committed_row (id, body) VALUES (?, ?)")) {
            connection.setAutoCommit(false);
            for (long id = 1; ; id++) {
                insert.setLong(1, id);
                insert.setString(2, BODY);
                insert.executeUpdate();
                connection.commit();
                System.out.println(id);
                System.out.flush();
            }
        }
    }
}
