# The Debian package: CPack's DEB generator over the install rules above,
# run in an existing build tree (tests/packaging/build_deb.sh), so the
# package holds the very binary the tests ran and nothing is compiled twice.
#   herald_<version>_<arch>.deb           /usr/bin/herald stripped, units,
#                                          config (conffile), docs, man, completions
#   herald-dbgsym_<version>_<arch>.ddeb   /usr/lib/debug/.build-id/<id>.debug
# Maintainer scripts: packaging/debian/ (what they do: docs/operations.md).
install(FILES debian/copyright DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/herald)
install(CODE "execute_process(COMMAND gzip -9nc \"${CMAKE_CURRENT_SOURCE_DIR}/debian/changelog\"
                              OUTPUT_FILE \"${CMAKE_CURRENT_BINARY_DIR}/changelog.gz\"
                              COMMAND_ERROR_IS_FATAL ANY)")
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/changelog.gz DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/herald)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME herald)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "herald maintainers <herald@herald.invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "news feed publisher and announcer")
set(CPACK_PACKAGE_DESCRIPTION "herald turns a directory of Markdown posts with YAML front matter
into RSS 2.0, Atom 1.0 and JSON Feed 1.1 feeds, keeps them current as posts
change, serves them over HTTP under systemd, and announces every new post
exactly once to webhooks, Mastodon, Bluesky, Discord, Slack, Telegram and
Matrix through a durable outbox.
.
The service is installed but not enabled: edit /etc/herald/herald.yaml,
then systemctl enable --now herald.")
set(CPACK_OUTPUT_FILE_PREFIX ${PROJECT_BINARY_DIR}/deb)
# Install with DESTDIR, so the prefix the install scripts see is /usr (the
# unit's ExecStart) and absolute destinations (/etc, /lib/systemd) stay in
# the package.
set(CPACK_SET_DESTDIR ON)
set(CPACK_INSTALL_PREFIX /usr)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION web)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
# dpkg-shlibdeps names the shared libraries herald links (libvips42, libcurl4, ...).
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "systemd, passwd")
set(CPACK_DEBIAN_DEBUGINFO_PACKAGE ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${CMAKE_CURRENT_SOURCE_DIR}/debian/conffiles ${CMAKE_CURRENT_SOURCE_DIR}/debian/postinst
    ${CMAKE_CURRENT_SOURCE_DIR}/debian/prerm ${CMAKE_CURRENT_SOURCE_DIR}/debian/postrm)
include(CPack)
