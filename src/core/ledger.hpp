// The care ledger: who the council supports, with which services, at what weekly cost, paid by
// whom. Held in memory as columns (struct of arrays) with dictionary-encoded text, so that a
// 1M-person, 5M-line ledger fits in well under a gigabyte and every analysis is a scan.
//
// The store (src/store) is the system of record; a Ledger is loaded from it for analysis.
// Missing values: dates are k_no_date, codes 0, dictionary ids 0, tri-state flags -1.
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>
#include <vector>

#include "core/codes.hpp"
#include "core/date.hpp"
#include "core/dictionary.hpp"
#include "core/money.hpp"

namespace ascent {

inline constexpr int32_t k_no_date = std::numeric_limits<int32_t>::min();
inline constexpr int32_t k_no_quantity = std::numeric_limits<int32_t>::min();
inline constexpr int64_t k_no_money = std::numeric_limits<int64_t>::min();

inline std::optional<Date> date_of(int32_t serial) {
    if (serial == k_no_date) return std::nullopt;
    return Date::from_serial(serial);
}

enum class AgeBand : uint8_t { unknown, under_18, working_age, older_65_79, older_80_plus };
std::string_view to_string(AgeBand band);
AgeBand age_band_of(int age);

// Section 117 aftercare entitlement.
enum class S117Status : uint8_t { not_recorded, none, open, ended };
// NHS continuing healthcare status.
enum class ChcStatus : uint8_t { not_recorded, not_assessed, checklist_positive, not_eligible, eligible, joint_funded };
// Disability benefit counted in charging (daily-living/care element).
enum class Benefit : uint8_t { not_recorded, none, attendance_allowance, pip_daily_living, dla_care };
// 1 = DLA lowest; 2 = AA lower / PIP standard / DLA middle; 3 = AA higher / PIP enhanced / DLA highest.
enum class BenefitRate : uint8_t { not_recorded, lowest, middle, highest };
enum class NightSupport : uint8_t { not_recorded, none, sleep_in, waking };
enum class LineSource : uint8_t { cld = 1, extract = 2 };

std::string_view to_string(S117Status);
std::string_view to_string(ChcStatus);
std::string_view to_string(Benefit);
std::string_view to_string(BenefitRate);
std::string_view to_string(NightSupport);
std::string_view to_string(LineSource);
// Parse the names above (case/punctuation-insensitive, with common synonyms).
std::optional<S117Status> parse_s117(std::string_view);
std::optional<ChcStatus> parse_chc(std::string_view);
std::optional<Benefit> parse_benefit(std::string_view);
std::optional<BenefitRate> parse_benefit_rate(std::string_view);
std::optional<NightSupport> parse_night_support(std::string_view);

struct PersonColumns {
    Dictionary id;                      // LA person id; person index i has dictionary id i + 1
    std::vector<int64_t> nhs_number;    // 0 = not recorded
    std::vector<int32_t> birth, death;  // serial days
    std::vector<Code> gender, ethnicity, client_type, support_reason, accommodation, employment, funding_status,
        has_carer;
    std::vector<uint32_t> postcode;     // dictionary `text`
    // From the supplementary extract:
    std::vector<uint32_t> team, placing_authority, location; // dictionary `text`
    std::vector<int8_t> out_of_area;    // -1 not recorded, 0 in area, 1 out of area
    std::vector<int32_t> distance_km;   // k_no_quantity if not recorded
    std::vector<S117Status> s117;
    std::vector<int32_t> s117_start, s117_end;
    std::vector<ChcStatus> chc;
    std::vector<Benefit> benefit;
    std::vector<BenefitRate> benefit_rate;
    std::vector<int8_t> appointee;      // -1 not recorded
    std::vector<int32_t> last_review, last_financial_assessment;

    std::size_t size() const { return nhs_number.size(); }
    // Adds a person with every field "not recorded"; returns the index (existing if the id is known).
    uint32_t append(std::string_view person_id);
    // Room for `count` people in all: a merge of known size grows each column once.
    void reserve(std::size_t count);
};

struct LineColumns {
    std::vector<uint32_t> person;       // person index
    StringColumn ref;                   // CLD event reference / extract line ref
    std::vector<Code> service_type, component, delivery, frequency;
    std::vector<uint32_t> provider, cqc_location; // dictionary `text`
    std::vector<int64_t> unit_cost;     // pence
    std::vector<int32_t> planned_units; // hundredths of a unit per week
    std::vector<int64_t> weekly_cost;   // pence, derived by the CLD rule (weekly_cost.hpp)
    std::vector<int32_t> start, end;
    std::vector<NightSupport> night;
    std::vector<uint8_t> staff_ratio;   // 0 not recorded, 1 = 1:1, 2 = 2:1, …
    // Funding split in basis points (100% = 10000); council share is what is left.
    std::vector<uint16_t> chc_share, s117_share, other_council_share;
    std::vector<int64_t> client_contribution; // pence a week, k_no_money if not recorded
    std::vector<int64_t> accommodation_cost;  // pence a week of the weekly cost, k_no_money if not recorded
    std::vector<LineSource> source;

