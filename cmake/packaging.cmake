# `cpack -G DEB` (scripts/package): a Debian package of what `cmake --install`
# puts in place, under /usr. dpkg-shlibdeps reads the binary's libraries for
# Depends, so they follow whatever the build linked.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME berth)
set(CPACK_PACKAGE_VENDOR berth)
set(CPACK_PACKAGE_CONTACT "berth developers <berth@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "runs multi-container projects described by a compose file")
set(CPACK_PACKAGE_DESCRIPTION
  "berth reads compose project files (compose.yaml, docker-compose.yml, fig.yml) and drives a\n\
Docker engine through its API in dependency order. It installs shell completions, a man page\n\
and a Docker CLI plugin link, so `docker berth up` works too.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION admin)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "docker.io | docker-ce")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "graphviz")
set(CPACK_STRIP_FILES ON)
include(CPack)
