package org.newsdesk.web.json;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.Decoder;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.util.MimeType;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The service's JSON decoder, reading only bodies that are well-formed UTF-8 ({@link Utf8Check}). */
final class StrictUtf8JsonDecoder implements Decoder<Object> {

    private final Decoder<Object> json;

    StrictUtf8JsonDecoder(Decoder<Object> json) {
        this.json = json;
    }

    @Override
    public boolean canDecode(ResolvableType elementType, @Nullable MimeType mimeType) {
        return json.canDecode(elementType, mimeType);
    }

    @Override
    public List<MimeType> getDecodableMimeTypes() {
        return json.getDecodableMimeTypes();
    }

    @Override
    public List<MimeType> getDecodableMimeTypes(ResolvableType targetType) {
        return json.getDecodableMimeTypes(targetType);
    }

    @Override
    public Flux<Object> decode(
            Publisher<DataBuffer> input,
            ResolvableType elementType,
            @Nullable MimeType mimeType,
            @Nullable Map<String, Object> hints) {
        return json.decode(checked(input), elementType, mimeType, hints);
    }

    @Override
    public Mono<Object> decodeToMono(
            Publisher<DataBuffer> input,
            ResolvableType elementType,
            @Nullable MimeType mimeType,
            @Nullable Map<String, Object> hints) {
        return json.decodeToMono(checked(input), elementType, mimeType, hints);
    }

    @Override
    public @Nullable Object decode(
            DataBuffer buffer,
            ResolvableType targetType,
            @Nullable MimeType mimeType,
            @Nullable Map<String, Object> hints) {
        Utf8Check check = new Utf8Check();
        check.check(buffer);
        check.finish();
        return json.decode(buffer, targetType, mimeType, hints);
    }

    private static Flux<DataBuffer> checked(Publisher<DataBuffer> input) {
        return Flux.defer(() -> {
            Utf8Check check = new Utf8Check();
            return Flux.from(input).doOnNext(check::check).concatWith(Mono.fromRunnable(check::finish));
        });
    }
}
