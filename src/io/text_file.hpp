// A whole file read as text, for the YAML files ascent reads (rules, parameters, options, cases).
#pragma once

#include <string>
#include <string_view>

namespace ascent::io {

// The file's bytes. Throws input_error "PATH: cannot open WHAT" if it cannot be read.
std::string read_text_file(const std::string &path, std::string_view what);
// Throws input_error unless `path` is a regular file (checked before it is opened: opening a FIFO
// waits for a writer, and a device such as /dev/zero never ends).
void require_regular_file(const std::string &path, std::string_view what);

} // namespace ascent::io
