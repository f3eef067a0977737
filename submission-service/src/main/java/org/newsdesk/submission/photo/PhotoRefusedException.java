package org.newsdesk.submission.photo;

import org.newsdesk.web.problem.ProblemException;
import org.springframework.http.HttpStatus;

/**
 * A photo that is not taken, with a message for the resident that names the file. Nothing of the
 * tip is stored when one of its photos is refused. Its own type because the tip form catches it,
 * to show the message beside the photo field.
 */
public class PhotoRefusedException extends ProblemException {

    PhotoRefusedException(HttpStatus status, String reason) {
        super(status, "Photo not accepted", reason);
    }

    /** A file that starts like a photo and whose pixels cannot be had. */
    static PhotoRefusedException unreadable(Upload upload) {
        return new PhotoRefusedException(
                HttpStatus.BAD_REQUEST,
                upload.shownName()
                        + " could not be read as a photo: it may be damaged or incomplete. Please send it again or choose another.");
    }

    /** What the resident is told, naming the file. */
    public String reason() {
        return getBody().getDetail();
    }
}
