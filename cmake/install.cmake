# What `cmake --install build [--prefix DIR]` puts where (the binary itself
# is installed by cli/CMakeLists.txt): the man pages, so `man faqt-search`
# works, and the bash, zsh and fish completions. tests/packaging/ checks it.
file(GLOB FAQT_MAN1 CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/man/*.1)
file(GLOB FAQT_MAN5 CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/man/*.5)
file(GLOB FAQT_MAN7 CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/man/*.7)
install(FILES ${FAQT_MAN1} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
install(FILES ${FAQT_MAN5} DESTINATION ${CMAKE_INSTALL_MANDIR}/man5)
install(FILES ${FAQT_MAN7} DESTINATION ${CMAKE_INSTALL_MANDIR}/man7)

install(FILES ${PROJECT_SOURCE_DIR}/completions/faqt.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME faqt)
install(FILES ${PROJECT_SOURCE_DIR}/completions/_faqt DESTINATION ${CMAKE_INSTALL_DATADIR}/zsh/site-functions)
install(FILES ${PROJECT_SOURCE_DIR}/completions/faqt.fish DESTINATION ${CMAKE_INSTALL_DATADIR}/fish/vendor_completions.d)
