// The cohort language (CLI `cohort`, rules files, API bodies): an expression is accepted or
// refused with an input error, however deep or long; an accepted one selects exactly the people
// its SQL form (to_sql, used to run the rules in another engine) selects, on a 300-person demo
// ledger in SQLite.
#include <sqlite3.h>

#include <algorithm>
#include <memory>
#include <numeric>

#include "core/cohort.hpp"
#include "demo/generator.hpp"
#include "fuzz_support.hpp"
#include "io/cld_import.hpp"

namespace {

struct Fixture {
    ascent::Ledger ledger;
    ascent::PersonFacts facts;
    std::unique_ptr<ascent::FactTable> table;
    sqlite3 *db = nullptr;

    Fixture() {
        const auto dir = std::filesystem::temp_directory_path() / ("ascent-fuzz-cohort-" + std::to_string(::getpid()));
        ascent::demo::DemoOptions options;
        options.people = 300;
        const auto files = ascent::demo::generate(dir.string(), options);
        ascent::io::ImportReport report(files.cld);
        ledger = ascent::io::read_cld(files.cld, report).ledger;
        std::filesystem::remove_all(dir);
        facts = ascent::person_facts(ledger, ledger.as_at);
        table = std::make_unique<ascent::FactTable>(ledger, facts);
        sqlite3_open(":memory:", &db);
        const auto &fields = ascent::cohort_fields();
        std::string create = "CREATE TABLE people(", insert = "INSERT INTO people VALUES(";
        for (std::size_t f = 0; f < fields.size(); ++f) {
            std::string column(fields[f].name);
            std::replace(column.begin(), column.end(), ' ', '_');
            create += (f ? ", \"" : "\"") + column + "\" INTEGER";
            insert += f ? ", ?" : "?";
        }
        exec(create + ")");
        sqlite3_stmt *statement = nullptr;
        sqlite3_prepare_v2(db, (insert + ")").c_str(), -1, &statement, nullptr);
        for (uint32_t p = 0; p < ledger.people.size(); ++p) {
            for (std::size_t f = 0; f < fields.size(); ++f) {
                const int64_t v = table->column(f)[p];
                if (v == ascent::k_unknown) sqlite3_bind_null(statement, static_cast<int>(f + 1));
                else sqlite3_bind_int64(statement, static_cast<int>(f + 1), v);
            }
            sqlite3_step(statement);
            sqlite3_reset(statement);
        }
        sqlite3_finalize(statement);
    }
    void exec(const std::string &sql) const {
        if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) ascent::fuzz::finding(sqlite3_errmsg(db));
    }
    // People the SQL form selects; nullopt where SQLite's own limits refuse the statement.
    std::optional<int64_t> count(const std::string &where) const {
        sqlite3_stmt *statement = nullptr;
        if (sqlite3_prepare_v2(db, ("SELECT count(*) FROM people WHERE " + where).c_str(), -1, &statement, nullptr) != SQLITE_OK) {
            const std::string message = sqlite3_errmsg(db);
            sqlite3_finalize(statement);
            if (message.find("too large") != std::string::npos || message.find("too many") != std::string::npos) return std::nullopt;
            ascent::fuzz::finding("the SQL form does not run: " + message + "\n" + where);
        }
        sqlite3_step(statement);
        const int64_t n = sqlite3_column_int64(statement, 0);
        sqlite3_finalize(statement);
        return n;
    }
};

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, std::size_t size) {
    static const Fixture fixture;
    ascent::CohortExpression expression;
    if (!ascent::fuzz::accepts([&] { expression = ascent::CohortExpression::parse(ascent::fuzz::as_text(data, size)); })) return 0;
    const auto selected = expression.select(*fixture.table);
    const auto chosen = std::accumulate(selected.begin(), selected.end(), int64_t{0});
    std::string sql;
    if (!ascent::fuzz::accepts([&] { sql = expression.to_sql(); })) return 0; // text fields have no SQL form
    const auto by_sql = fixture.count(sql);
    if (by_sql && *by_sql != chosen)
        ascent::fuzz::finding(std::to_string(chosen) + " people selected, " + std::to_string(*by_sql) + " by the SQL form " + sql);
    return 0;
}
