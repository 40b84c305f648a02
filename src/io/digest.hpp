// SHA-256 and HMAC-SHA-256 (OpenSSL) for file identity, rules versions and pseudonyms.
#pragma once

#include <string>
#include <string_view>

namespace ascent::io {

// SHA-256 of a file's bytes, as lowercase hex.
std::string sha256_file(const std::string &path);
// SHA-256 of some text, as lowercase hex.
std::string sha256_text(std::string_view text);
// HMAC-SHA-256 of `text` under `key`, as lowercase hex: the same id and key always give the same
// pseudonym, and without the key the id cannot be recovered or tested.
std::string hmac_sha256(std::string_view key, std::string_view text);

} // namespace ascent::io
