# syntax=docker/dockerfile:1
# One recipe for the three services; docker-compose.yml names which one to build:
#   docker build --build-arg SERVICE=submission-service -t newsdesk/submission-service .

FROM eclipse-temurin:17-jdk AS build
ARG SERVICE
RUN test -n "$SERVICE" || { echo "Set --build-arg SERVICE=submission-service, moderation-service or publishing-service" >&2; exit 1; }
WORKDIR /workspace
COPY . .
# The cache mount keeps Maven's repository (and the wrapper's Maven) between builds of the three images.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -DskipTests -pl "$SERVICE" -am package \
    && cp "$SERVICE"/target/"$SERVICE"-*-exec.jar /workspace/service.jar

FROM eclipse-temurin:17-jre
# The health check probes /actuator/health/readiness with curl: install it rather than count on the base image.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --no-create-home --uid 10001 newsdesk
WORKDIR /app
COPY --from=build /workspace/service.jar /app/service.jar
USER newsdesk
# Size the heap from the container's memory limit, leaving room for metaspace, threads and Netty's buffers.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=70", "-jar", "/app/service.jar"]
