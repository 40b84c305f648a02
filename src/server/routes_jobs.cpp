// Background jobs and imports. An import is uploaded as multipart/form-data, checked and written
// on its own thread with its own connection to the ledger (reads go on meanwhile), then the
// server's snapshot of the ledger is rebuilt; the UI polls the job for its progress.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "server/api.hpp"
#include "server/json_views.hpp"

namespace ascent::server {

namespace {

using app::Role;

json job_json(const Job &j) {
    json out{{"id", j.id},
             {"kind", j.kind},
             {"state", to_string(j.state)},
             {"stage", j.stage},
             {"done", j.done},
             {"total", j.total},
             {"started_by", j.user}};
    if (j.state == Job::State::succeeded) out["result"] = j.result;
    if (j.state == Job::State::failed) out["error"] = {{"status", j.error_status}, {"code", j.error_code}, {"message", j.error_message}};
    return out;
}

Reply get_job(Call &call) {
    const auto job = call.jobs.find(call.params.at(0));
    // Someone else's job is as unknown as a job that never was: its id is not to be guessed.
    if (!job || (job->user != call.user() && !app::administers(call.role())))
        throw ApiError{404, "unknown_job", "no job '" + call.params.at(0) + "' of yours"};
    return {200, job_json(*job)};
}

// A base name safe to write in a temporary folder: letters, digits, and . - _ kept.
std::string safe_file_name(const std::string &name) {
    std::string out = std::filesystem::path(name).filename().string();
    std::replace_if(out.begin(), out.end(), [](unsigned char c) { return !std::isalnum(c) && c != '.' && c != '-' && c != '_'; }, '_');
    if (out.empty() || out.front() == '.') out = "upload" + out;
    return out;
}

const Upload &upload(const Call &call, const std::string &field, const char *what) {
    const auto it = call.uploads.find(field);
    if (it == call.uploads.end() || it->second.content.empty())
        throw ApiError{400, "missing_file", fmt::format("send the {} as the form field \"{}\"", what, field)};
    return it->second;
}

std::string field_or(const Call &call, const std::string &field, const std::string &fallback) {
    const auto it = call.uploads.find(field);
    return it == call.uploads.end() ? fallback : it->second.content;
}

json report_json(const io::ImportReport &r) {
    json issues = json::array();
    for (std::size_t i = 0; i < r.issues().size() && i < 200; ++i) {
        const auto &issue = r.issues()[i];
        issues.push_back({{"severity", issue.severity == io::Severity::error ? "error" : "warning"},
                          {"code", issue.code},
                          {"row", issue.row},
                          {"column", issue.column},
                          {"value", issue.value},
                          {"message", issue.message}});
    }
    return {{"file", r.file()},           {"rows_read", r.rows_read}, {"rows_rejected", r.rows_rejected},
            {"errors", r.errors()},       {"warnings", r.warnings()}, {"format", r.format},
            {"release", r.release},       {"notes", r.notes},         {"issues", issues},
            {"issues_not_listed", r.errors() + r.warnings() - issues.size()}};
}

json record_json(const store::ImportRecord &r) {
    return {{"id", r.id},
            {"kind", r.kind},
            {"file_name", r.file_name},
            {"sha256", r.content_hash},
            {"source", r.source},
            {"format", r.format},
            {"release", r.release},
            {"period_start", r.period_start},
            {"period_end", r.period_end},
            {"rows_read", r.rows_read},
            {"rows_rejected", r.rows_rejected},
            {"errors", r.errors},
            {"warnings", r.warnings},
            {"records_written", r.records_written},
            {"imported_at", r.imported_at}};
}

// Form fields: kind (cld or extract), file, mapping (extracts), policy (all_or_nothing or
// skip_invalid_rows), check_only ("true": validate without writing).
Reply start_import(Call &call) {
    const auto kind = field_or(call, "kind", "cld");
    if (kind != "cld" && kind != "extract") throw ApiError{400, "bad_kind", "kind must be cld or extract"};
    const auto policy_text = field_or(call, "policy", "all_or_nothing");
    if (policy_text != "all_or_nothing" && policy_text != "skip_invalid_rows")
        throw ApiError{400, "bad_policy", "policy must be all_or_nothing or skip_invalid_rows"};
    const bool check_only = field_or(call, "check_only", "false") == "true";
    const auto policy = policy_text == "all_or_nothing" ? app::RowPolicy::all_or_nothing : app::RowPolicy::skip_invalid_rows;

    // The files go to a private folder the job removes when it ends.
    const auto folder = std::make_shared<const TempFolder>("upload");
    const auto save = [&](const Upload &u) {
        const auto path = folder->path() / safe_file_name(u.file_name);
        std::ofstream(path, std::ios::binary) << u.content;
        return path.string();
    };
    const auto file = save(upload(call, "file", kind == "cld" ? "CLD file" : "extract"));
    const auto mapping = kind == "extract" ? save(upload(call, "mapping", "extract's column mapping (YAML)")) : std::string();

    auto &engine = call.engine;
    const auto user = call.user();
    const auto id = call.jobs.start("import", user, [&engine, user, kind, file, mapping, policy, check_only, folder](const auto &report) {
        app::Council council(engine.database());
        council.act_as(user);
        const app::Progress progress = [&](std::string_view stage, uint64_t done, uint64_t total) { report(stage, done, total); };
        if (check_only) {
            const auto r = kind == "cld" ? council.validate_cld(file, progress) : council.validate_extract(file, mapping, progress);
            return json{{"written", false}, {"check_only", true}, {"report", report_json(r)}};
        }
        const auto outcome = kind == "cld" ? council.import_cld(file, policy, progress) : council.import_extract(file, mapping, policy, progress);
        json out{{"written", outcome.written},
                 {"already_imported", outcome.already_imported},
                 {"message", outcome.message},
                 {"report", report_json(outcome.report)}};
        if (outcome.written) {
            out["record"] = record_json(outcome.record);
            report("analysing the ledger again", 0, 0);
            engine.reload();
        }
        return out;
    });
    return {202, {{"job", id}}};
}

Reply imports(Call &call) {
    json out = json::array();
    for (const auto &r : call.engine.with_council(call.user(), [](app::Council &c) { return c.imports(); })) out.push_back(record_json(r));
    return {200, out};
}

} // namespace

void add_job_routes(std::vector<Route> &routes) {
    routes.push_back({{"GET", "/api/v1/jobs/{id}", Role::viewer, "A background job of yours: its stage, progress and, once done, result"}, get_job});
    routes.push_back({{"GET", "/api/v1/imports", Role::viewer, "The import history: files, hashes, rows, errors"}, imports});
    routes.push_back({{"POST", "/api/v1/imports", Role::finance,
                       "Upload a CLD file or an extract with its mapping to check or import in the background (audited)"},
                      start_import});
}

} // namespace ascent::server
