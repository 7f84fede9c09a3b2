# Upfront in a container (docs/ci.md says how it was built and tried).
#   docker build -t upfront .                      # debian:stable-slim + git (for --changed-since, diff)
#   docker build --target static -t upfront:static .   # the static binary alone (FROM scratch)
#   docker run --rm -v "$PWD:/site" upfront check --format github
# The binary is static (musl), so the same file runs in both images.

# musl-tools for musl-gcc and make (not in the slim image) for jemalloc, pagefind's one C
# dependency. Packages are not pinned (hadolint DL3008): the base image's Debian release pins them.
FROM rust:1-slim-bookworm AS build
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends musl-tools make \
 && rm -rf /var/lib/apt/lists/* \
 && rustup target add x86_64-unknown-linux-musl
WORKDIR /src
COPY . .
RUN cargo build --locked --release --target x86_64-unknown-linux-musl \
 && cp target/x86_64-unknown-linux-musl/release/upfront /upfront

# The smallest image: nothing but the binary (no shell, no git: `--changed-since` and `diff`
# need the default image below).
FROM scratch AS static
COPY --from=build /upfront /usr/local/bin/upfront
WORKDIR /site
ENTRYPOINT ["/usr/local/bin/upfront"]
CMD ["check"]

# The default image: git for `check --changed-since` and `upfront diff`; the mounted site may
# belong to another user than the container's, so git is told to trust it.
FROM debian:stable-slim
# hadolint ignore=DL3008
RUN apt-get update \
 && apt-get install -y --no-install-recommends git ca-certificates \
 && rm -rf /var/lib/apt/lists/* \
 && git config --system --add safe.directory '*'
COPY --from=build /upfront /usr/local/bin/upfront
WORKDIR /site
ENTRYPOINT ["upfront"]
CMD ["check"]
