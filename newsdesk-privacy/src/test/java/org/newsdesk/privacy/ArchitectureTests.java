package org.newsdesk.privacy;

import org.junit.jupiter.api.Test;
import org.newsdesk.testsupport.architecture.NewsdeskArchitecture;

/** CONTRIBUTING.md's checkable rules hold for this module's code. */
class ArchitectureTests {

    @Test
    void followsTheOneWayOfEachConcern() {
        NewsdeskArchitecture.check("org.newsdesk.privacy");
    }
}
