// Downloads: reports and spreadsheets written by the same code as the CLI's, to a temporary file
// that is read back and removed; and the temporary folders the server's files go to.
#include <filesystem>

#include "app/case_reports.hpp"
#include "server/api.hpp"

namespace ascent::server {

TempFolder::TempFolder(std::string_view purpose)
    : path_(std::filesystem::temp_directory_path() / ("ascent-" + std::string(purpose) + "-" + app::random_token())) {
    std::filesystem::create_directory(path_);
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all);
}

TempFolder::~TempFolder() {
    std::error_code ignored; // a destructor must not throw; a folder left behind is only untidy
    std::filesystem::remove_all(path_, ignored);
}

Reply file_reply(const std::string &file_name, std::string_view content_type, const std::function<void(const std::string &path)> &write) {
    const TempFolder folder("download");
    const auto path = folder.path() / ("download" + std::filesystem::path(file_name).extension().string());
    write(path.string());
    Reply reply;
    reply.content = app::read_file(path.string(), "the download");
    reply.content_type = content_type;
    reply.file_name = file_name;
    return reply;
}

Reply document_reply(const report::Document &doc, const std::string &name, const std::string &format) {
    if (format == "html") {
        Reply reply;
        reply.file_name = name + ".html";
        reply.content = app::document_html(doc);
        reply.content_type = "text/html; charset=utf-8";
        return reply;
    }
    if (format != "pdf") throw ApiError{404, "unknown_format", "reports are .html or .pdf"};
    return file_reply(name + ".pdf", "application/pdf", [&](const std::string &path) { app::write_document(doc, path); });
}

} // namespace ascent::server
