# Debian packages with CPack (`make deb`, or `cpack -G DEB` in a build folder): voicecap
# (the program, voices, data, man page), libvoicecap0 (the shared library) and
# libvoicecap-dev (headers, static library, voicecap.pc). Run-time dependencies come from
# the shared libraries (dpkg-shlibdeps).
# SPDX-License-Identifier: GPL-3.0-or-later

set(VC_DEB_MAINTAINER "voicecap maintainers <voicecap@example.org>"
    CACHE STRING "Maintainer field of the Debian packages (Name <address>)")

# Each package carries its own copyright file and Debian changelog (Debian policy 12.5,
# 12.7); they are installed only into packages (EXCLUDE_FROM_ALL), not by a plain install.
if(DEFINED ENV{SOURCE_DATE_EPOCH})
  string(TIMESTAMP VC_DEB_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
else()
  execute_process(COMMAND git -C ${PROJECT_SOURCE_DIR} log -1 --format=%aD
                  OUTPUT_VARIABLE VC_DEB_DATE OUTPUT_STRIP_TRAILING_WHITESPACE
                  ERROR_QUIET)
  if(NOT VC_DEB_DATE)
    string(TIMESTAMP VC_DEB_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
  endif()
endif()
set(VC_DEB_DIR ${PROJECT_BINARY_DIR}/debian)
configure_file(packaging/debian/changelog.in ${VC_DEB_DIR}/changelog @ONLY)
execute_process(COMMAND gzip -9nf ${VC_DEB_DIR}/changelog)

set(VC_DEB_PACKAGES voicecap libvoicecap${PROJECT_VERSION_MAJOR} libvoicecap-dev)
set(VC_DEB_COMPONENTS runtime library dev)
foreach(pkg comp IN ZIP_LISTS VC_DEB_PACKAGES VC_DEB_COMPONENTS)
  install(FILES packaging/debian/copyright ${VC_DEB_DIR}/changelog.gz
    DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/${pkg} COMPONENT ${comp} EXCLUDE_FROM_ALL)
endforeach()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME voicecap)
# CPack's default summary: CPackDeb then takes each package's synopsis from the first line
# of its description below instead of prepending one summary to all three.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_NAME} built using CMake")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${VC_DEB_MAINTAINER}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL runtime library dev)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${VC_DEB_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)

set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME voicecap)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION sound)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_RECOMMENDS "hunspell-en-us")
set(CPACK_DEBIAN_RUNTIME_DESCRIPTION
"interview text to narrated audio with synced captions
voicecap turns the plain text of a published interview into narrated
audio (espeak-ng, one voice per speaker), captions (SRT, WebVTT, ASS)
timed from the engine's word events, a JSON sync map and a transcript.
It is meant for deaf and hard-of-hearing readers, blind listeners, and
archives converting many interviews at once.")

set(CPACK_DEBIAN_LIBRARY_PACKAGE_NAME libvoicecap${PROJECT_VERSION_MAJOR})
set(CPACK_DEBIAN_LIBRARY_PACKAGE_SECTION libs)
# ld.so.cache is refreshed by the trigger (CPack's postinst/postrm also call ldconfig)
configure_file(packaging/debian/libvoicecap.triggers ${VC_DEB_DIR}/triggers COPYONLY)
set(CPACK_DEBIAN_LIBRARY_PACKAGE_CONTROL_EXTRA ${VC_DEB_DIR}/triggers)
set(CPACK_DEBIAN_LIBRARY_DESCRIPTION
"interview text to narrated audio with synced captions (library)
libvoicecap renders the plain text of an interview into narrated audio,
captions (SRT, WebVTT, ASS), a JSON sync map and a transcript; it also
segments interviews into speaker turns and checks caption files.
.
This package holds the shared library.")

set(CPACK_DEBIAN_DEV_PACKAGE_NAME libvoicecap-dev)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION libdevel)
set(CPACK_COMPONENT_DEV_DEPENDS library)
# libvoicecap-dev depends on the Debian packages that hold the pkg-config modules of
# voicecap.pc's Requires.private (read from voicecap.pc.in, so the list is kept once).
file(STRINGS ${PROJECT_SOURCE_DIR}/voicecap.pc.in vc_requires REGEX "^Requires.private:")
string(REGEX REPLACE "^Requires.private:[ \t]*" "" vc_requires "${vc_requires}")
string(REPLACE " " ";" vc_requires "${vc_requires}")
set(vc_dev_depends)
foreach(module IN LISTS vc_requires)
  pkg_get_variable(vc_pcdir ${module} pcfiledir)
  execute_process(COMMAND dpkg-query -S ${vc_pcdir}/${module}.pc
                  OUTPUT_VARIABLE vc_owner ERROR_QUIET OUTPUT_STRIP_TRAILING_WHITESPACE)
  string(REGEX MATCH "^[^:,]+" vc_owner "${vc_owner}")
  if(vc_owner)
    list(APPEND vc_dev_depends ${vc_owner})
  else()
    message(STATUS "libvoicecap-dev: no Debian package holds ${module}.pc; not a dependency")
  endif()
endforeach()
list(REMOVE_DUPLICATES vc_dev_depends)
list(JOIN vc_dev_depends ", " CPACK_DEBIAN_DEV_PACKAGE_DEPENDS)
set(CPACK_DEBIAN_DEV_DESCRIPTION
"interview text to narrated audio with synced captions (development files)
libvoicecap renders the plain text of an interview into narrated audio,
captions (SRT, WebVTT, ASS), a JSON sync map and a transcript; it also
segments interviews into speaker turns and checks caption files.
.
This package holds the headers, the static library, voicecap.pc and an
example program.")

include(CPack)
