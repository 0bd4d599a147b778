# What `cmake --install` puts where, and the Debian package CPack makes of it (tools/package).
include(GNUInstallDirs)

# zsh looks in share/zsh/site-functions under /usr/local; Debian's zsh reads packaged
# completions from /usr/share/zsh/vendor-completions instead.
if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  set(asq_zsh_default "${CMAKE_INSTALL_DATADIR}/zsh/vendor-completions")
else()
  set(asq_zsh_default "${CMAKE_INSTALL_DATADIR}/zsh/site-functions")
endif()
set(ASQ_ZSH_COMPLETION_DIR "${asq_zsh_default}" CACHE STRING
    "where the zsh completion is installed, relative to the prefix")

# The man page is installed compressed, as Debian policy asks (man reads it either way).
set(ASQ_MAN_SOURCE ${CMAKE_SOURCE_DIR}/docs/alembic-squash.1)
set(ASQ_MAN_PAGE ${CMAKE_BINARY_DIR}/alembic-squash.1.gz)
add_custom_command(
  OUTPUT ${ASQ_MAN_PAGE}
  COMMAND gzip -9 -n -c ${ASQ_MAN_SOURCE} > ${ASQ_MAN_PAGE}
  DEPENDS ${ASQ_MAN_SOURCE}
  COMMENT "Compressing the man page")
add_custom_target(man_page ALL DEPENDS ${ASQ_MAN_PAGE})

install(TARGETS alembic-squash RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS alembic-squash-full RUNTIME DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/alembic-squash)
install(FILES ${ASQ_MAN_PAGE} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${CMAKE_SOURCE_DIR}/completions/alembic-squash.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME alembic-squash)
install(FILES ${CMAKE_SOURCE_DIR}/completions/_alembic-squash
        DESTINATION ${ASQ_ZSH_COMPLETION_DIR})
# The JSON Schema of every command's --json output, for tools that check it.
install(FILES ${CMAKE_SOURCE_DIR}/docs/json/alembic-squash.schema.json
        DESTINATION ${CMAKE_INSTALL_DATADIR}/alembic-squash)

# The .deb. Depends names the Debian 12 package of each shared library the binaries link
# directly (readelf -d: NEEDED), with the versions dpkg-shlibdeps derives; libpq5 comes with
# libpqxx. tests/install/package_test.cpp checks the list against the binaries. The tool needs no
# external program of its own: the PostgreSQL client and Alembic are only suggested (the docs'
# pg_dump checks, the project's own migrations); Python runs only where the project asks for it
# (the real-Alembic replay engine, alembic.ini's post_write_hooks).
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME alembic-squash)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "alembic-squash maintainers <maintainers@users.noreply.b-seed-f3ccff78.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "squash a fragmented Alembic revision history on PostgreSQL into one baseline")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
    "Consolidates an Alembic revision chain on PostgreSQL into one fresh baseline plus a sync
 revision for the drift between the chain and the live database, verified in a scratch
 database before anything changes, archived so that `alembic-squash restore` undoes it.
 Also diagnoses broken chains (unknown revision in the version table, several heads, stale
 __pycache__) and diffs schemas for audits. Reads the revision files itself: no Python needed.")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "libboost-program-options1.74.0 (>= 1.74.0+ds1), libc6 (>= 2.34), libgcc-s1 (>= 3.0), \
libpq5 (>= 15), libpqxx-6.4 (>= 6.4), libstdc++6 (>= 11), libtomlplusplus3 (>= 3.2.0)")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "postgresql-client, python3-alembic")
set(CPACK_STRIP_FILES ON)
include(CPack)
