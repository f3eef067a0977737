package org.newsdesk.submission;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every resident's page shows whichever controller renders it: the outlet's name, in the masthead and title. */
@ControllerAdvice(annotations = Controller.class)
class PageModel {

    private final OutletProperties outlet;

    PageModel(OutletProperties outlet) {
        this.outlet = outlet;
    }

    @ModelAttribute("outlet")
    OutletProperties outlet() {
        return outlet;
    }
}
