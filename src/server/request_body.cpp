// Request bodies, read after the session and role are checked: JSON and plain bodies into memory
// (up to k_body_limit), multipart uploads streamed to a private folder on disk (up to
// k_upload_limit), so a 500 MB CLD file never sits in the server's memory.
#include <fmt/format.h>
#include <httplib.h>

#include <algorithm>
#include <fstream>

#include "core/error.hpp"
#include "server/api.hpp"

namespace ascent::server {

namespace {

constexpr std::size_t k_field_limit = 1u << 20; // a plain form field

std::string mebibytes(std::size_t bytes) { return fmt::format("{} MB", bytes >> 20); }

ApiError too_large(std::size_t limit, bool upload) {
    return {413, "too_large",
            fmt::format("the {} is larger than the server accepts ({}){}", upload ? "file" : "request body", mebibytes(limit),
                        upload ? "; split the file, or import it with the CLI (`ascent import cld`), which has no limit" : "")};
}

} // namespace

// A base name safe to write in a temporary folder: letters, digits, and . - _ kept.
std::string safe_file_name(const std::string &name) {
    std::string out = std::filesystem::path(name).filename().string();
    std::replace_if(out.begin(), out.end(), [](unsigned char c) { return !std::isalnum(c) && c != '.' && c != '-' && c != '_'; }, '_');
    if (out.empty() || out.front() == '.') out = "upload" + out;
    return out;
}

void read_body(const httplib::Request &req, const httplib::ContentReader &reader, Call &call) {
    const bool multipart = req.is_multipart_form_data();
    const std::size_t limit = multipart ? k_upload_limit : k_body_limit;
    if (req.has_header("Content-Length") && std::stoull(req.get_header_value("Content-Length")) > limit + (multipart ? k_field_limit : 0))
        throw too_large(limit, multipart);
    if (!multipart) {
        std::string body;
        bool over = false;
        reader([&](const char *data, std::size_t size) {
            over = body.size() + size > limit;
            if (!over) body.append(data, size);
            return !over;
        });
        if (over) throw too_large(limit, false);
        call.raw_body = std::move(body);
        return;
    }
    call.upload_folder = std::make_shared<const TempFolder>("upload");
    std::ofstream file;
    Upload *part = nullptr;
    std::size_t part_size = 0;
    bool over = false, failed = false;
    std::size_t over_limit = 0;
    const bool read = reader(
        [&](const httplib::MultipartFormData &header) {
            if (file.is_open()) file.close();
            part = &call.uploads[header.name];
            part->file_name = header.filename;
            part_size = 0;
            if (!header.filename.empty()) {
                part->path = call.upload_folder->path() / safe_file_name(header.filename);
                file.open(part->path, std::ios::binary | std::ios::trunc);
                failed = !file;
            }
            return !failed;
        },
        [&](const char *data, std::size_t size) {
            part_size += size;
            part->size = part_size;
            over_limit = file.is_open() ? limit : k_field_limit;
            if (file.is_open()) {
                over = part_size > limit;
                if (!over) file.write(data, static_cast<std::streamsize>(size));
                failed = failed || !file;
            } else {
                over = part_size > k_field_limit;
                if (!over) part->content.append(data, size);
            }
            return !over && !failed;
        });
    if (file.is_open()) file.close();
    if (over) throw too_large(over_limit, over_limit == limit);
    if (failed) throw Error(ErrorKind::storage, "cannot write an uploaded file to the server's temporary folder");
    if (!read) throw ApiError{400, "bad_upload", "the upload ended before its last part (the connection was cut?)"};
}

} // namespace ascent::server
