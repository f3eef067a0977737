package org.newsdesk.privacy;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Says what to do, instead of a stack trace, when a service starts without a usable master key. */
class MissingPrivacyKeyFailureAnalyzer extends AbstractFailureAnalyzer<MissingPrivacyKeyException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingPrivacyKeyException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Set NEWSDESK_PRIVACY_KEY to 32 random bytes in base64 (openssl rand -base64 32), the same"
                        + " for every service, and keep it out of the database and the repository. After a"
                        + " rotation, put the old key in NEWSDESK_PRIVACY_PREVIOUS_KEYS until the data keys are"
                        + " re-wrapped. The embedded run makes its own key in its data folder.",
                cause);
    }
}
