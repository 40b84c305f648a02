// Background jobs and imports. An import is uploaded as multipart/form-data, checked and written
// on its own thread with its own connection to the ledger (reads go on meanwhile), then the
// server's snapshot of the ledger is rebuilt; the UI polls the job for its progress.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "server/api.hpp"
#include "app/json_views.hpp"

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

const Upload &upload(const Call &call, const std::string &field, const char *what) {
    const auto it = call.uploads.find(field);
    if (it == call.uploads.end() || it->second.path.empty() || it->second.size == 0)
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
    // The upload's own name: the server's temporary folder means nothing to the user.
    return {{"file", std::filesystem::path(r.file()).filename().string()},           {"rows_read", r.rows_read}, {"rows_rejected", r.rows_rejected},
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
            {"imported_at", r.imported_at},
            {"mapping_sha256", r.mapping_hash},
            {"la_code", r.la_code},
            {"people", r.people >= 0 ? json(r.people) : json()},
            {"open_lines", r.open_lines >= 0 ? json(r.open_lines) : json()},
            {"weekly_cost", r.weekly_cost >= 0 ? json(format_pence(Money::from_pence(r.weekly_cost))) : json()},
            {"weekly_cost_pence", r.weekly_cost >= 0 ? json(r.weekly_cost) : json()},
            {"retained", r.retained},
            {"change_reason", r.change_reason}};
}

json outcome_json(const app::ImportOutcome &outcome) {
    json out{{"written", outcome.written},
             {"already_imported", outcome.already_imported},
             {"restored", outcome.restored},
             {"message", outcome.message},
             {"report", report_json(outcome.report)}};
    if (outcome.written || outcome.restored) out["record"] = record_json(outcome.record);
    return out;
}

// Form fields: kind (cld or extract), file, mapping (extracts), policy (all_or_nothing or
// skip_invalid_rows), check_only ("true": validate without writing), accept_change (a CLD file:
// the reason for accepting a change beyond the council's threshold), history ("true": keep a CLD
// file as a snapshot without making it current).
Reply start_import(Call &call) {
    const auto kind = field_or(call, "kind", "cld");
    if (kind != "cld" && kind != "extract") throw ApiError{400, "bad_kind", "kind must be cld or extract"};
    const auto policy_text = field_or(call, "policy", "all_or_nothing");
    if (policy_text != "all_or_nothing" && policy_text != "skip_invalid_rows")
        throw ApiError{400, "bad_policy", "policy must be all_or_nothing or skip_invalid_rows"};
    const bool check_only = field_or(call, "check_only", "false") == "true";
    const auto policy = policy_text == "all_or_nothing" ? app::RowPolicy::all_or_nothing : app::RowPolicy::skip_invalid_rows;

    app::ImportOptions options(policy);
    options.accept_change = field_or(call, "accept_change", "");
    options.history = field_or(call, "history", "false") == "true";
    // The uploaded files are in the request's private folder, which the job keeps until it ends.
    const auto folder = call.upload_folder;
    const auto file = upload(call, "file", kind == "cld" ? "CLD file" : "extract").path.string();
    const auto mapping = kind == "extract" ? upload(call, "mapping", "extract's column mapping (YAML)").path.string() : std::string();

    auto &engine = call.engine;
    const auto user = call.user();
    const auto id = call.jobs.start("import", user, [&engine, user, kind, file, mapping, options, check_only, folder](const auto &report) {
        app::Council council(engine.database());
        council.act_as(user);
        const app::Progress progress = [&](std::string_view stage, uint64_t done, uint64_t total) { report(stage, done, total); };
        if (check_only) {
            const auto r = kind == "cld" ? council.validate_cld(file, progress) : council.validate_extract(file, mapping, progress);
            return json{{"written", false}, {"check_only", true}, {"report", report_json(r)}};
        }
        const auto outcome =
            kind == "cld" ? council.import_cld(file, options, progress) : council.import_extract(file, mapping, options, progress);
        if (outcome.written || outcome.restored) {
            report("analysing the ledger again", 0, 0);
            engine.reload();
        }
        return outcome_json(outcome);
    });
    return {202, {{"job", id}}};
}

// Every import, newest last; each CLD snapshot says whether it is the current one.
Reply imports(Call &call) {
    const auto history = call.engine.with_council(call.user(), [](app::Council &c) { return c.import_history(); });
    json out = json::array();
    for (const auto &r : history.imports) {
        auto record = record_json(r);
        record["current"] = r.id == history.current;
        out.push_back(std::move(record));
    }
    return {200, out};
}

// Makes a kept CLD snapshot current again; the server's ledger follows before the reply.
Reply restore(Call &call) {
    const auto id = id_param(call, 0, "snapshot");
    const auto outcome = call.engine.with_council(call.user(), [&](app::Council &c) { return c.restore_snapshot(id); });
    call.engine.reload();
    return {200, outcome_json(outcome)};
}

json settings_json(const std::vector<app::CouncilSetting> &settings) {
    json out = json::array();
    for (const auto &s : settings)
        out.push_back({{"key", s.key}, {"value", s.value}, {"default", s.is_default}, {"description", s.description}});
    return out;
}

Reply settings(Call &call) {
    return {200, settings_json(call.engine.with_council(call.user(), [](app::Council &c) { return c.settings(); }))};
}

// Body: {"value": "25%"}; for levers, the catalogue's YAML text or "built-in". Every figure the
// server shows follows at once (the ledger is analysed again under the new conventions).
Reply set_setting(Call &call) {
    const auto key = call.params.at(0);
    const auto value = text_field(call.body, "value");
    auto out = settings_json(call.engine.with_council(call.user(), [&](app::Council &c) {
        c.set_setting(key, value);
        return c.settings();
    }));
    call.engine.reload();
    return {200, out};
}

} // namespace

void add_job_routes(std::vector<Route> &routes) {
    routes.push_back({{"GET", "/api/v1/jobs/{id}", Role::viewer, "A background job of yours: its stage, progress and, once done, result"}, get_job});
    routes.push_back({{"GET", "/api/v1/imports", Role::viewer, "The import history: files, hashes, rows, errors"}, imports});
    routes.push_back({{"POST", "/api/v1/imports/{id}/restore", Role::finance,
                       "Make a kept CLD snapshot current again (audited); every figure follows"},
                      restore});
    routes.push_back({{"GET", "/api/v1/settings", Role::viewer, "The council's settings of this ledger"}, settings});
    routes.push_back({{"PUT", "/api/v1/settings/{key}", Role::admin, "Change a council setting (audited)"}, set_setting});
    routes.push_back({{"POST", "/api/v1/imports", Role::finance,
                       "Upload a CLD file or an extract with its mapping to check or import in the background (audited)"},
                      start_import});
}

} // namespace ascent::server
