package org.newsdesk.submission.tip;

import java.util.ArrayList;
import java.util.List;
import org.newsdesk.submission.photo.Upload;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.Part;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code photos} parts of a multipart request, as bytes in memory. */
final class PhotoUploads {

    private PhotoUploads() {}

    /**
     * Every chosen photo. A browser sends an empty part, without a file name, when no photo was
     * chosen: that is no photo. A text part where a photo belongs is taken as a file for the
     * checks to refuse.
     */
    static Mono<List<Upload>> read(List<Part> parts) {
        return readEach(parts)
                .map(uploads -> uploads.stream().filter(PhotoUploads::chosen).toList());
    }

    /**
     * The photos of the form's photo slots, each with the credit said beside its input: the
     * {@code photos} parts come in the slots' order, a slot left empty as an empty part, so the
     * credits of empty slots are dropped with them.
     */
    static Mono<Chosen> fromSlots(List<Part> parts, List<PhotoCredit> slotCredits) {
        return readEach(parts).map(uploads -> {
            List<Upload> photos = new ArrayList<>();
            List<PhotoCredit> credits = new ArrayList<>();
            for (int slot = 0; slot < uploads.size(); slot++) {
                if (chosen(uploads.get(slot))) {
                    photos.add(uploads.get(slot));
                    credits.add(slot < slotCredits.size() ? slotCredits.get(slot) : null);
                }
            }
            return new Chosen(photos, credits);
        });
    }

    /** Whether a part holds a photo: a browser sends an empty one, without a file name, for none. */
    static boolean chosen(Part part) {
        return part instanceof FilePart file && !file.filename().isBlank();
    }

    private static boolean chosen(Upload upload) {
        return upload.bytes().length > 0
                || (upload.fileName() != null && !upload.fileName().isBlank());
    }

    /** Every part, in order, empty ones included. */
    private static Mono<List<Upload>> readEach(List<Part> parts) {
        return Flux.fromIterable(parts)
                .concatMap(part -> DataBufferUtils.join(part.content())
                        .map(buffer -> {
                            byte[] bytes = new byte[buffer.readableByteCount()];
                            buffer.read(bytes);
                            DataBufferUtils.release(buffer);
                            return new Upload(part instanceof FilePart file ? file.filename() : part.name(), bytes);
                        })
                        .defaultIfEmpty(new Upload(part instanceof FilePart file ? file.filename() : "", new byte[0])))
                .collectList();
    }

    /** The chosen photos, and beside each what was said of it (or {@code null}), in the same order. */
    record Chosen(List<Upload> photos, List<PhotoCredit> credits) {}
}
