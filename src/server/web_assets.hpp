// The browser UI's built files (web/dist), embedded in the binary at build time.
#pragma once

#include <string_view>
#include <vector>

namespace ascent::server {

struct WebAsset {
    std::string_view path; // "/index.html", "/assets/index-abc123.js"
    std::string_view bytes;
};

extern const std::vector<WebAsset> k_web_assets;

} // namespace ascent::server
