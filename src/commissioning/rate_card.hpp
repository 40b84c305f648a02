// Rate cards and ceilings: what the council will pay per unit for a service component, by zone and
// from a date, scoped as commissioners decide (client groups by primary support reason, an age
// range, packages that start from a date), with its billing rules (a flat rate at any time of day,
// weekends and bank holidays; hourly care billed in blocks of minutes). Every ledger line paid above its ceiling is flagged
// with the excess a week; a retender (new rates from a date) is profiled as a saving by financial
// year with its part-year effect, ready to become a business case.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/annualise.hpp"
#include "core/codes.hpp"
#include "core/date.hpp"
#include "core/ledger.hpp"

namespace ascent::commissioning {

struct Rate {
    Code component = 0;          // CLD service component
    Code frequency = 0;          // the unit priced: codes::freq_hourly or codes::freq_weekly
    std::string zone;            // empty: every zone
    Date from;
    int64_t ceiling = 0;         // pence per unit (an hour for hourly lines, a week for weekly ones)
    bool specialist = false;     // a higher ceiling for specialist placements (used when a line is marked so)
    // Scope: the people and packages the rate is for. Empty / unset: everyone.
    std::vector<Code> client_groups;  // primary support reasons
    int min_age = 0, max_age = 200;   // ages on the date, inclusive
    std::optional<Date> new_from;     // only packages (lines) that start on or after this date
};

// What a rate's scope is tested against: the line's person and the line's start.
struct LineScope {
    Code support_reason = 0;
    int age = -1;                // -1: no date of birth (then only a rate with no age range applies)
    int32_t start = k_no_date;   // serial day the line started
};

struct RateCard {
    std::string name;
    bool flat_rate = true;       // one rate at any time of day, weekends and bank holidays
    int billing_minutes = 0;     // hourly care billed in blocks of this many minutes (0: as planned)
    // Whether blocks also re-bill lines already within their ceiling (`blocks_apply_to: every_line`);
    // by default they apply only to lines the card brings down to its ceiling, so a retender never
    // raises a line that was already within it by rounding its hours up.
    bool blocks_for_every_line = false;
    std::vector<std::pair<std::string, std::vector<std::string>>> zones; // zone → postcode prefixes
    std::vector<Rate> rates;
};

RateCard read_rate_card(std::string_view text, const std::string &path);
RateCard read_rate_card_file(const std::string &path);

// Planned hours (hundredths a week) billed in blocks: each visit's time rounded up to the block.
// Ledger lines hold a week's hours, not visits, so this is applied to the weekly figure.
int64_t billable_hundredths(int64_t planned_hundredths, int block_minutes);

// The zone of a postcode: the first zone with a prefix it starts with ("" if none).
std::string zone_of(const RateCard &card, std::string_view postcode);

// The ceiling for a component priced by `frequency` in a zone on a date, for a line in `scope` (a
// zone's own rate before an every-zone one; among those, a rate scoped to the line's client group or
// age before an unscoped one; then the latest).
const Rate *ceiling_for(const RateCard &card, Code component, Code frequency, const std::string &zone, Date on, const LineScope &scope);

struct FlaggedLine {
    uint32_t line = 0;           // index into the ledger's service lines
    int64_t unit_cost = 0, ceiling = 0; // pence per unit
    int64_t weekly_excess = 0;   // pence a week: (unit cost − ceiling) × units a week, rounded half-up once
};

struct CeilingCheck {
    Date on;
    int64_t lines_checked = 0, lines_without_rate = 0;
    std::vector<FlaggedLine> flagged; // largest weekly excess first
    int64_t weekly_excess = 0;
};

// Every line open on `on` with a weekly or hourly cost, against its ceiling.
CeilingCheck check_ceilings(const Ledger &ledger, const RateCard &card, Date on);

struct Retender {
    std::string name;
    Date effective;
    int years = 3;
    WeeksPerYear weeks = WeeksPerYear::fifty_two();
};

struct RetenderProfile {
    Retender retender;
    int64_t lines = 0, lines_up = 0, lines_down = 0;
    int64_t lines_before_new_from = 0; // open lines a new-packages-only rate leaves at their own price
    int64_t weekly_before = 0, weekly_after = 0;    // pence a week, lines the new card covers
    std::vector<std::pair<FinancialYear, int64_t>> saving_by_year; // pence: part-year, then full years
};

// Every open line the new card has a rate for, in the rate's scope, moves to it from the effective
// date (with a flat rate, lines below it go up; without, only lines above it come down); hourly lines
// brought down to the ceiling are billed in the card's blocks (every line if the card says so).
RetenderProfile retender(const Ledger &ledger, const RateCard &card, const Retender &retender);

std::string format_ceilings(const Ledger &ledger, const CeilingCheck &check, std::size_t limit);
std::string format_retender(const RetenderProfile &profile);

} // namespace ascent::commissioning
