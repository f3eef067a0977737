package org.newsdesk.submission.tip;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.newsdesk.submission.photo.Upload;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.util.MultiValueMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code photos} parts of a multipart request, as bytes in memory. */
final class PhotoUploads {

    /** A photo slot's part: {@code photos[0]}, {@code photos[1]}... (a few digits: the parts are few). */
    private static final Pattern SLOT = Pattern.compile("photos\\[(\\d{1,3})\\]");

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
     * The photos of the form's photo slots, each with the credit said beside its input: the slot
     * at index {@code i} sends its photo as {@code photos[i]} (a browser may leave an empty input
     * out altogether, so the slots are told apart by name, not by order). Plain {@code photos}
     * parts, as the form sent before it had slots, follow, credited to nobody.
     */
    static Mono<Chosen> fromSlots(MultiValueMap<String, Part> parts, List<PhotoCredit> slotCredits) {
        List<Part> photoParts = new ArrayList<>();
        List<PhotoCredit> credits = new ArrayList<>();
        parts.keySet().stream()
                .map(SLOT::matcher)
                .filter(Matcher::matches)
                .map(slot -> Integer.parseInt(slot.group(1)))
                .sorted()
                .forEach(slot -> parts.get("photos[" + slot + "]").forEach(part -> {
                    photoParts.add(part);
                    credits.add(slot < slotCredits.size() ? slotCredits.get(slot) : null);
                }));
        parts.getOrDefault("photos", List.of()).forEach(part -> {
            photoParts.add(part);
            credits.add(null);
        });
        return readEach(photoParts).map(uploads -> {
            List<Upload> photos = new ArrayList<>();
            List<PhotoCredit> chosenCredits = new ArrayList<>();
            for (int photo = 0; photo < uploads.size(); photo++) {
                if (chosen(uploads.get(photo))) {
                    photos.add(uploads.get(photo));
                    chosenCredits.add(credits.get(photo));
                }
            }
            return new Chosen(photos, chosenCredits);
        });
    }

    /** Whether any photo part, a slot's or a plain one, holds a photo. */
    static boolean anyChosen(MultiValueMap<String, Part> parts) {
        return parts.entrySet().stream()
                .filter(named -> named.getKey().equals("photos")
                        || SLOT.matcher(named.getKey()).matches())
                .flatMap(named -> named.getValue().stream())
                .anyMatch(PhotoUploads::chosen);
    }

    /** Whether a part holds a photo: a browser sends an empty one, without a file name, for none. */
    private static boolean chosen(Part part) {
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
