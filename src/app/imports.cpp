// The import use cases: validate, import with its guards, restore a snapshot, the history.
#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <future>

#include "app/council.hpp"
#include "app/settings.hpp"
#include "core/crash_point.hpp"
#include "core/error.hpp"
#include "core/extract_join.hpp"
#include "io/digest.hpp"

namespace ascent::app {

namespace {

io::ProgressFn stage(const Progress &progress, std::string_view name) {
    if (!progress) return {};
    return [progress, name](uint64_t done, uint64_t total) { progress(name, done, total); };
}

store::ImportRecord record_for(const std::string &path, const std::string &hash, const io::ImportReport &report,
                               std::string kind) {
    store::ImportRecord r;
    r.kind = std::move(kind);
    r.file_name = std::filesystem::path(path).filename().string();
    r.content_hash = hash;
    r.format = report.format;
    r.release = report.release;
    r.rows_read = report.rows_read;
    r.rows_rejected = report.rows_rejected;
    r.errors = report.errors();
    r.warnings = report.warnings();
    return r;
}

// Decides whether a parsed file may be written, and says why not.
bool may_write(const io::ImportReport &report, RowPolicy policy, std::string &message) {
    if (report.errors() == 0) return true;
    // Errors in the header or the file as a whole (row 0 or 1) cannot be skipped row by row.
    bool file_level_error = false;
    for (const auto &issue : report.issues())
        file_level_error = file_level_error || (issue.severity == io::Severity::error && issue.row <= 1);
    if (policy == RowPolicy::skip_invalid_rows && !file_level_error && report.rows_rejected < report.rows_read) {
        message = count_of(report.rows_rejected, "row", "rows") + " with errors skipped.";
        return true;
    }
    message = "Nothing was imported: " + count_of(report.errors(), "error", "errors") +
              ". Correct the file" + (file_level_error ? "" : ", or use --skip-invalid-rows to import the valid rows") + ".";
    return false;
}

std::string uk_date(const std::string &iso) {
    const auto d = parse_date(iso);
    return d ? d->uk() : iso;
}

// Import `id`'s record; an empty one if there is none (make_current then names the bad id).
store::ImportRecord import_record(store::Store &store, int64_t id) {
    for (auto &r : store.imports())
        if (r.id == id) return r;
    return {};
}

// What a CLD file holds, as the snapshot list and the guards count it.
struct SnapshotFigures {
    int64_t people = 0, open_lines = 0, weekly_cost = 0;
};

SnapshotFigures figures_of(const Ledger &ledger, Date as_at) {
    const auto s = summarise(ledger, as_at, WeeksPerYear::fifty_two(), 0);
    return {s.people_in_ledger, s.lines_open, s.weekly_gross.pence()};
}

// "people 3,030 → 4 (−99.9%)", and whether the change is beyond `limit` basis points.
std::string compare(std::string_view what, int64_t before, int64_t after, bool money, int64_t limit, bool &beyond) {
    const auto show = [&](int64_t v) { return money ? format_pence(Money::from_pence(v)) : group_thousands(v); };
    std::string out = fmt::format("{} {} → {}", what, show(before), show(after));
    if (before == 0) {
        beyond = beyond || after != 0;
        return out;
    }
    // Basis points of change, exact: |after − before| × 10000 against limit × |before|.
    const Int128 change = static_cast<Int128>(after - before) * 10000;
    const Int128 allowed = static_cast<Int128>(limit) * (before < 0 ? -before : before);
    beyond = beyond || change > allowed || -change > allowed;
    const double percent = 100.0 * static_cast<double>(after - before) / static_cast<double>(before);
    return out + fmt::format(" ({}{:.1f}%)", percent >= 0 ? "+" : "−", percent >= 0 ? percent : -percent);
}

} // namespace

// The guards a new CLD snapshot must pass to become current. They go in the report as file-level
// errors, so a dry run shows them and an import is refused with nothing stored.
void Council::check_snapshot(const io::CldBatch &batch, const ImportOptions &options, io::ImportReport &report) {
    const bool cost_column = !std::any_of(report.issues().begin(), report.issues().end(),
                                          [](const io::Issue &i) { return i.code == "missing-column" && i.column == "Unit_Cost"; });
    if (cost_column && batch.ledger.lines.size() > 0) {
        bool any_cost = false;
        for (std::size_t i = 0; i < batch.ledger.lines.size() && !any_cost; ++i)
            any_cost = batch.ledger.lines.unit_cost[i] != k_no_money;
        if (!any_cost)
            report.error("no-cost", 0, "Unit_Cost", "",
                         "no service row has a unit cost, so every weekly cost would be £0: a CLD file for the ledger "
                         "needs its Unit_Cost column filled");
    }
    if (batch.period_start && batch.period_end && *batch.period_end < *batch.period_start)
        report.error("period-order", 0, "Reporting_Period_End_Date", batch.period_end->uk(),
                     "the reporting period ends before it starts (" + batch.period_start->uk() + ")");
    const int64_t current = store_->current_snapshot();
    if (current == 0 || report.rows_read == 0) return; // nothing to compare (an unreadable file says why already)
    const store::ImportRecord now = import_record(*store_, current);
    const std::string current_name = fmt::format("the current snapshot (import {}, {})", now.id, now.file_name);
    if (!batch.la_code.empty() && !now.la_code.empty() && batch.la_code != now.la_code)
        report.error("snapshot-council", 0, "LA_Code", batch.la_code,
                     fmt::format("the file is for council {}, {} is for council {}. A ledger holds one council's "
                                 "data: use another database (--db) for council {}",
                                 batch.la_code, current_name, now.la_code, batch.la_code));
    const auto now_end = parse_date(now.period_end);
    if (batch.period_end && now_end && *batch.period_end < *now_end && !options.history)
        report.error("snapshot-period", 0, "Reporting_Period_End_Date", batch.period_end->uk(),
                     fmt::format("the file's reporting period ends {}, before that of {}, {}. To keep it as "
                                 "history without making it current, import it with --history",
                                 batch.period_end->uk(), current_name, now_end->uk()));
    if (options.history) return;
    SnapshotFigures before{now.people, now.open_lines, now.weekly_cost};
    if (now.people < 0) {
        const Ledger ledger = store_->load_ledger();
        before = figures_of(ledger, ledger.as_at);
    }
    const auto after = figures_of(batch.ledger, batch.period_end.value_or(Date::today()));
    const int64_t limit = max_import_change();
    bool beyond = false;
    const std::string change = compare("people", before.people, after.people, false, limit, beyond) + "; " +
                               compare("open lines", before.open_lines, after.open_lines, false, limit, beyond) + "; " +
                               compare("gross weekly cost", before.weekly_cost, after.weekly_cost, true, limit, beyond);
    report.notes.push_back("Against " + current_name + ": " + change + ".");
    if (!beyond) return;
    const std::string why = fmt::format("{}: more than the {}% the council allows in one file (setting {})", change,
                                        percent_of(limit), k_max_change_setting);
    if (options.accept_change.empty())
        report.error("snapshot-change", 0, "", "",
                     why + ". If the change is real, import the file again with --accept-change \"reason\"");
    else
        report.warning("snapshot-change", 0, "", "", why + "; accepted: " + options.accept_change);
}

io::ImportReport Council::validate_cld(const std::string &path, const Progress &progress) {
    io::ImportReport report(path);
    const auto batch = io::read_cld(path, report, stage(progress, "reading"));
    if (report.errors() == 0 || report.rows_read > report.rows_rejected) check_snapshot(batch, {}, report);
    return report;
}

io::ImportReport Council::validate_extract(const std::string &path, const std::string &mapping_path,
                                           const Progress &progress) {
    io::ImportReport report(path);
    io::read_extract(path, io::load_mapping(mapping_path), report, stage(progress, "reading"));
    return report;
}

ImportOutcome Council::import_cld(const std::string &path, const ImportOptions &options, const Progress &progress) {
    ImportOutcome outcome{io::ImportReport(path), false, false, false, {}, {}};
    // Hash on the second core while the file is parsed on this one.
    auto hash = std::async(std::launch::async, io::sha256_file, path);
    auto batch = io::read_cld(path, outcome.report, stage(progress, "reading"));
    const std::string content_hash = hash.get();
    if (const auto previous = store_->find_import("cld", content_hash, ""); previous && previous->retained) {
        outcome.report = io::ImportReport(path);
        outcome.record = *previous;
        if (previous->id == store_->current_snapshot()) {
            outcome.already_imported = true;
            outcome.message = fmt::format("Already imported on {} (import {}, same content); it is the current "
                                          "snapshot, so nothing changed.",
                                          previous->imported_at, previous->id);
            return outcome;
        }
        return restore_snapshot(previous->id);
    }
    crash_point("import-read");
    check_snapshot(batch, options, outcome.report);
    if (!may_write(outcome.report, options.policy, outcome.message)) return outcome;
    outcome.record = record_for(path, content_hash, outcome.report, "cld");
    outcome.record.la_code = batch.la_code;
    outcome.record.period_start = batch.period_start ? batch.period_start->iso() : "";
    outcome.record.period_end = batch.period_end ? batch.period_end->iso() : "";
    const auto figures = figures_of(batch.ledger, batch.period_end.value_or(Date::today()));
    outcome.record.people = figures.people;
    outcome.record.open_lines = figures.open_lines;
    outcome.record.weekly_cost = figures.weekly_cost;
    outcome.record.change_reason = options.accept_change;
    if (progress) progress("writing", 0, 1);
    outcome.record.id = store_->write_cld(batch, outcome.record, !options.history);
    if (progress) progress("writing", 1, 1);
    outcome.record = *store_->find_import("cld", content_hash, ""); // as stored: its time and rows written
    outcome.written = true;
    audit(actor_, "import", outcome.record.file_name,
          fmt::format("CLD snapshot {}{}{}", outcome.record.id, options.history ? " kept as history" : " made current",
                      options.accept_change.empty() ? "" : "; change accepted: " + options.accept_change));
    if (const auto joined = describe(match_extract_lines(batch.ledger, store_->extract_lines()).counts); !joined.empty())
        outcome.report.notes.push_back(joined);
    outcome.message = fmt::format("Imported {} and {} as snapshot {}{}.{}", count_of(figures.people, "person", "people"),
                                  count_of(batch.ledger.lines.size(), "service line", "service lines"), outcome.record.id,
                                  options.history ? ", kept as history (not current)" : ", now current",
                                  outcome.message.empty() ? "" : " " + outcome.message);
    return outcome;
}

ImportOutcome Council::import_extract(const std::string &path, const std::string &mapping_path,
                                      const ImportOptions &options, const Progress &progress) {
    const auto mapping = io::load_mapping(mapping_path);
    ImportOutcome outcome{io::ImportReport(path), false, false, false, {}, {}};
    const std::string content_hash = io::sha256_file(path);
    const std::string mapping_hash = io::sha256_file(mapping_path);
    const std::string kind(io::to_string(mapping.kind));
    if (const auto previous = store_->find_import(kind, content_hash, mapping_hash)) {
        outcome.already_imported = true;
        outcome.record = *previous;
        outcome.message = fmt::format("Already imported on {} (import {}, same content and mapping); nothing changed.",
                                      previous->imported_at, previous->id);
        return outcome;
    }
    auto batch = io::read_extract(path, mapping, outcome.report, stage(progress, "reading"));
    if (!may_write(outcome.report, options.policy, outcome.message)) return outcome;
    outcome.record = record_for(path, content_hash, outcome.report, kind);
    outcome.record.mapping_hash = mapping_hash;
    outcome.record.source = mapping.source;
    outcome.record.id = store_->write_extract(batch, outcome.record);
    outcome.written = true;
    audit(actor_, "import", outcome.record.file_name, outcome.record.kind + " import " + std::to_string(outcome.record.id));
    if (mapping.kind == io::ExtractKind::services) report_join(outcome.report);
    outcome.message = "Imported " + count_of(batch.records.size(), "record", "records") + " of " + kind + " (import " +
                      std::to_string(outcome.record.id) + ")." + (outcome.message.empty() ? "" : " " + outcome.message);
    return outcome;
}

// How the extract's service rows join the current snapshot's lines: counted in a note, and every
// row that joins no line a warning with its row.
void Council::report_join(io::ImportReport &report) {
    const Ledger ledger = store_->load_ledger();
    const auto extract = store_->extract_lines();
    if (const auto joined = describe(ledger.extract_join); !joined.empty()) report.notes.push_back(joined);
    for (std::size_t r : ledger.extract_join.unmatched)
        report.warning("no-line", extract[r].row, "line_ref", extract[r].line_ref,
                       fmt::format("person {} has no line in the current CLD snapshot with this reference, nor one "
                                   "with the same service type and start date; the row is kept for a later snapshot "
                                   "and adds no line",
                                   extract[r].person_id));
}

ImportOutcome Council::restore_snapshot(int64_t snapshot) {
    const store::ImportRecord record = import_record(*store_, snapshot);
    store_->make_current(snapshot, {0, {}, actor_, "restore", record.file_name,
                                    fmt::format("CLD snapshot {} made current", snapshot)});
    ImportOutcome outcome{io::ImportReport(record.file_name), false, false, true, record, {}};
    outcome.message = fmt::format("Snapshot {} ({}, imported {}, period ending {}) is current again", snapshot,
                                  record.file_name, record.imported_at, uk_date(record.period_end));
    if (record.people >= 0)
        outcome.message += fmt::format(": {}, {} open lines, {} a week", count_of(record.people, "person", "people"),
                                       group_thousands(record.open_lines), format_pence(Money::from_pence(record.weekly_cost)));
    outcome.message += ".";
    return outcome;
}

std::string format_imports(const ImportHistory &history) {
    std::string out;
    for (const auto &i : history.imports) {
        out += fmt::format("#{} {} {} {} sha256 {}… rows {} rejected {} errors {} warnings {} written {}", i.id,
                           i.imported_at, i.kind, i.file_name, i.content_hash.substr(0, 12), i.rows_read, i.rows_rejected,
                           i.errors, i.warnings, i.records_written);
        if (i.kind == "cld") {
            out += fmt::format("\n    snapshot: council {}, period {} to {}", i.la_code.empty() ? "?" : i.la_code,
                               uk_date(i.period_start), uk_date(i.period_end));
            if (i.people >= 0)
                out += fmt::format(", {}, {} open lines, {} a week", count_of(i.people, "person", "people"),
                                   group_thousands(i.open_lines), format_pence(Money::from_pence(i.weekly_cost)));
            out += i.id == history.current ? " — CURRENT" : i.retained ? " — kept (ascent import restore " +
                                                                             std::to_string(i.id) + ")"
                                                                       : " — not kept (imported before snapshots were kept)";
            if (!i.change_reason.empty()) out += "\n    change accepted: " + i.change_reason;
        }
        out += "\n";
    }
    return out;
}

} // namespace ascent::app
