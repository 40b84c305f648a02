// CLD snapshots: kept, restorable, guarded, and safe when the process is killed mid-import.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fmt/format.h>

#include <regex>

#include "app/council.hpp"
#include "test_support.hpp"

namespace ascent {

namespace {

struct Figures {
    int64_t people = 0, open_lines = 0, weekly = 0, current = 0;
    bool operator==(const Figures &) const = default;
};

Figures figures(const std::string &db) {
    app::Council council(db);
    const auto s = council.summary(std::nullopt, WeeksPerYear::fifty_two());
    return {s.people_in_ledger, s.lines_open, s.weekly_gross.pence(), council.import_history().current};
}

// The demo's CLD file with its period moved on by a quarter and every `nth` unit cost raised 5%;
// `la_code` replaces the council's code when given.
std::string next_quarter(const test::TempDir &dir, const std::string &cld, const std::string &name, int nth,
                         const std::string &period = "01/01/2026,31/12/2026", const std::string &la_code = "999") {
    std::string text = test::read_file(cld);
    text = std::regex_replace(text, std::regex("01/10/2025,30/09/2026"), period);
    for (std::size_t at = 0; (at = text.find("\n999,", at)) != std::string::npos; at += 1 + la_code.size())
        text.replace(at + 1, 3, la_code);
    std::string out;
    std::size_t row = 0, at = 0;
    while (at < text.size()) {
        const auto end = text.find('\n', at);
        std::string line = text.substr(at, end - at);
        // Unit Cost is the third field from the end of the demo's rows.
        if (row > 0 && nth > 0 && row % static_cast<std::size_t>(nth) == 0) {
            const auto c2 = line.rfind(','), c1 = line.rfind(',', c2 - 1), c0 = line.rfind(',', c1 - 1);
            const auto cost = line.substr(c0 + 1, c1 - c0 - 1);
            if (!cost.empty()) line = line.substr(0, c0 + 1) + fmt::format("{:.2f}", std::stod(cost) * 1.05) + line.substr(c1);
        }
        out += line + "\n";
        ++row;
        at = end == std::string::npos ? text.size() : end + 1;
    }
    return dir.write(name, out);
}

// The real command, in a shell: its exit status (128 + 9 when killed) after what it printed.
struct Run {
    int status = -1;
    std::string output;
};

Run run_ascent(const std::string &arguments, const std::string &environment = "") {
    Run run;
    run.output = test::run_command("(" + environment + " " ASCENT_BIN " " + arguments + ") 2>&1; echo \"exit $?\"");
    const auto at = run.output.rfind("exit ");
    if (at != std::string::npos) run.status = std::stoi(run.output.substr(at + 5));
    return run;
}

bool killed(const Run &run) { return run.status == 128 + SIGKILL; }

class Snapshots : public ::testing::Test {
protected:
    void SetUp() override {
        db = dir.file("ledger.db");
        app::Council council(db);
        demo::DemoOptions options;
        options.profile = "bury";
        options.people = 1500;
        files = app::build_demo(council, dir.file("demo"), options).files;
    }
    test::TempDir dir;
    std::string db;
    demo::DemoFiles files;
};

TEST_F(Snapshots, ANewSnapshotStoresOnlyWhatChangedAndAnEarlierOneCanBeRestored) {
    const auto first = figures(db);
    const auto q4 = next_quarter(dir, files.cld, "q4.csv", 10);
    app::Council council(db);
    const auto outcome = council.import_cld(q4);
    ASSERT_TRUE(outcome.written) << app::format_outcome(outcome);
    // Every tenth row's cost changed: far fewer rows stored than the file has.
    EXPECT_LT(outcome.record.records_written, outcome.record.rows_read / 5);
    const auto second = figures(db);
    EXPECT_EQ(second.current, outcome.record.id);
    EXPECT_EQ(second.people, first.people);
    EXPECT_GT(second.weekly, first.weekly);

    const auto restored = council.restore_snapshot(first.current);
    EXPECT_TRUE(restored.restored);
    EXPECT_EQ(figures(db), first);
    // The newer file again makes its snapshot current again, without storing it twice.
    const auto again = council.import_cld(q4);
    EXPECT_TRUE(again.restored) << again.message;
    EXPECT_EQ(figures(db), second);
    EXPECT_EQ(council.imports().size(), 7u);
    // Restores are audited.
    int restores = 0;
    for (const auto &e : council.audit_events()) restores += e.action == "restore";
    EXPECT_EQ(restores, 2);
    EXPECT_EQ(test::error_of([&] { council.restore_snapshot(2); }),
              "there is no kept CLD snapshot 2 (`ascent imports` lists them)");
}

TEST_F(Snapshots, RefusedFilesChangeNothingAndSayWhy) {
    const auto before = figures(db);
    const auto count_imports = [&] { return app::Council(db).imports().size(); };
    const auto imports = count_imports();
    const auto other_council = next_quarter(dir, files.cld, "351.csv", 0, "01/01/2026,31/12/2026", "351");
    const auto earlier = next_quarter(dir, files.cld, "earlier.csv", 0, "01/04/2025,31/03/2026");
    app::Council council(db);
    const auto message = [&](const std::string &path, const char *code) {
        const auto outcome = council.import_cld(path);
        EXPECT_FALSE(outcome.written);
        for (const auto &i : outcome.report.issues())
            if (i.code == code) return i.message;
        return std::string("no ") + code;
    };
    EXPECT_EQ(message(other_council, "snapshot-council"),
              "the file is for council 351, the current snapshot (import 1, cld.csv) is for council 999. A ledger holds "
              "one council's data: use another database (--db) for council 351");
    EXPECT_EQ(message(earlier, "snapshot-period"),
              "the file's reporting period ends 31/03/2026, before that of the current snapshot (import 1, cld.csv), "
              "30/09/2026. To keep it as history without making it current, import it with --history");
    EXPECT_EQ(figures(db), before);
    EXPECT_EQ(count_imports(), imports);

    // As history it is kept, not made current.
    app::ImportOptions history;
    history.history = true;
    const auto kept = council.import_cld(earlier, history);
    EXPECT_TRUE(kept.written) << app::format_outcome(kept);
    EXPECT_EQ(figures(db), before);
}

TEST_F(Snapshots, ALargeChangeNeedsAReasonWhichIsAudited) {
    // Most people gone: only the first 1,200 rows of the file.
    const std::string text = test::read_file(files.cld);
    std::size_t cut = 0;
    for (int n = 0; n < 1200; ++n) cut = text.find('\n', cut) + 1;
    const auto partial = next_quarter(dir, dir.write("cut.csv", text.substr(0, cut)), "partial.csv", 0);
    app::Council council(db);
    const auto refused = council.import_cld(partial);
    ASSERT_FALSE(refused.written);
    const auto *error = refused.report.first_error();
    ASSERT_NE(error, nullptr);
    EXPECT_EQ(error->code, "snapshot-change");
    EXPECT_TRUE(std::regex_search(error->message, std::regex("^people 1,500 → [0-9,]+ \\(−[0-9.]+%\\); open lines [0-9,]+ → "
                                                             "[0-9,]+ \\(−[0-9.]+%\\); gross weekly cost £[0-9,.]+ → "
                                                             "£[0-9,.]+ \\(−[0-9.]+%\\): more than the 20% the council "
                                                             "allows in one file \\(setting import.max_change\\)")))
        << error->message;
    app::ImportOptions accept;
    accept.accept_change = "a partial file to test the guard";
    const auto accepted = council.import_cld(partial, accept);
    EXPECT_TRUE(accepted.written) << app::format_outcome(accepted);
    EXPECT_EQ(council.imports().back().change_reason, "a partial file to test the guard");
    EXPECT_NE(council.audit_events().back().detail.find("change accepted: a partial file to test the guard"), std::string::npos);

    // A council that expects big changes can say so.
    council.set_setting("import.max_change", "60%");
    EXPECT_EQ(council.settings().back().key, "import.max_change");
    EXPECT_EQ(council.settings().back().value, "60%");
    EXPECT_EQ(council.max_import_change(), 6000);
    EXPECT_EQ(test::error_of([&] { council.set_setting("import.max_change", "0%"); }),
              "import.max_change must be a percentage more than 0% and at most 100%, such as 25%, not '0%'");
    EXPECT_EQ(test::error_of([&] { council.set_setting("weeks", "52"); }),
              "unknown setting 'weeks'; the settings are: weeks_per_year, levers, import.max_change");
}

TEST_F(Snapshots, WeeksAYearAndTheLeverCatalogueAreCouncilSettingsThatEveryAnalysisUses) {
    app::Council council(db);
    // The defaults: 52.143 weeks a year and the built-in catalogue.
    EXPECT_EQ(council.weeks_per_year().name, "52.143");
    const auto built_in = council.analyse(std::nullopt);
    EXPECT_EQ(built_in->found.weeks.name, "52.143");
    EXPECT_EQ(built_in->conventions.weeks_source, "council setting, default");
    const auto weekly = built_in->summary().weekly_gross;
    EXPECT_EQ(built_in->summary().annual_gross, weekly.times({52143, 1000}, RoundingMode::half_up));

    // 52 weeks: every annual figure follows, and says where the convention came from.
    council.set_setting("weeks_per_year", "52");
    const auto at_52 = council.analyse(std::nullopt);
    EXPECT_EQ(at_52->found.weeks.name, "52");
    EXPECT_EQ(at_52->summary().annual_gross, weekly.times({52, 1}, RoundingMode::half_up));
    EXPECT_EQ(app::format_conventions(at_52->conventions).substr(0, 41), "52 weeks a year (council setting); levers");
    // A run's own --weeks overrides it for that run only.
    EXPECT_EQ(council.analyse(std::nullopt, {}, {WeeksPerYear::days_over_seven(), ""})->conventions.weeks_source, "--weeks for this run");
    EXPECT_EQ(test::error_of([&] { council.set_setting("weeks_per_year", "53"); }),
              "weeks_per_year must be 52, 52.14, 52.143 or 365/7, not '53'");

    // The council's catalogue: checked, stored, in force for every analysis; built-in again on request.
    auto text = std::string(app::built_in_rules_text());
    const auto name = text.find("name: ");
    text.replace(name, text.find('\n', name) - name, "name: \"Our levers\"");
    council.use_lever_catalogue(text, "levers.yaml");
    const auto ours = council.analyse(std::nullopt);
    EXPECT_EQ(ours->found.rules_name, "Our levers");
    EXPECT_EQ(ours->conventions.levers_source, "council setting");
    EXPECT_EQ(ours->found.weeks.name, "52"); // the council's weeks, whatever the catalogue says
    EXPECT_NE(council.audit_events().back().detail.find("Our levers version"), std::string::npos);
    EXPECT_THROW(council.use_lever_catalogue("levers: [", "broken.yaml"), Error);
    EXPECT_EQ(council.analyse(std::nullopt)->found.rules_name, "Our levers"); // a bad file changes nothing
    council.set_setting("levers", "built-in");
    EXPECT_EQ(council.analyse(std::nullopt)->found.rules_name, built_in->found.rules_name);
}

TEST_F(Snapshots, ExtractRowsFollowAReReferencedLineAndNeverBecomeLinesOfTheirOwn) {
    // The next file re-references every line (a case-system migration): its enrichment follows by
    // person, service type and start date.
    const auto renamed = dir.write("renamed.csv", std::regex_replace(test::read_file(next_quarter(dir, files.cld, "q.csv", 0)),
                                                                      std::regex("-S([0-9]+),"), "-NEW$1,"));
    app::Council council(db);
    const auto before = council.load_ledger();
    const auto outcome = council.import_cld(renamed);
    ASSERT_TRUE(outcome.written) << app::format_outcome(outcome);
    const auto after = council.load_ledger();
    EXPECT_EQ(after.extract_join.by_reference, 0u);
    EXPECT_EQ(after.extract_join.by_service_and_start, before.extract_join.by_reference);
    EXPECT_EQ(after.lines.size(), before.lines.size());
    int64_t night_before = 0, night_after = 0;
    for (auto n : before.lines.night) night_before += n != NightSupport::not_recorded;
    for (auto n : after.lines.night) night_after += n != NightSupport::not_recorded;
    EXPECT_GT(night_before, 0);
    EXPECT_EQ(night_after, night_before);
    bool noted = false;
    for (const auto &note : outcome.report.notes) noted = noted || note.find("by person, service type and start date") != std::string::npos;
    EXPECT_TRUE(noted);

    // A services row for a line no snapshot has is a warning with its row, and adds no line.
    const auto extract = dir.write("extra.csv", "Client ID,Service Ref,Provider,Night Cover,Staff Ratio,CHC %,S117 NHS %,"
                                                "Client Contribution,Accommodation Element\nP0000001,NO-SUCH-LINE,Acme,Waking,1,,,,\n");
    const auto joined = council.import_extract(extract, files.services_mapping);
    ASSERT_TRUE(joined.written) << app::format_outcome(joined);
    const auto *warning = &joined.report.issues().back();
    EXPECT_EQ(warning->code, "no-line");
    EXPECT_EQ(warning->row, 2u);
    EXPECT_EQ(warning->value, "NO-SUCH-LINE");
    EXPECT_EQ(council.load_ledger().lines.size(), after.lines.size());
    // The same file with a corrected mapping imports again; with the same mapping, nothing changes.
    EXPECT_TRUE(council.import_extract(extract, files.services_mapping).already_imported);
    const auto mapping = dir.write("mapping.yaml", test::read_file(files.services_mapping) + "\n");
    EXPECT_TRUE(council.import_extract(extract, mapping).written);
}

TEST_F(Snapshots, AKilledImportLeavesTheOldSnapshotOrTheNewOneIntact) {
    const auto before = figures(db);
    const auto q4 = next_quarter(dir, files.cld, "q4.csv", 7);
    for (const char *point : {"import-read", "snapshot-people-written", "snapshot-mid-lines", "snapshot-before-commit"}) {
        const auto run = run_ascent("--db " + db + " import cld " + q4, std::string("ASCENT_CRASH_AT=") + point);
        EXPECT_TRUE(killed(run)) << point << ": " << run.output;
        EXPECT_EQ(test::run_command("sqlite3 " + db + " 'PRAGMA integrity_check'"), "ok\n") << point;
        EXPECT_EQ(figures(db), before) << point;
    }
    EXPECT_EQ(run_ascent("--db " + db + " import cld " + q4).status, 0);
    const auto after = figures(db);
    EXPECT_NE(after, before);

    const auto q1 = next_quarter(dir, files.cld, "q1.csv", 3, "01/04/2026,31/03/2027");
    EXPECT_TRUE(killed(run_ascent("--db " + db + " import cld " + q1, "ASCENT_CRASH_AT=snapshot-after-commit")));
    EXPECT_EQ(test::run_command("sqlite3 " + db + " 'PRAGMA integrity_check'"), "ok\n");
    const auto committed = figures(db);
    EXPECT_GT(committed.current, after.current);
    EXPECT_EQ(run_ascent("--db " + db + " import cld " + q1).status, 0); // already imported: nothing changes
    EXPECT_EQ(figures(db), committed);
}

TEST_F(Snapshots, ASecondWriterIsRefusedCleanlyWhileAnImportHoldsTheLedger) {
    const auto before = figures(db);
    sqlite3 *other = nullptr;
    ASSERT_EQ(sqlite3_open(db.c_str(), &other), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr), SQLITE_OK);
    const auto q4 = next_quarter(dir, files.cld, "q4.csv", 10);
    const auto out = test::run_command(ASCENT_BIN " --db " + db + " import cld " + q4 + " 2>&1; echo \"exit $?\"");
    EXPECT_NE(out.find("another write to this ledger (an import?) has not finished after 5 s; nothing was changed. "
                       "Try again when it has finished."),
              std::string::npos)
        << out;
    EXPECT_NE(out.find("exit 3"), std::string::npos) << out;
    sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
    sqlite3_close(other);
    EXPECT_EQ(figures(db), before);
}

} // namespace

} // namespace ascent
