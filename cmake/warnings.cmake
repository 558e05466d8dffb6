add_library(faqt_warnings INTERFACE)
target_compile_options(faqt_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
  -Wcast-align -Wunused -Woverloaded-virtual -Wimplicit-fallthrough)
if(FAQT_WERROR)
  target_compile_options(faqt_warnings INTERFACE -Werror)
endif()
