# Every dependency comes from Debian's packages (scripts/setup installs them).
find_package(PkgConfig REQUIRED)
pkg_check_modules(XAPIAN REQUIRED IMPORTED_TARGET xapian-core)
pkg_check_modules(CMARK_GFM REQUIRED IMPORTED_TARGET libcmark-gfm)
pkg_check_modules(LIBXML2 REQUIRED IMPORTED_TARGET libxml-2.0)
pkg_check_modules(TOMLPP REQUIRED IMPORTED_TARGET tomlplusplus)
pkg_check_modules(YAMLCPP REQUIRED IMPORTED_TARGET yaml-cpp)
pkg_check_modules(ICU REQUIRED IMPORTED_TARGET icu-uc icu-i18n)
find_package(CLI11 CONFIG REQUIRED)
find_package(Threads REQUIRED)
find_library(CMARK_GFM_EXTENSIONS_LIB cmark-gfm-extensions REQUIRED)
# kainjow-mustache: canned answers (faqt_content).
find_path(MUSTACHE_INCLUDE_DIR kainjow/mustache.hpp REQUIRED)
# Tickets (tickets/): GMime 3 reads email, libcsv ticket exports,
# nlohmann-json JSON Lines.
pkg_check_modules(GMIME REQUIRED IMPORTED_TARGET gmime-3.0)
# GMime is not linked: tickets/email.cpp loads it with dlopen() on the first
# email it reads, so that the 15 shared objects it brings (glib, gobject,
# gio, gpgme, libmount...) and their constructors cost nothing to the
# commands that read no email (BENCHMARKS.md, "Email and process start").
# The target gives its headers only. GMime 3's soname has been .so.0 since 3.0.
set_property(TARGET PkgConfig::GMIME PROPERTY INTERFACE_LINK_LIBRARIES ${CMAKE_DL_LIBS})
set_property(TARGET PkgConfig::GMIME PROPERTY INTERFACE_LINK_OPTIONS "")
set_property(TARGET PkgConfig::GMIME APPEND PROPERTY INTERFACE_COMPILE_DEFINITIONS
             FAQT_GMIME_SONAME="libgmime-3.0.so.0")
find_path(CSV_INCLUDE_DIR csv.h REQUIRED)
find_library(CSV_LIB csv REQUIRED)
find_package(nlohmann_json CONFIG REQUIRED)

# Process start: every shared object costs a map, relocations and symbol
# lookups at each run, before main (BENCHMARKS.md, "Search cost"). The
# libraries Debian also ships as static archives go into the binary;
# toml++ is used as the header-only library it also is. Xapian (no archive
# in Debian), libstdc++ and zlib stay shared. -DFAQT_STATIC_DEPS=OFF links
# everything shared.
option(FAQT_STATIC_DEPS "Link yaml-cpp, cmark-gfm, libxml2, ICU and toml++ into the binary" ON)
if(FAQT_STATIC_DEPS)
  # Paths of lib<name>.a for each name, or "" when one is missing.
  function(faqt_static_archives out)
    set(paths "")
    foreach(name IN LISTS ARGN)
      find_library(FAQT_STATIC_${name} NAMES lib${name}.a)
      if(NOT FAQT_STATIC_${name})
        message(STATUS "lib${name}.a not found: linking the shared libraries")
        set(${out} "" PARENT_SCOPE)
        return()
      endif()
      list(APPEND paths ${FAQT_STATIC_${name}})
    endforeach()
    set(${out} ${paths} PARENT_SCOPE)
  endfunction()
  faqt_static_archives(icu_a icui18n icuuc icudata)
  faqt_static_archives(xml2_a xml2 lzma)
  faqt_static_archives(yaml_a yaml-cpp)
  faqt_static_archives(cmark_a cmark-gfm-extensions cmark-gfm)
  # Archives resolve left to right: each target lists what it needs after it.
  if(icu_a)
    set_property(TARGET PkgConfig::ICU PROPERTY INTERFACE_LINK_LIBRARIES ${icu_a} Threads::Threads ${CMAKE_DL_LIBS})
  endif()
  if(icu_a AND xml2_a)
    set_property(TARGET PkgConfig::LIBXML2 PROPERTY INTERFACE_LINK_LIBRARIES ${xml2_a} ${icu_a} z m Threads::Threads)
  endif()
  if(yaml_a)
    set_property(TARGET PkgConfig::YAMLCPP PROPERTY INTERFACE_LINK_LIBRARIES ${yaml_a})
  endif()
  if(cmark_a)
    set_property(TARGET PkgConfig::CMARK_GFM PROPERTY INTERFACE_LINK_LIBRARIES ${cmark_a})
    set(CMARK_GFM_EXTENSIONS_LIB PkgConfig::CMARK_GFM)
  endif()
  set_property(TARGET PkgConfig::TOMLPP PROPERTY INTERFACE_LINK_LIBRARIES "")
  set_property(TARGET PkgConfig::TOMLPP PROPERTY INTERFACE_COMPILE_OPTIONS "")
  set_property(TARGET PkgConfig::TOMLPP PROPERTY INTERFACE_COMPILE_DEFINITIONS TOML_HEADER_ONLY=1)
endif()
