package org.newsdesk.moderation.security;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing password into Spring Boot's "APPLICATION FAILED TO START" report instead of a stack trace. */
class MissingModeratorPasswordFailureAnalyzer extends AbstractFailureAnalyzer<MissingModeratorPasswordException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingModeratorPasswordException cause) {
        return new FailureAnalysis(
                cause.getMessage(), "Set NEWSDESK_MODERATOR_PASSWORD to the password moderators sign in with.", cause);
    }
}
