#include "demo/generator.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <memory>

#include "core/codes.hpp"
#include "core/error.hpp"
#include "core/money.hpp"
#include "demo/finances.hpp"
#include "core/rng.hpp"
#include "io/csv_writer.hpp"

namespace ascent::demo {

extern const std::vector<std::string_view> k_demo_cases; // cases/*.yaml, then cases/programme.yaml

namespace {

enum class Kind { home_care, supported_living, residential, nursing, direct_payment, day_support, shared_lives };

struct Segment {
    const char *name;
    Code psr;
    int age_min, age_max;
    Kind kind;
    int64_t count;            // at the profile's own size
    int64_t min_weekly, max_weekly; // pounds, the person's whole package while open
    bool out_of_area = false; // placed outside the council (Cambridgeshire's 130)
    bool s117 = false;        // S117 aftercare, 100% council funded (Cambridgeshire's 160)
    bool respite = false;     // had short-term respite stays (Cambridgeshire's 66)
    const char *night = "";   // residential night cover as recorded (Kent's risk groups), "" not recorded
    int waking_share = 0;     // % of the segment recorded with waking-night cover where `night` is "" (by person)
};

using namespace ascent::codes;

// Segment tables. Counts are exact at the profile's own size.
const std::vector<Segment> &profile(const std::string &name) {
    // Bury: ~900 working-age LD clients; £28.6k a year per person supported aged 18-64.
    static const std::vector<Segment> k_bury = {
        {"LD 18-64 over £1,800", psr_learning_disability, 18, 64, Kind::supported_living, 118, 1850, 2600},
        {"LD 18-64 under £200", psr_learning_disability, 18, 64, Kind::day_support, 160, 60, 195},
        // A third of LD residential placements have waking nights: night cover outside the high-cost cohort.
        {"LD 18-64 residential", psr_learning_disability, 18, 64, Kind::residential, 120, 450, 1100, false, false, false, "", 33},
        {"LD 18-64 supported living", psr_learning_disability, 18, 64, Kind::supported_living, 320, 300, 800},
        {"LD 18-64 direct payment", psr_learning_disability, 18, 64, Kind::direct_payment, 182, 210, 600},
        {"LD 65+", psr_learning_disability, 65, 88, Kind::residential, 40, 450, 1700},
        {"PD 18-64 home care", psr_personal_care, 18, 64, Kind::home_care, 260, 200, 500},
        {"PD 18-64 direct payment", psr_personal_care, 18, 64, Kind::direct_payment, 120, 200, 450},
        {"MH 18-64", psr_mental_health, 18, 64, Kind::supported_living, 210, 200, 500},
        {"OP home care", psr_personal_care, 65, 99, Kind::home_care, 900, 60, 700},
        {"OP residential", psr_memory_cognition, 65, 99, Kind::residential, 420, 600, 1100},
        {"OP nursing", psr_personal_care, 65, 99, Kind::nursing, 180, 750, 1300},
    };
    static const std::vector<Segment> k_cambridgeshire = {
        {"LD out of area", psr_learning_disability, 18, 64, Kind::residential, 130, 1200, 2000, true},
        {"LD residential", psr_learning_disability, 18, 64, Kind::residential, 420, 450, 2000},
        {"LD supported living", psr_learning_disability, 18, 64, Kind::supported_living, 700, 400, 2600},
        {"LD direct payment", psr_learning_disability, 18, 64, Kind::direct_payment, 350, 150, 1200},
        {"MH S117", psr_mental_health, 18, 80, Kind::supported_living, 160, 300, 1600, false, true},
        {"MH other", psr_mental_health, 18, 64, Kind::supported_living, 440, 150, 1200},
        {"PD home care", psr_personal_care, 18, 64, Kind::home_care, 400, 100, 900},
        {"OP home care with respite", psr_personal_care, 65, 99, Kind::home_care, 66, 150, 600, false, false, true},
        {"OP home care", psr_personal_care, 65, 99, Kind::home_care, 1900, 50, 800},
        {"OP direct payment", psr_access_mobility, 65, 99, Kind::direct_payment, 500, 80, 600},
        {"OP residential", psr_memory_cognition, 65, 99, Kind::residential, 750, 550, 1100},
        {"OP nursing", psr_personal_care, 65, 99, Kind::nursing, 330, 700, 1300},
    };
    static const std::vector<Segment> k_kent = {
        // Kent's 1,253 in residential care by the risk of a move: 357 high, 352 medium, 249 low, 33
        // suitable for Shared Lives, and 262 not assessed (night cover not recorded).
        {"LD residential, waking night", psr_learning_disability, 18, 64, Kind::residential, 357, 900, 2000, false, false, false, "Waking"},
        {"LD residential, sleep-in", psr_learning_disability, 18, 64, Kind::residential, 352, 700, 1800, false, false, false, "Sleep-in"},
        {"LD residential, Shared Lives", psr_learning_disability, 18, 64, Kind::residential, 33, 450, 599, false, false, false, "None"},
        {"LD residential, low risk", psr_learning_disability, 18, 64, Kind::residential, 249, 600, 1500, false, false, false, "None"},
        {"LD residential, not assessed", psr_learning_disability, 18, 85, Kind::residential, 262, 450, 2000},
        {"LD supported living", psr_learning_disability, 18, 80, Kind::supported_living, 1500, 300, 3000},
        {"LD direct payment", psr_learning_disability, 18, 70, Kind::direct_payment, 900, 100, 1300},
        {"LD shared lives", psr_learning_disability, 18, 70, Kind::shared_lives, 247, 250, 650},
        {"LD day support", psr_learning_disability, 18, 70, Kind::day_support, 300, 60, 400},
        {"MH", psr_mental_health, 18, 80, Kind::supported_living, 1300, 150, 1400},
        {"PD home care", psr_personal_care, 18, 64, Kind::home_care, 1500, 100, 900},
        {"OP home care", psr_personal_care, 65, 99, Kind::home_care, 4500, 50, 800},
        {"OP direct payment", psr_access_mobility, 65, 99, Kind::direct_payment, 1000, 80, 600},
        {"OP residential", psr_memory_cognition, 65, 99, Kind::residential, 1700, 550, 1100},
        {"OP nursing", psr_personal_care, 65, 99, Kind::nursing, 800, 700, 1300},
    };
    static const std::vector<Segment> k_county = {
        {"LD residential", psr_learning_disability, 18, 85, Kind::residential, 300, 450, 2000},
        {"LD supported living", psr_learning_disability, 18, 80, Kind::supported_living, 450, 300, 3200},
        {"LD direct payment", psr_learning_disability, 18, 70, Kind::direct_payment, 250, 100, 1300},
        {"LD day support", psr_learning_disability, 18, 70, Kind::day_support, 100, 60, 400},
        {"LD out of area", psr_learning_disability, 18, 64, Kind::residential, 40, 1200, 2000, true},
        {"MH S117", psr_mental_health, 18, 80, Kind::supported_living, 60, 300, 1600, false, true},
        {"MH other", psr_mental_health, 18, 64, Kind::supported_living, 250, 150, 1200},
        {"PD home care", psr_personal_care, 18, 64, Kind::home_care, 350, 100, 900},
        {"PD direct payment", psr_personal_care, 18, 64, Kind::direct_payment, 150, 150, 900},
        {"OP home care with respite", psr_personal_care, 65, 99, Kind::home_care, 30, 150, 600, false, false, true},
        {"OP home care", psr_personal_care, 65, 99, Kind::home_care, 1600, 50, 800},
        {"OP direct payment", psr_access_mobility, 65, 99, Kind::direct_payment, 400, 80, 600},
        {"OP residential", psr_memory_cognition, 65, 99, Kind::residential, 650, 550, 1100},
        {"OP nursing", psr_personal_care, 65, 99, Kind::nursing, 300, 700, 1300},
        {"Sensory", psr_visual, 18, 99, Kind::home_care, 70, 50, 400},
    };
    if (name == "bury") return k_bury;
    if (name == "cambridgeshire") return k_cambridgeshire;
    if (name == "kent") return k_kent;
    if (name == "county") return k_county;
    throw input_error("unknown demo profile '" + name + "'; expected one of: county, bury, cambridgeshire, kent");
}

// Community clients with short respite stays (1 to 4 a year of 1 to 3 weeks) in the profiles that
// plant no respite users of their own (Bury, Kent): about 3% of them.
constexpr int64_t k_respite_percent = 3;

// A percentile (0–99) for person `n`, fixed by the seed and `salt` and independent of the random
// stream, so a choice made with it leaves every other value of the demo as it was.
int64_t percentile_of(uint64_t seed, int64_t n, uint64_t salt) {
    uint64_t z = seed ^ (static_cast<uint64_t>(n) * 0x9E3779B97F4A7C15ull) ^ (salt * 0xBF58476D1CE4E5B9ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return static_cast<int64_t>((z ^ (z >> 31)) % 100);
}

std::string pounds(int64_t pence) { return fmt::format("{}.{:02}", pence / 100, pence % 100); }
std::string units(int64_t hundredths) { return fmt::format("{}.{:02}", hundredths / 100, hundredths % 100); }

struct Line {
    Code type, component, delivery, frequency;
    int64_t unit_cost;  // pence
    int64_t planned;    // hundredths, 0 = blank
    Date start;
    std::optional<Date> end;
    std::string provider;
    std::string cqc;
    // extract fields
    const char *night = "";
    int ratio = 0;
    int s117_share = -1, chc_share = -1;
    int64_t accommodation = -1;
    int64_t contribution = -1;
};

// Providers by what they run, so a care home never sells home care: care homes, home-care agencies,
// and supported-living, day and shared-lives services.
using Providers = std::array<std::string_view, 8>;
constexpr Providers k_care_homes = {"Cedar House Nursing", "Maple Court Nursing Home", "Castle View Care Home", "St Anne's Residential",
                                    "Willow Lodge", "Summerfield Homes", "Meadowbank Homes", "Heathview Care Group"};
constexpr Providers k_home_care = {"Kingfisher Home Care", "Northgate Home Support", "Elmtree Home Care", "Abbeyfield Community Care",
                                   "Ashdown Care Services", "Oakfield Care Ltd", "Hollybrook Care", "Greenway Care Partnership"};
constexpr Providers k_support = {"Lakeside Supported Living", "Riverside Support Services", "Brightpath Living", "Horizon Support Ltd",
                                 "Beacon Lifestyle Support", "Pinewood Specialist Care", "Fairhaven Support", "Orchard Lane Care"};

const Providers &providers_of(Code component) {
    if (component == codes::comp_lt_residential || component == codes::comp_lt_nursing || component == codes::comp_st_residential ||
        component == codes::comp_st_nursing)
        return k_care_homes;
    return component == codes::comp_home_support ? k_home_care : k_support;
}

const std::array<std::string_view, 6> k_towns = {"Northmoor", "Eastbridge", "Westfield", "Southam", "Kingsford",
                                                 "Millbrook"};
const std::array<std::string_view, 8> k_elsewhere = {"Norfolk", "Suffolk", "Essex", "Hertfordshire",
                                                     "Northamptonshire", "Lincolnshire", "Leicestershire", "Kent"};

std::string_view label(CodeField field, Code code, bool r1) {
    if (!r1) return code_label(field, code);
    // Release 1 spellings where they differ beyond case (CLD-SPEC.md section 2).
    if (field == CodeField::service_component && code == comp_home_support) return "Home Support";
    if (field == CodeField::service_component && code == comp_carer_respite) return "Carer Respite";
    if (field == CodeField::support_reason && code == psr_memory_cognition) return "Support with Memory & Cognition";
    if (field == CodeField::support_reason && code == psr_access_mobility) return "Physical Support: Access & mobility only";
    if (field == CodeField::client_type && code == client_service_user) return "Service User";
    if (field == CodeField::accommodation && code == 2) return "Tenant";
    if (field == CodeField::accommodation && code == 5)
        return "Supported accommodation / supported lodgings / supported group home";
    if (field == CodeField::funding_status && code == 1) return "18(3) (full cost client)";
    if (field == CodeField::employment && code == emp_not_seeking)
        return "Not in Paid Employment (not actively seeking work / retired)";
    return code_label(field, code);
}

class Generator {
public:
    Generator(const std::string &dir, const DemoOptions &options)
        : dir_(dir), options_(options), rng_(options.seed),
          period_start_(options.period_end.plus_days(-364)) {} // the 12 months ending on period_end

    DemoFiles run(const std::function<void(int64_t, int64_t)> &progress) {
        const auto &segments = profile(options_.profile);
        // A profile that plants its documented respite users (Cambridgeshire's 66) keeps exactly those.
        planted_respite_ = std::any_of(segments.begin(), segments.end(), [](const Segment &s) { return s.respite; });
        int64_t native = 0;
        for (const auto &s : segments) native += s.count;
        const int64_t target = options_.people > 0 ? options_.people : native;
        DemoFiles files;
        files.cld = dir_ + "/cld.csv";
        files.people = dir_ + "/people.csv";
        files.services = dir_ + "/services.csv";
        files.changes = dir_ + "/changes.csv";
        files.direct_payments = dir_ + "/direct_payments.csv";
        files.finances = dir_ + "/finances.csv";
        write_mappings(files);
        io::CsvWriter cld(files.cld), people(files.people), services(files.services), changes(files.changes),
            payments(files.direct_payments), finances(files.finances);
        write_finances_header(finances);
        cld.fields({"LA Code", "Reporting Period Start Date", "Reporting Period End Date", "NHS Number",
                    "LA Person Unique Identifier", "Gender", "Ethnicity", "Date of Birth", "Date of Death",
                    "Client Type", "Primary Support Reason", "Postcode", "Accommodation Status",
                    "Employment Status", "Has Unpaid Carer", "Client Funding Status", "Event Type",
                    "Event Reference", "Event Start Date", "Event End Date", "Event Outcome", "Assessment Type",
                    "Service Type", "Service Component", "Delivery Mechanism", "Provider CQC Location Name",
                    "Provider CQC Location ID", "Unit Cost", "Cost Frequency (Unit Type)", "Planned units per week"});
        cld.end_row();
        people.fields({"Client ID", "Team", "Responsible Authority", "Placement Location", "Out of Area",
                       "Distance (km)", "S117", "S117 Start", "S117 End", "CHC Status", "Disability Benefit",
                       "Benefit Rate", "Appointee", "Last Review Date",
                       "Last Financial Assessment"});
        people.end_row();
        services.fields({"Client ID", "Service Ref", "Provider", "Night Cover", "Staff Ratio", "CHC %", "S117 NHS %",
                         "Client Contribution", "Accommodation Element"});
        services.end_row();
        changes.fields({"Client ID", "Service Ref", "Change Date", "Previous Weekly", "New Weekly", "Reason"});
        changes.end_row();
        payments.fields({"Client ID", "Audit Date", "Total Paid", "Total Spent", "Balance Held"});
        payments.end_row();

        int64_t written = 0;
        for (std::size_t s = 0; s < segments.size(); ++s) {
            // Scale each segment; the last takes the remainder so the total is exact.
            int64_t count = native == target ? segments[s].count : segments[s].count * target / native;
            if (s + 1 == segments.size()) count = target - written;
            for (int64_t i = 0; i < count; ++i, ++written) {
                person(segments[s], written, cld, people, services, changes, payments, finances, files);
                if (progress && written % 16384 == 0) progress(written, target);
            }
        }
        for (auto *out : {&cld, &people, &services, &changes, &payments, &finances}) out->close();
        if (progress) progress(target, target);
        files.people_written = written;
        return files;
    }

private:
    void write_mappings(DemoFiles &files) {
        auto write = [&](const std::string &path, const std::string &text) {
            std::FILE *f = std::fopen(path.c_str(), "wb");
            if (f == nullptr) throw input_error(path + ": cannot write");
            std::fwrite(text.data(), 1, text.size(), f);
            std::fclose(f);
        };
        files.people_mapping = dir_ + "/people.mapping.yaml";
        files.services_mapping = dir_ + "/services.mapping.yaml";
        files.changes_mapping = dir_ + "/changes.mapping.yaml";
        files.payments_mapping = dir_ + "/direct_payments.mapping.yaml";
        files.finances_mapping = dir_ + "/finances.mapping.yaml";
        files.charging_parameters = dir_ + "/charging-parameters.yaml";
        write(files.finances_mapping, finances_mapping());
        write(files.charging_parameters, std::string(demo_charging_parameters()));
        std::filesystem::create_directories(dir_ + "/cases");
        const char *case_names[] = {"high-cost-reviews.yaml", "waking-nights.yaml", "programme.yaml"};
        for (std::size_t i = 0; i < k_demo_cases.size(); ++i) {
            const std::string path = dir_ + "/cases/" + case_names[i];
            write(path, std::string(k_demo_cases[i]));
            if (i + 1 < k_demo_cases.size()) files.cases.push_back(path);
            else files.programme = path;
        }
        const std::string head = "# Column mapping for the demo council's case system.\nsource: Demo case system\n";
        write(files.people_mapping,
              head + "kind: people\ncolumns:\n  person_id: Client ID\n  team: Team\n  placing_authority: Responsible "
                     "Authority\n  location: Placement Location\n  out_of_area: Out of Area\n  distance_km: Distance "
                     "(km)\n  s117_status: S117\n  s117_start: S117 Start\n  s117_end: S117 End\n  chc_status: CHC "
                     "Status\n  benefit: Disability Benefit\n  benefit_rate: Benefit Rate\n  appointee: Appointee\n  "
                     "last_review: Last Review Date\n  last_financial_assessment: Last Financial Assessment\n");
        write(files.services_mapping,
              head + "kind: services\ncolumns:\n  person_id: Client ID\n  line_ref: Service Ref\n  provider_name: "
                     "Provider\n  night_support: Night Cover\n  staff_ratio: Staff Ratio\n  chc_share: CHC %\n  "
                     "s117_share: S117 NHS %\n  client_contribution: Client Contribution\n  accommodation_cost: "
                     "Accommodation Element\n");
        write(files.changes_mapping,
              head + "kind: changes\ncolumns:\n  person_id: Client ID\n  line_ref: Service Ref\n  effective_date: "
                     "Change Date\n  old_weekly_cost: Previous Weekly\n  new_weekly_cost: New Weekly\n  reason: Reason\n");
        write(files.payments_mapping,
              head + "kind: direct_payments\ncolumns:\n  person_id: Client ID\n  audit_date: Audit Date\n  paid: Total "
                     "Paid\n  spent: Total Spent\n  balance: Balance Held\n");
    }

    Date random_date(Date from, Date to) { return from.plus_days(static_cast<int32_t>(rng_.between(0, from.days_until(to)))); }

    static std::string cqc_of(const std::string &provider) {
        return fmt::format("1-{:09}", std::hash<std::string>{}(provider) % 1000000000);
    }

    // The main service line(s) for a package of about `weekly` pounds.
    void main_lines(const Segment &seg, int64_t weekly_pence, std::vector<Line> &lines) {
        const Date start = random_date(Date::ymd(2012, 4, 1), options_.period_end.plus_days(-30));
        const Code component = seg.kind == Kind::home_care           ? codes::comp_home_support
                               : seg.kind == Kind::residential || seg.kind == Kind::nursing ? codes::comp_lt_residential
                                                                                             : codes::comp_supported_living;
        const std::string provider(rng_.pick(providers_of(component)));
        const std::string cqc = cqc_of(provider);
        switch (seg.kind) {
        case Kind::home_care:
        case Kind::supported_living: {
            const bool home = seg.kind == Kind::home_care;
            // Home care at the £16.22 ceiling for most, some above it (Cambridgeshire's retender).
            const int64_t rate = home ? (rng_.chance(65) ? 1622 : rng_.between(1550, 1950)) : rng_.between(1750, 2250);
            // Hours rounded up, so a package never costs less than its segment's minimum.
            const int64_t hours = std::max<int64_t>(100, (weekly_pence * 100 + rate - 1) / rate);
            // Some people take their care as a direct payment and employ a personal assistant.
            const bool direct = rng_.chance(home ? 30 : 15);
            Line l{st_community, home ? comp_home_support : comp_supported_living,
                   direct ? dm_direct_payment : dm_commissioned, freq_hourly, rate, hours, start, std::nullopt,
                   direct ? std::string() : provider, direct ? std::string() : cqc};
            if (home && !direct && rng_.chance(8)) l.ratio = 2; // double-up visits
            if (!home && weekly_pence > 1500'00) {
                l.night = rng_.chance(60) ? "Waking" : "Sleep-in";
                l.ratio = rng_.chance(30) ? 2 : 1;
            } else if (!home) {
                l.night = rng_.chance(50) ? "Sleep-in" : "None";
            }
            lines.push_back(l);
            break;
        }
        case Kind::residential:
        case Kind::nursing: {
            const bool nursing = seg.kind == Kind::nursing;
            Line l{nursing ? st_nursing : st_residential, nursing ? comp_lt_nursing : comp_lt_residential,
                   dm_commissioned, freq_weekly, weekly_pence, 0, start, std::nullopt, provider, cqc};
            l.accommodation = weekly_pence * rng_.between(25, 40) / 100;
            l.night = seg.night;
            if (nursing && rng_.chance(8)) l.chc_share = rng_.chance(50) ? 25 : 50; // joint funded
            lines.push_back(l);
            break;
        }
        case Kind::direct_payment: {
            const bool four_weekly = rng_.chance(30);
            Line l{st_community, comp_direct_payment, dm_direct_payment, four_weekly ? freq_four_weekly : freq_weekly,
                   four_weekly ? weekly_pence * 4 : weekly_pence, 0, start, std::nullopt, "", ""};
            lines.push_back(l);
            break;
        }
        case Kind::day_support: {
            const int64_t rate = rng_.between(3000, 4500);
            const int64_t sessions = std::max<int64_t>(100, (weekly_pence * 100 + rate - 1) / rate); // rounded up, as hours
            lines.push_back({st_community, comp_day_support, dm_commissioned, freq_per_session, rate, sessions, start,
                             std::nullopt, provider, cqc});
            break;
        }
        case Kind::shared_lives:
            lines.push_back({st_community, comp_shared_lives, dm_commissioned, freq_weekly, weekly_pence, 0, start,
                             std::nullopt, provider, cqc});
            break;
        }
    }

    // 1 to 4 short respite stays of 1 to 3 weeks in the year to the period end, all ended by then,
    // drawn from percentile_of so every other value of the demo is as it was.
    void respite_stays(int64_t n, std::vector<Line> &lines) const {
        const auto draw = [&](uint64_t salt, int64_t low, int64_t high) {
            return low + percentile_of(options_.seed, n, salt) * (high - low + 1) / 100;
        };
        const int64_t stays = draw(4, 1, 4);
        const int32_t slot = (period_start_.days_until(options_.period_end) - 1) / static_cast<int32_t>(stays);
        for (int64_t k = 0; k < stays; ++k) {
            const auto days = static_cast<int32_t>(draw(5 + 3 * static_cast<uint64_t>(k), 7, 21));
            const auto offset = static_cast<int32_t>(draw(6 + 3 * static_cast<uint64_t>(k), 0, slot - days - 1));
            const Date start = period_start_.plus_days(static_cast<int32_t>(k) * slot + offset);
            lines.push_back({st_other_short_term, comp_st_residential, dm_commissioned, freq_daily,
                             draw(7 + 3 * static_cast<uint64_t>(k), 9000, 12000), 700, start, start.plus_days(days - 1),
                             "Willow Lodge", ""});
        }
    }

    void person(const Segment &seg, int64_t n, io::CsvWriter &cld, io::CsvWriter &people, io::CsvWriter &services, io::CsvWriter &changes,
                io::CsvWriter &payments, io::CsvWriter &finances, DemoFiles &files) {
        const bool r1 = options_.release_1;
        const std::string id = fmt::format("P{:07}", n + 1);
        const int age = static_cast<int>(rng_.between(seg.age_min, seg.age_max));
        // Between `age` and `age + 1` years before the period end, so the person is `age` on that date.
        const Date born = Date::ymd(options_.period_end.year() - age, options_.period_end.month(),
                                    std::min(options_.period_end.day(), 28u))
                              .plus_days(-static_cast<int32_t>(rng_.between(0, 360)));
        const int64_t weekly = rng_.between(seg.min_weekly * 100, seg.max_weekly * 100);

        std::vector<Line> lines;
        // Small extras (telecare, transport) for some community packages, inside the package total.
        int64_t extras = 0;
        const bool community = seg.kind != Kind::residential && seg.kind != Kind::nursing;
        if (community && weekly > 300'00 && rng_.chance(30)) {
            const int64_t cost = rng_.between(300, 1200);
            lines.push_back({st_community, comp_equipment, dm_commissioned, freq_weekly, cost, 0,
                             random_date(Date::ymd(2020, 1, 1), options_.period_end.plus_days(-60)), std::nullopt,
                             "Careline Telecare", ""});
            extras += cost;
        }
        if (seg.kind == Kind::day_support && rng_.chance(40)) { // transport to the day service
            const int64_t cost = rng_.between(1500, 6000);
            lines.push_back({st_community, comp_transport, dm_commissioned, freq_weekly, cost, 0,
                             random_date(Date::ymd(2018, 1, 1), options_.period_end.plus_days(-60)), std::nullopt,
                             "Council Fleet Transport", ""});
            extras += cost;
        }
        const std::size_t main_index = lines.size();
        main_lines(seg, weekly - extras, lines);
        if (seg.waking_share > 0 && lines[main_index].night[0] == '\0' && percentile_of(options_.seed, n, 1) < seg.waking_share)
            lines[main_index].night = "Waking";
        Date package_start = lines[main_index].start; // the current package's first day
        if (seg.kind == Kind::home_care && age >= 65 && rng_.chance(25)) {
            // A new package this year, most after six weeks of reablement.
            Line &main = lines[main_index];
            main.start = random_date(period_start_.plus_days(60), options_.period_end.plus_days(-30));
            package_start = main.start;
            if (rng_.chance(55)) {
                package_start = main.start.plus_days(-42);
                lines.push_back({st_st_max, comp_reablement, dm_commissioned, freq_weekly, rng_.between(25000, 40000), 0,
                                 package_start, main.start.plus_days(-1), "Council Reablement Service", ""});
            }
        }
        if (seg.respite) { // short stays charged under non-residential rules: 22 days on average
            const int32_t days = static_cast<int32_t>(rng_.between(8, 36));
            const Date start = random_date(period_start_, options_.period_end.plus_days(-days - 1));
            lines.push_back({st_other_short_term, comp_st_residential, dm_commissioned, freq_daily,
                             rng_.between(9000, 12000), 700, start, start.plus_days(days - 1), "Willow Lodge", ""});
        } else if (!planted_respite_ && community && percentile_of(options_.seed, n, 3) < k_respite_percent) {
            respite_stays(n, lines);
        }
        const auto history = rng_.between(0, 2 * options_.history_lines); // history_lines on average
        Date next_start = package_start;
        for (int64_t h = 0; h < history; ++h) {
            // An earlier package (a change of provider or price), ending the day before the one after it started.
            const auto days = static_cast<int32_t>(rng_.between(28, 730));
            Line old = lines[main_index];
            const std::string provider(rng_.pick(providers_of(old.component)));
            old.end = next_start.plus_days(-1);
            old.start = next_start.plus_days(-days);
            if (!old.provider.empty()) {
                old.provider = provider;
                old.cqc = cqc_of(provider);
            }
            old.unit_cost = std::max<int64_t>(100, old.unit_cost * rng_.between(85, 105) / 100);
            old.night = "";
            old.ratio = 0;
            old.accommodation = -1;
            lines.push_back(old);
            next_start = old.start;
        }

        // Person details (repeated on every CLD row, as the return does).
        const Code gender = rng_.chance(52) ? gender_female : gender_male;
        const Code ethnicity = rng_.chance(85) ? Code{1} : static_cast<Code>(rng_.between(2, 21));
        const Code accommodation = seg.kind == Kind::residential ? Code{16}
                                   : seg.kind == Kind::nursing   ? Code{17}
                                   : seg.kind == Kind::supported_living ? Code{5}
                                   : seg.kind == Kind::shared_lives     ? Code{6}
                                                                        : static_cast<Code>(rng_.pick(std::array<int, 3>{1, 2, 4}));
        const Code employment = age < 65 ? (rng_.chance(8) ? emp_paid_under_16 : emp_not_seeking) : emp_not_seeking;
        const Code funding = rng_.chance(70) ? Code{3} : Code{2};
        const std::string postcode = fmt::format("NM{} {}", rng_.between(1, 30), rng_.between(1, 9));
        const std::string nhs = fmt::format("{}", 4000000000LL + n * 7 + 3);
        auto person_fields = [&](io::CsvWriter &out) {
            out.fields({"999", period_start_.uk(), options_.period_end.uk(), nhs, id,
                        label(CodeField::gender, gender, r1), label(CodeField::ethnicity, ethnicity, r1), born.uk(), "",
                        label(CodeField::client_type, client_service_user, r1),
                        label(CodeField::support_reason, seg.psr, r1), postcode,
                        label(CodeField::accommodation, accommodation, r1),
                        label(CodeField::employment, employment, r1), rng_.chance(40) ? "Yes" : "No",
                        label(CodeField::funding_status, funding, r1)});
        };
        int line_number = 0;
        for (const auto &l : lines) {
            const std::string ref = fmt::format("{}-S{}", id, ++line_number);
            person_fields(cld);
            cld.fields({"Service", ref, l.start.uk(), l.end ? l.end->uk() : "",
                        l.end ? "Service ended as planned" : "Provision of service", "",
                        label(CodeField::service_type, l.type, r1), label(CodeField::service_component, l.component, r1),
                        label(CodeField::delivery_mechanism, l.delivery, r1), l.provider, l.cqc, pounds(l.unit_cost),
                        label(CodeField::cost_frequency, l.frequency, r1), l.planned > 0 ? units(l.planned) : ""});
            cld.end_row();
            ++files.service_rows_written;
            ++files.cld_rows_written;
            const bool has_extract = !l.provider.empty() || l.night[0] != '\0' || l.ratio > 0 || seg.s117 ||
                                     l.chc_share >= 0 || l.accommodation >= 0;
            if (has_extract && !l.end) {
                services.fields({id, ref, l.provider, l.night, l.ratio > 0 ? std::to_string(l.ratio) : "",
                                 l.chc_share >= 0 ? std::to_string(l.chc_share) : "", seg.s117 ? "0" : "",
                                 funding == 2 ? pounds(rng_.between(1000, 12000)) : "",
                                 l.accommodation >= 0 ? pounds(l.accommodation) : ""});
                services.end_row();
            }
        }
        // A review in the period for most people; a financial assessment for some.
        const Date review = random_date(options_.period_end.plus_days(-900), options_.period_end);
        if (review >= period_start_) {
            person_fields(cld);
            cld.fields({"Review", fmt::format("{}-R1", id), review.uk(), review.uk(), "No change in package", "", "",
                        "", "", "", "", "", "", ""});
            cld.end_row();
            ++files.cld_rows_written;
        }
        if (rng_.chance(45)) {
            const Date fa = random_date(period_start_, options_.period_end);
            person_fields(cld);
            cld.fields({"Assessment", fmt::format("{}-F1", id), fa.uk(), fa.uk(), "", "Financial Assessment", "", "",
                        "", "", "", "", "", ""});
            cld.end_row();
            ++files.cld_rows_written;
        }

        // People extract.
        // Out-of-area LD placements are exactly the planted ones; older people's homes sometimes are too.
        const bool ooa = seg.out_of_area ||
                         (seg.kind == Kind::residential && seg.psr != psr_learning_disability && rng_.chance(4));
        const char *benefit = age >= 65 ? (rng_.chance(60) ? "AA" : "None") : (rng_.chance(70) ? "PIP" : "None");
        const char *rate = benefit[0] == 'N' ? "" : (rng_.chance(45) ? (age >= 65 ? "Higher" : "Enhanced") : (age >= 65 ? "Lower" : "Standard"));
        const Date s117_start = random_date(Date::ymd(2016, 1, 1), options_.period_end.plus_days(-90));
        const bool joint_funded = lines[main_index].chc_share >= 0;
        people.fields({id, seg.psr == psr_learning_disability ? "Learning Disability Team"
                           : seg.psr == psr_mental_health ? "Mental Health Team"
                           : age >= 65                    ? "Older People's Team"
                                                          : "Physical Disability Team",
                       ooa && rng_.chance(5) ? rng_.pick(k_elsewhere) : "", // another council responsible
                       ooa ? rng_.pick(k_elsewhere) : rng_.pick(k_towns), ooa ? "Yes" : "No",
                       ooa ? std::to_string(rng_.between(25, 260)) : std::to_string(rng_.between(0, 20)),
                       seg.s117 ? "Open" : "None", seg.s117 ? s117_start.uk() : "", "",
                       joint_funded ? "Joint funded"
                       : seg.kind == Kind::nursing ? (rng_.chance(20) ? "Checklist positive" : "Not eligible")
                       // Some high-cost LD packages have a positive CHC checklist not yet funded: CHC inside the
                       // high-cost cohort as well as in nursing care outside it.
                       : seg.psr == psr_learning_disability && weekly > 1500'00 && percentile_of(options_.seed, n, 2) < 15
                           ? "Checklist positive"
                           : "Not assessed",
                       benefit, rate, rng_.chance(15) ? "Yes" : "No", review.uk(),
                       rng_.chance(80) ? random_date(options_.period_end.plus_days(-1000), options_.period_end).uk() : ""});
        people.end_row();
        write_finances(finances, options_.seed,
                       {id, n, age, seg.kind == Kind::residential || seg.kind == Kind::nursing, employment == emp_paid_under_16,
                        benefit[0] == 'P'},
                       options_.period_end);

        // Package changes from the ended history lines.
        if (lines.size() > 1 && rng_.chance(35)) {
            const Line &l = lines.front();
            const int64_t before = l.unit_cost * (l.planned > 0 ? l.planned : 100) / 100;
            const int64_t after = before * rng_.between(103, 125) / 100;
            changes.fields({id, fmt::format("{}-S1", id), random_date(period_start_, options_.period_end).uk(),
                            pounds(before), pounds(after), rng_.chance(50) ? "Increased needs" : "Provider uplift"});
            changes.end_row();
        }
        // Direct-payment accounts: most hold a few weeks; some hold far more than they should.
        for (const auto &l : lines) {
            if (l.delivery != dm_direct_payment || l.end) continue;
            const int64_t weekly_dp = l.frequency == freq_four_weekly ? l.unit_cost / 4 : l.unit_cost;
            const int64_t weeks_paid = rng_.between(20, 52);
            const int64_t paid = weekly_dp * weeks_paid;
            const int64_t held_weeks = rng_.chance(20) ? rng_.between(9, 20) : rng_.between(0, 6);
            const int64_t spent = std::max<int64_t>(0, paid - weekly_dp * held_weeks);
            payments.fields({id, random_date(options_.period_end.plus_days(-120), options_.period_end).uk(),
                             pounds(paid), pounds(spent), pounds(paid - spent)});
            payments.end_row();
        }
    }

    std::string dir_;
    DemoOptions options_;
    Rng rng_;
    Date period_start_;
    bool planted_respite_ = false; // the profile plants its own respite users
};

} // namespace

std::vector<std::string> profile_names() { return {"county", "bury", "cambridgeshire", "kent"}; }

int64_t profile_size(const std::string &name) {
    int64_t total = 0;
    for (const auto &s : profile(name)) total += s.count;
    return total;
}

DemoFiles generate(const std::string &directory, const DemoOptions &options,
                   const std::function<void(int64_t, int64_t)> &progress) {
    profile(options.profile); // validate the name before creating anything
    std::error_code ec;
    std::filesystem::create_directories(directory, ec);
    if (ec) throw input_error(directory + ": cannot create the directory: " + ec.message());
    return Generator(directory, options).run(progress);
}

} // namespace ascent::demo
