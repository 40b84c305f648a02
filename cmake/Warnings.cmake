# One warning set for every target of ours. Third-party headers are included as SYSTEM,
# so these flags apply to our code only.
add_library(ascent_warnings INTERFACE)
target_compile_options(ascent_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wnon-virtual-dtor -Wold-style-cast
  -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough)
# clang's -Wconversion also warns about sign changes, which GCC's does not for C++, and clang's
# -Wpedantic about the long string literals cmake/EmbedText.cmake writes: keep the two alike.
if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  target_compile_options(ascent_warnings INTERFACE -Wno-sign-conversion -Wno-overlength-strings)
endif()
if(ASCENT_WERROR)
  target_compile_options(ascent_warnings INTERFACE -Werror)
endif()
if(ASCENT_SANITIZE)
  # With clang (the asan preset), the same build also carries libFuzzer's coverage, so the fuzz
  # targets in tests/fuzz link against these libraries with -fsanitize=fuzzer.
  set(ascent_sanitizers address,undefined)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    set(ascent_sanitizers fuzzer-no-link,address,undefined)
  endif()
  target_compile_options(ascent_warnings INTERFACE -fsanitize=${ascent_sanitizers} -fno-omit-frame-pointer
                         -fno-sanitize-recover=all)
  target_link_options(ascent_warnings INTERFACE -fsanitize=address,undefined)
endif()
if(ASCENT_TSAN)
  target_compile_options(ascent_warnings INTERFACE -fsanitize=thread -fno-omit-frame-pointer)
  target_link_options(ascent_warnings INTERFACE -fsanitize=thread)
endif()
