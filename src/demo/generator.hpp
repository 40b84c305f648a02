// Deterministic demo council generator.
//
// Writes the files a council would give ascent (a CLD return, plus people, services, changes,
// direct-payment and finances extracts in a fictional case system's own column names, with the mapping files
// that read them), so the demo goes through the real import path.
//
// Profiles are calibrated on the council documents; at a profile's own size its planted cohorts
// come out exactly (at other sizes they scale in proportion):
//   bury            118 working-age LD packages over £1,800/wk, 160 under £200/wk among ~900
//                   working-age LD clients; 40 people over 65 in LD services (Bury budget option)
//   cambridgeshire  130 LD clients placed out of area; 160 S117 clients funded 100% by the
//                   council; 66 respite users averaging 22 days; home care at about £16.22/h
//   kent            ~4,200 LD clients, 1,253 of them in residential care (LGA report)
//   county          a mid-sized county used by default and, scaled, for benchmarks
// Every profile prices LD residential care between £450 and £2,000 a week (Cumbria) and gives a
// quarter to a third of community clients a direct payment.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/date.hpp"

namespace ascent::demo {

struct DemoOptions {
    std::string profile = "county";
    int64_t people = 0;           // 0 = the profile's own size
    uint64_t seed = 20261123;
    Date period_end = Date::ymd(2026, 9, 30); // end of the 12-month CLD reporting period
    bool release_1 = false;       // write Release 1 wording instead of Release 2
    int history_lines = 1;        // ended service lines per person on average (adds volume)
};

struct DemoFiles {
    std::string cld, people, services, changes, direct_payments, finances;               // data files
    std::string people_mapping, services_mapping, changes_mapping, payments_mapping, finances_mapping; // YAML
    std::string charging_parameters; // the demo council's own charging parameters (YAML)
    std::vector<std::string> cases;  // its business cases (YAML), drawing on its ledger
    std::string programme;           // its savings programme: the cases, a budget line, targets
    int64_t people_written = 0;
    int64_t service_rows_written = 0;
    int64_t cld_rows_written = 0;
};

std::vector<std::string> profile_names();
int64_t profile_size(const std::string &profile);

// Writes the files into `directory` (created if missing). Throws input_error for an unknown profile.
DemoFiles generate(const std::string &directory, const DemoOptions &options,
                   const std::function<void(int64_t done, int64_t total)> &progress = {});

} // namespace ascent::demo
