# What `cmake --install` (and `make install PREFIX=...`) puts where, in three components
# that are also the three Debian packages (cmake/package.cmake):
#   runtime  bin/voicecap, libexec/voicecap/{voicecap-engine,voicecap-video.so}, share/voicecap/{voices,data}, the man page, README and LICENSE
#   library  lib/libvoicecap.so.0*
#   dev      include/voicecap/*.h, lib/libvoicecap.{so,a}, lib/pkgconfig/voicecap.pc,
#            share/doc/libvoicecap-dev/examples/render.c
# SPDX-License-Identifier: GPL-3.0-or-later

install(TARGETS voicecap_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime)
# The engine program units are spoken by (without it they are spoken by forks of the
# rendering process: the same output, more CPU).
install(TARGETS voicecap_engine RUNTIME DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/voicecap
  COMPONENT runtime)
# The video module, loaded only for --video (src/video/video.c).
install(TARGETS voicecap_video LIBRARY DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/voicecap
  COMPONENT runtime)
install(TARGETS voicecap_shared
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT library NAMELINK_COMPONENT dev)
install(TARGETS voicecap ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT dev)

# The public headers: include/voicecap/*.h and the generated version.h; nothing else.
install(DIRECTORY include/voicecap/ ${PROJECT_BINARY_DIR}/include/voicecap/
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/voicecap COMPONENT dev
  FILES_MATCHING PATTERN "*.h")

# voicecap.pc finds its prefix from its own folder (${pcfiledir}), so it still links
# after the installed tree is moved or unpacked elsewhere.
file(RELATIVE_PATH VC_PC_PREFIX ${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig ${CMAKE_INSTALL_PREFIX})
string(REGEX REPLACE "/$" "" VC_PC_PREFIX "${VC_PC_PREFIX}")
configure_file(voicecap.pc.in voicecap.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/voicecap.pc
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig COMPONENT dev)

set(VC_SHARE ${CMAKE_INSTALL_DATADIR}/voicecap)
install(DIRECTORY voices/ DESTINATION ${VC_SHARE}/voices COMPONENT runtime
  FILES_MATCHING PATTERN "*.ini")
install(DIRECTORY data/ DESTINATION ${VC_SHARE}/data COMPONENT runtime
  FILES_MATCHING PATTERN "*.tsv")

# The man page, compressed as Debian policy wants it (gzip -n: no name or time stamp).
add_custom_command(OUTPUT ${PROJECT_BINARY_DIR}/voicecap.1.gz
  COMMAND gzip -9nc ${PROJECT_SOURCE_DIR}/docs/voicecap.1 > ${PROJECT_BINARY_DIR}/voicecap.1.gz
  DEPENDS ${PROJECT_SOURCE_DIR}/docs/voicecap.1 VERBATIM)
add_custom_target(voicecap_manpage ALL DEPENDS ${PROJECT_BINARY_DIR}/voicecap.1.gz)
install(FILES ${PROJECT_BINARY_DIR}/voicecap.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1
  COMPONENT runtime)
install(FILES README.md LICENSE DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT runtime)
install(FILES examples/render.c
  DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/libvoicecap-dev/examples COMPONENT dev)
