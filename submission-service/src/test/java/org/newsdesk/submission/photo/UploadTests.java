package org.newsdesk.submission.photo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UploadTests {

    @Test
    void anUploadPrintsItsSizeButNotItsFileName() {
        // Given a photo whose file's name says who sent it
        Upload upload = new Upload("mara-quillfeather-at-home.jpg", new byte[] {1, 2, 3});

        // When it is printed, then only its size shows
        assertThat(upload.toString()).isEqualTo("Upload[3 bytes]");
    }
}
