# One warning set for every target of ours. Third-party headers are included as SYSTEM,
# so these flags apply to our code only.
add_library(ascent_warnings INTERFACE)
target_compile_options(ascent_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wnon-virtual-dtor -Wold-style-cast
  -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough)
if(ASCENT_WERROR)
  target_compile_options(ascent_warnings INTERFACE -Werror)
endif()
if(ASCENT_SANITIZE)
  target_compile_options(ascent_warnings INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer
                         -fno-sanitize-recover=all)
  target_link_options(ascent_warnings INTERFACE -fsanitize=address,undefined)
endif()
if(ASCENT_TSAN)
  target_compile_options(ascent_warnings INTERFACE -fsanitize=thread -fno-omit-frame-pointer)
  target_link_options(ascent_warnings INTERFACE -fsanitize=thread)
endif()