    std::size_t size() const { return person.size(); }
    // Adds a line with every other field "not recorded"; returns its index.
    std::size_t append(uint32_t person_index, LineSource line_source, std::string_view line_ref);
    // Room for `count` lines in all, and `ref_bytes` of line references.
    void reserve(std::size_t count, std::size_t ref_bytes);
    // Appends the lines `rows` of another ledger's columns, its person indexes and `text` ids
    // mapped to this ledger's by `person_map` and `text_map`.
    void append_rows(const LineColumns &from, const std::vector<uint32_t> &rows, const std::vector<uint32_t> &person_map,
                     const std::vector<uint32_t> &text_map);
};

// A direct payment: by delivery mechanism or by service component.
inline bool is_direct_payment(const LineColumns &l, std::size_t i) {
    return l.delivery[i] == codes::dm_direct_payment || l.component[i] == codes::comp_direct_payment;
}

struct ChangeColumns {
    std::vector<uint32_t> person, ref, reason;
    std::vector<int32_t> effective;
    std::vector<int64_t> old_weekly, new_weekly;
    std::size_t size() const { return person.size(); }
};

struct DirectPaymentColumns {
    std::vector<uint32_t> person;
    std::vector<int64_t> paid, spent, balance;
    std::vector<int32_t> audit_date;
    std::size_t size() const { return person.size(); }
};

// A person's financial circumstances for charging, from a finances extract (one per person).
struct FinanceRecord {
    uint32_t person = 0;
    int32_t assessed_on = k_no_date;
    int32_t charge_from = k_no_date;    // when the current charge took effect, if a charging run set it
    int8_t pension_age = -1;            // -1: not recorded (taken from the date of birth)
    bool couple = false, lone_parent = false, light_touch = false;
    // -1: not stated (charging derives the premium from the benefits), 0: stated no, 1: stated yes.
    int8_t disability_premium = -1, enhanced_disability_premium = -1, carer_premium = -1;
    int32_t children = 0;
    // Pence (capital) and pence a week; 0 when not recorded.
    int64_t capital = 0, joint_capital = 0, state_pension = 0, pension_credit = 0, other_pension = 0, benefits = 0,
            other_income = 0, earnings = 0, mobility = 0, housing_costs = 0;
    int64_t dre_itemised = k_no_money;  // k_no_money: the standard allowance
    int64_t current_charge = k_no_money;
};

// How the extract's service rows joined the ledger's CLD lines (core/extract_join.hpp).
struct ExtractJoin {
    uint64_t by_reference = 0, by_service_and_start = 0;
    std::vector<std::size_t> unmatched; // indexes into the extract rows, in their order
    uint64_t joined() const { return by_reference + by_service_and_start; }
};

class Ledger {
public:
    PersonColumns people;
    LineColumns lines;
    ChangeColumns changes;
    DirectPaymentColumns direct_payments;
    std::vector<FinanceRecord> finances; // in person order
    Dictionary text; // shared dictionary for text columns
    Date as_at;      // the date the ledger describes (end of the current snapshot's reporting period)
    ExtractJoin extract_join;

    std::optional<uint32_t> find_person(std::string_view id) const;
    // Whether line i is open on `date` (started on or before it, not ended before it).
    bool line_active(std::size_t line, Date date) const;
    // Bytes held, including spare capacity and dictionary indexes.
    std::size_t memory_bytes() const;
    // The same data packed as plain columns: fixed-width values plus the text itself, no indexes
    // or spare capacity. The yardstick for memory_bytes().
    std::size_t raw_columnar_bytes() const;
    // Room for this many people and lines, so loading never regrows a column.
    void reserve(std::size_t people_count, std::size_t line_count);
    // Releases spare capacity after loading.
    void shrink_to_fit();
};

} // namespace ascent
