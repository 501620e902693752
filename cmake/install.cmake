# install.cmake - install rules (included by the top CMakeLists.txt): the
# tonesift program and its tonesift-<command> names, libtonesift (static,
# and shared unless TS_SHARED=OFF) with its public headers, a relocatable
# tonesift.pc for pkg-config, and the man pages.
include(GNUInstallDirs)

option(TS_SHARED "also build and install libtonesift as a shared library" ON)

set(TS_INSTALL_TARGETS tonesift_cli tonesift)
if(TS_SHARED)
  # The same objects as the static library (compiled as PIC, with
  # -fvisibility=hidden, so only the TS_EXPORT API is exported), linked
  # whole into libtonesift.so.0.
  set(TS_SHARED_STUB ${PROJECT_BINARY_DIR}/tonesift_shared_stub.c)
  file(WRITE ${TS_SHARED_STUB}
       "/* tonesift_shared_stub.c - generated: the shared library's code comes from libtonesift.a */\ntypedef int ts_shared_stub;\n")
  add_library(tonesift_shared SHARED ${TS_SHARED_STUB})
  target_link_libraries(tonesift_shared PRIVATE
    -Wl,--whole-archive tonesift -Wl,--no-whole-archive)
  if(NOT TS_SANITIZE AND NOT TS_FUZZ)   # sanitizer runtimes are left undefined
    target_link_options(tonesift_shared PRIVATE -Wl,--no-undefined)
  endif()
  set_target_properties(tonesift_shared PROPERTIES
    OUTPUT_NAME tonesift
    VERSION ${PROJECT_VERSION}
    SOVERSION ${PROJECT_VERSION_MAJOR}
    C_VISIBILITY_PRESET hidden)
  list(APPEND TS_INSTALL_TARGETS tonesift_shared)
endif()

install(TARGETS ${TS_INSTALL_TARGETS}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/tonesift
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.h")

# tonesift-norm, tonesift-claims ...: the program answers to these names too
foreach(cmd norm claims score run summarize report)
  install(CODE "file(CREATE_LINK tonesift
    \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}/tonesift-${cmd}\" SYMBOLIC)")
endforeach()

# pkg-config: prefix relative to the .pc file, so `cmake --install --prefix`
# anywhere gives a working tonesift.pc
file(RELATIVE_PATH TS_PC_PREFIX_REL
  /prefix/${CMAKE_INSTALL_LIBDIR}/pkgconfig /prefix)
string(REGEX REPLACE "/$" "" TS_PC_PREFIX_REL "${TS_PC_PREFIX_REL}")
configure_file(${PROJECT_SOURCE_DIR}/cmake/tonesift.pc.in
  ${PROJECT_BINARY_DIR}/tonesift.pc @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/tonesift.pc
  DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

file(GLOB TS_MAN_PAGES CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/doc/man/*.1)
install(FILES ${TS_MAN_PAGES} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
