#pragma once
// An image reference ("redis", "ghcr.io/org/app:1.2", "127.0.0.1:5000/app@sha256:...")
// read the way the docker CLI reads it (github.com/distribution/reference,
// ParseNormalizedNamed), so that berth pulls, pushes and looks up credentials
// for the same registry and repository as `docker pull` would. Pure.
//
// Grammar (as in distribution/reference):
//   reference  := name [ ":" tag ] [ "@" digest ]
//   name       := [ registry "/" ] path-component { "/" path-component }
//   registry   := host [ ":" port ]       host: DNS-like name, IPv4 or [IPv6]
//   path-component := [a-z0-9]+ { ( "." | "_" | "__" | "-"+ ) [a-z0-9]+ }
//   tag        := [A-Za-z0-9_] [A-Za-z0-9_.-]{0,127}
//   digest     := sha256:<64 hex> | sha384:<96 hex> | sha512:<128 hex> (lowercase hex)
// The first component is a registry when it contains '.' or ':', is
// "localhost", or has an uppercase letter (repository names are lowercase, so
// docker takes "Example/app" for a registry named "Example"). Anything else,
// and a name of one component, is on Docker Hub ("docker.io"), where a
// one-component repository lives in "library/". "index.docker.io" is another
// spelling of "docker.io".

#include <string>

#include "engine/result.h"

namespace berth::engine {

struct ImageReference {
  // "docker.io" when none, else e.g. "127.0.0.1:5000", "localhost:5000", "ghcr.io".
  std::string registry;
  // The path without registry; "library/" added to one-component docker.io names.
  std::string repository;
  std::string tag;     // "latest" when neither tag nor digest; kept when both are given
  std::string digest;  // "sha256:..." or empty
  // The name part of the text exactly as written, without tag and digest:
  // "redis", "docker.io/library/redis", "localhost:5000/app". Empty in a
  // reference built by hand.
  std::string written_name;

  // The name to give the engine (fromImage, the repository of a tag or push):
  // `written_name` when set, so berth sends what the user wrote like the
  // compose file shows it; otherwise the familiar form docker prints
  // ("redis" for docker.io/library/redis, "org/app" for docker.io/org/app,
  // "ghcr.io/org/app" elsewhere). Both forms name the same image to the engine.
  std::string name() const;
};

// Error bad_request, with a message naming the text and the fault, for an
// empty text, an uppercase repository, a bad tag, digest, registry or path
// component, a name over 255 characters, or a bare 64-hex image ID.
Result<ImageReference> parse_image_reference(const std::string& text);

// The query of POST /images/create for pulling `reference`.
struct ImagePullQuery {
  std::string from_image;  // reference.name(): the reference without tag and digest
  std::string tag;         // the digest when there is one (it wins over a tag), else the tag
};
ImagePullQuery pull_query(const ImageReference& reference);
// "fromImage=<url-encoded>&tag=<url-encoded>".
std::string to_query_string(const ImagePullQuery& query);

// The key of the registry in the docker CLI's config.json `auths` (and the
// server address given to credential helpers and the engine):
// "https://index.docker.io/v1/" for docker.io, else the registry's host[:port].
std::string registry_key(const ImageReference& reference);

}  // namespace berth::engine
