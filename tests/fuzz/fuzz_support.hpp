// Shared by the libFuzzer targets (tests/fuzz/README.md). Each target feeds one reader of outside
// input and checks an oracle beyond "no crash"; a finding aborts with what differed.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace ascent::fuzz {

// A finding: says what went wrong and aborts, so libFuzzer keeps the input.
[[noreturn]] inline void finding(const std::string &what) {
    std::fprintf(stderr, "finding: %s\n", what.c_str());
    std::abort();
}

// The input as a file (the readers take a path), in a directory of this process removed at exit.
inline std::string as_file(const uint8_t *data, std::size_t size, const std::string &name) {
    struct Dir {
        std::string path;
        Dir() {
            char pattern[] = "/tmp/ascent-fuzz-XXXXXX";
            const char *made = mkdtemp(pattern);
            if (made == nullptr) finding("cannot make a temporary directory");
            path = made;
        }
        ~Dir() {
            std::error_code ec;
            std::filesystem::remove_all(path, ec);
        }
    };
    static const Dir dir;
    const std::string path = dir.path + "/" + name;
    std::ofstream(path, std::ios::binary | std::ios::trunc)
        .write(reinterpret_cast<const char *>(data), static_cast<std::streamsize>(size));
    return path;
}

inline std::string_view as_text(const uint8_t *data, std::size_t size) {
    return {reinterpret_cast<const char *>(data), size};
}

// Runs `read`: true if it accepted the input, false if it refused it with an input error (the
// only right answer to bad input). Any other error is a finding: an "internal error" in the CLI
// (exit 4) or a 500 from the server. Other exceptions escape, and libFuzzer reports them.
template <typename Read>
bool accepts(Read &&read) {
    try {
        read();
        return true;
    } catch (const Error &e) {
        if (e.kind() != ErrorKind::input) finding(std::string("not an input error: ") + e.what());
        return false;
    }
}

} // namespace ascent::fuzz
