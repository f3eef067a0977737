package org.newsdesk.submission.tip;

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
        return Flux.fromIterable(parts)
                .concatMap(part -> DataBufferUtils.join(part.content())
                        .map(buffer -> {
                            byte[] bytes = new byte[buffer.readableByteCount()];
                            buffer.read(bytes);
                            DataBufferUtils.release(buffer);
                            return new Upload(part instanceof FilePart file ? file.filename() : part.name(), bytes);
                        })
                        .defaultIfEmpty(new Upload(part instanceof FilePart file ? file.filename() : "", new byte[0])))
                .filter(upload -> upload.bytes().length > 0
                        || (upload.fileName() != null && !upload.fileName().isBlank()))
                .collectList();
    }
}
