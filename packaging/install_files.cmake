# Run by `cmake --install` (and by CPack): writes the files that name
# installed paths for the prefix given now, CMAKE_INSTALL_PREFIX at install
# time, and installs them (DESTDIR honoured). Set by packaging/CMakeLists.txt:
# HERALD_SOURCE_DIR, HERALD_BINARY_DIR, HERALD_SYSTEMD_UNIT_DIR,
# HERALD_CONFIGURED_SYSCONFDIR, HERALD_VERSION.
#   unit       <unit dir>/herald.service   ExecStart=<prefix>/bin/herald run --config <sysconf>/herald/herald.yaml
#   config     <sysconf>/herald/herald.yaml   the annotated example, reading the example site
#              (herald.yaml.dist beside an existing herald.yaml, which is kept)
#   man pages  <prefix>/share/man/man1/herald.1.gz, man5/herald.yaml.5.gz
# <sysconf> follows GNUInstallDirs: /etc for the prefix /usr, /etc/opt/X for
# /opt/X, else <prefix>/etc; an absolute CMAKE_INSTALL_SYSCONFDIR wins.
set(prefix "${CMAKE_INSTALL_PREFIX}")
string(REGEX REPLACE "(.)/+$" "\\1" prefix "${prefix}")
if(IS_ABSOLUTE "${HERALD_CONFIGURED_SYSCONFDIR}")
  set(sysconfdir "${HERALD_CONFIGURED_SYSCONFDIR}")
elseif(prefix STREQUAL "/usr")
  set(sysconfdir "/etc")
elseif(prefix MATCHES "^/opt/(.+)$")
  set(sysconfdir "/etc/opt/${CMAKE_MATCH_1}")
else()
  set(sysconfdir "${prefix}/${HERALD_CONFIGURED_SYSCONFDIR}")
endif()
set(confdir "${sysconfdir}/herald")
set(bindir "${prefix}/bin")
set(datadir "${prefix}/share")
set(docdir "${datadir}/doc/herald")
set(mandir "${datadir}/man")
set(config_file "${confdir}/herald.yaml")
set(example_content "${datadir}/herald/example-site/content")
set(output_dir "/var/www/herald")

# One staging folder per prefix, so installs to several prefixes never mix.
string(MD5 staging_key "$ENV{DESTDIR}${prefix}")
set(staging "${HERALD_BINARY_DIR}/install-${staging_key}")
file(MAKE_DIRECTORY "${staging}")

# Installs the file `staged` into `dir`, replacing a different one there
# (file(INSTALL) alone keeps a file of the same size and time).
function(herald_install_generated staged dir)
  get_filename_component(name "${staged}" NAME)
  set(installed "$ENV{DESTDIR}${dir}/${name}")
  if(EXISTS "${installed}")
    file(SHA256 "${staged}" new_hash)
    file(SHA256 "${installed}" old_hash)
    if(NOT new_hash STREQUAL old_hash)
      file(REMOVE "${installed}")
    endif()
  endif()
  file(INSTALL "${staged}" DESTINATION "${dir}")
endfunction()

# Replaces `from` by `to` in the variable `text_var`, or stops the install:
# a template that no longer holds the text it is patched at is caught here.
function(herald_replace_once text_var from to what)
  string(FIND "${${text_var}}" "${from}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "herald install: ${what}: \"${from}\" is no longer there")
  endif()
  string(REPLACE "${from}" "${to}" replaced "${${text_var}}")
  set(${text_var} "${replaced}" PARENT_SCOPE)
endfunction()

# The unit: herald.service.in takes GNUInstallDirs' names.
set(CMAKE_INSTALL_FULL_BINDIR "${bindir}")
set(CMAKE_INSTALL_FULL_SYSCONFDIR "${sysconfdir}")
set(CMAKE_INSTALL_FULL_DOCDIR "${docdir}")
configure_file("${HERALD_SOURCE_DIR}/systemd/herald.service.in" "${staging}/herald.service" @ONLY)
herald_install_generated("${staging}/herald.service" "${HERALD_SYSTEMD_UNIT_DIR}")

# The configuration: the annotated example, reading the example site and
# writing where tmpfiles.d/herald.conf made room, with a first paragraph
# saying what to change.
file(READ "${HERALD_SOURCE_DIR}/config/herald.example.yaml" example)
herald_replace_once(example "\ncontent:\n  # Directory holding the posts, searched recursively. Required.\n  dir: content\n"
  "\ncontent:\n  # Directory holding the posts, searched recursively. Required.\n  dir: ${example_content}\n"
  "content.dir of config/herald.example.yaml")
herald_replace_once(example "  # control.socket (everything below it is served).\n  dir: public\n"
  "  # control.socket (everything below it is served).\n  dir: ${output_dir}\n"
  "output.dir of config/herald.example.yaml")
file(READ "${HERALD_SOURCE_DIR}/packaging/herald.yaml.head" head)
string(CONFIGURE "${head}" head @ONLY)
# An operator's configuration is never overwritten: when it differs from
# the example, the new example goes beside it as herald.yaml.dist.
set(config_name herald.yaml)
file(WRITE "${staging}/herald.yaml" "${head}${example}")
if(EXISTS "$ENV{DESTDIR}${config_file}")
  file(SHA256 "${staging}/herald.yaml" new_hash)
  file(SHA256 "$ENV{DESTDIR}${config_file}" old_hash)
  if(NOT new_hash STREQUAL old_hash)
    set(config_name herald.yaml.dist)
    file(RENAME "${staging}/herald.yaml" "${staging}/${config_name}")
    message(STATUS "Kept: $ENV{DESTDIR}${config_file} (the new example: ${config_name})")
  endif()
endif()
herald_install_generated("${staging}/${config_name}" "${confdir}")

# The man pages: herald(1) from its roff source; herald.yaml(5) is its roff
# head and tail around the annotated example, verbatim (every key).
set(HERALD_SYSCONFDIR "${sysconfdir}")
set(HERALD_CONFIG_FILE "${config_file}")
set(HERALD_DOCDIR "${docdir}")
set(HERALD_UNIT_DIR "${HERALD_SYSTEMD_UNIT_DIR}")
configure_file("${HERALD_SOURCE_DIR}/packaging/man/herald.1.in" "${staging}/herald.1" @ONLY)
string(REPLACE "\\" "\\e" example_roff "${example}")
string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" example_roff "${example_roff}")
file(READ "${HERALD_SOURCE_DIR}/packaging/man/herald.yaml.5.in" page)
string(CONFIGURE "${page}" page @ONLY)
herald_replace_once(page ".\\\" the annotated example\n" "${example_roff}"
  "packaging/man/herald.yaml.5.in")
file(WRITE "${staging}/herald.yaml.5" "${page}")
foreach(page_file herald.1 herald.yaml.5)
  file(REMOVE "${staging}/${page_file}.gz")
  execute_process(COMMAND gzip -9n "${staging}/${page_file}" COMMAND_ERROR_IS_FATAL ANY)
endforeach()
herald_install_generated("${staging}/herald.1.gz" "${mandir}/man1")
herald_install_generated("${staging}/herald.yaml.5.gz" "${mandir}/man5")
