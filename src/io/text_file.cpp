#include "io/text_file.hpp"

#include <fstream>
#include <sstream>

#include "core/error.hpp"

namespace ascent::io {

std::string read_text_file(const std::string &path, std::string_view what) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw input_error(path + ": cannot open " + std::string(what));
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

} // namespace ascent::io
