# Writes OUT, a C++ file defining faqt::default_theme() with every file of
# the default theme in THEME_DIR (site/theme), by path relative to it.
file(GLOB_RECURSE FILES RELATIVE ${THEME_DIR} ${THEME_DIR}/*)
list(SORT FILES)
set(body "// Generated from site/theme/ by cmake/embed_theme.cmake. Do not edit.\n#include \"site/export.hpp\"\n\nnamespace faqt {\n\nstd::vector<ThemeFile> default_theme() {\n    return {\n")
foreach(file IN LISTS FILES)
  file(READ ${THEME_DIR}/${file} text)
  set(body "${body}        {\"${file}\", R\"faqt_theme(${text})faqt_theme\"},\n")
endforeach()
set(body "${body}    };\n}\n\n}  // namespace faqt\n")
file(WRITE ${OUT}.tmp "${body}")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different ${OUT}.tmp ${OUT})
