package org.switchboard.web.security;

import jakarta.security.enterprise.credential.UsernamePasswordCredential;

/** A login and password typed into the login page, as opposed to an API call's HTTP Basic credential. */
public class FormCredential extends UsernamePasswordCredential {

    public FormCredential(String login, String password) {
        super(login, password);
    }
}
