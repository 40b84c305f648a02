#include "io/text_file.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/error.hpp"

namespace ascent::io {

void require_regular_file(const std::string &path, std::string_view what) {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (status.type() == std::filesystem::file_type::not_found)
        throw input_error(path + ": no such file; expected " + std::string(what));
    if (status.type() == std::filesystem::file_type::directory)
        throw input_error(path + ": a directory, not a file; expected " + std::string(what));
    if (ec || status.type() != std::filesystem::file_type::regular)
        throw input_error(path + ": not a regular file (a device, pipe or socket); expected " + std::string(what));
}

std::string read_text_file(const std::string &path, std::string_view what) {
    require_regular_file(path, what);
    std::ifstream in(path, std::ios::binary);
    if (!in) throw input_error(path + ": cannot open " + std::string(what));
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace ascent::io
