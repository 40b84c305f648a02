#include "store/sqlite_snapshots.hpp"

#include <xxhash.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "core/crash_point.hpp"
#include "io/code_cache.hpp"
#include "store/sqlite_values.hpp"

namespace ascent::store {

namespace {

// A row's identity across snapshots: a 128-bit hash of its fields, each length-prefixed so that
// no two different rows give the same bytes.
struct RowKey {
    uint64_t low = 0, high = 0;
    auto operator<=>(const RowKey &) const = default;
};

class KeyBuilder {
public:
    KeyBuilder &text(std::string_view value) {
        const auto size = static_cast<uint32_t>(value.size());
        bytes_.append(reinterpret_cast<const char *>(&size), sizeof size).append(value);
        return *this;
    }
    template <typename Number> KeyBuilder &number(Number value) {
        bytes_.append(reinterpret_cast<const char *>(&value), sizeof value);
        return *this;
    }
    RowKey finish() {
        const XXH128_hash_t h = XXH3_128bits(bytes_.data(), bytes_.size());
        bytes_.clear();
        return {h.low64, h.high64};
    }

private:
    std::string bytes_;
};

// The open rows of the latest snapshot in `table`, by key, and which of them the new snapshot keeps.
class OpenRows {
public:
    OpenRows(Database &db, std::string_view table) {
        auto s = db.prepare("SELECT id, row_key FROM " + std::string(table) + " WHERE last_snapshot IS NULL");
        while (s.step()) {
            RowKey key;
            const auto blob = s.blob(1);
            if (blob.size() == sizeof key) std::memcpy(&key, blob.data(), sizeof key);
            rows_.push_back({key, s.integer(0)});
        }
        std::sort(rows_.begin(), rows_.end());
        kept_.assign(rows_.size(), false);
    }
    // Claims an unclaimed open row with this key; false if there is none.
    bool keep(const RowKey &key) {
        auto it = std::lower_bound(rows_.begin(), rows_.end(), std::pair{key, int64_t{0}},
                                   [](const auto &a, const auto &b) { return a.first < b.first; });
        for (; it != rows_.end() && it->first == key; ++it) {
            const auto i = static_cast<std::size_t>(it - rows_.begin());
            if (kept_[i]) continue;
            kept_[i] = true;
            return true;
        }
        return false;
    }
    // Ends every row not kept with snapshot `last`.
    void end_the_rest(Database &db, std::string_view table, int64_t last) {
        auto s = db.prepare("UPDATE " + std::string(table) + " SET last_snapshot = ? WHERE id = ?");
        for (std::size_t i = 0; i < rows_.size(); ++i) {
            if (kept_[i]) continue;
            s.bind(1, last);
            s.bind(2, rows_[i].second);
            s.run();
        }
    }

private:
    std::vector<std::pair<RowKey, int64_t>> rows_;
    std::vector<bool> kept_;
};

std::string_view key_bytes(const RowKey &key) { return {reinterpret_cast<const char *>(&key), sizeof key}; }

// In snapshot ?1: stored by it or before, and not ended before it.
constexpr const char *k_in_snapshot = "import_id <= ?1 AND (last_snapshot IS NULL OR last_snapshot >= ?1)";

} // namespace

SnapshotWrite write_snapshot_rows(Database &db, const io::CldBatch &batch, int64_t snapshot) {
    SnapshotWrite out;
    const int64_t latest = [&] {
        auto s = db.prepare("SELECT MAX(id) FROM import_log WHERE kind = 'cld' AND retained = 1 AND id < ?");
        s.bind(1, snapshot);
        return s.step() && !s.is_null(0) ? s.integer(0) : int64_t{0};
    }();
    const Ledger &l = batch.ledger;
    const auto &p = l.people;
    std::array<IsoBuffer, 4> dates;
    KeyBuilder key;

    // Every id the ledger has held, with the latest review and assessment dates any file gave.
    auto registry = db.prepare(
        "INSERT INTO person (id, last_review, last_financial_assessment) VALUES (?,?,?) ON CONFLICT(id) DO UPDATE SET "
        "last_review = COALESCE(excluded.last_review, person.last_review), "
        "last_financial_assessment = COALESCE(excluded.last_financial_assessment, person.last_financial_assessment)");
    auto person = db.prepare(
        "INSERT INTO person_cld (person_id, nhs_number, date_of_birth, date_of_death, gender, ethnicity, client_type, "
        "support_reason, postcode, accommodation, employment, funding_status, has_carer, row_key, import_id) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    OpenRows open_people(db, "person_cld");
    for (std::size_t i = 0; i < p.size(); ++i) {
        const auto id = p.id.at(static_cast<uint32_t>(i + 1));
        registry.bind(1, id);
        registry.bind(2, iso(dates[0], p.last_review[i]));
        registry.bind(3, iso(dates[1], p.last_financial_assessment[i]));
        registry.run();
        const RowKey row = key.text(id)
                               .number(p.nhs_number[i])
                               .number(p.birth[i])
                               .number(p.death[i])
                               .number(p.gender[i])
                               .number(p.ethnicity[i])
                               .number(p.client_type[i])
                               .number(p.support_reason[i])
                               .text(l.text.at(p.postcode[i]))
                               .number(p.accommodation[i])
                               .number(p.employment[i])
                               .number(p.funding_status[i])
                               .number(p.has_carer[i])
                               .finish();
        if (open_people.keep(row)) {
            ++out.people_kept;
            continue;
        }
        person.bind(1, id);
        bind_optional(person, 2, p.nhs_number[i], 0);
        person.bind(3, iso(dates[0], p.birth[i]));
        person.bind(4, iso(dates[1], p.death[i]));
        person.bind(5, code_label(CodeField::gender, p.gender[i]));
        person.bind(6, code_label(CodeField::ethnicity, p.ethnicity[i]));
        person.bind(7, code_label(CodeField::client_type, p.client_type[i]));
        person.bind(8, code_label(CodeField::support_reason, p.support_reason[i]));
        person.bind(9, l.text.at(p.postcode[i]));
        person.bind(10, code_label(CodeField::accommodation, p.accommodation[i]));
        person.bind(11, code_label(CodeField::employment, p.employment[i]));
        person.bind(12, code_label(CodeField::funding_status, p.funding_status[i]));
        person.bind(13, code_label(CodeField::yes_no, p.has_carer[i]));
        person.bind_blob(14, key_bytes(row));
        person.bind(15, snapshot);
        person.run();
        ++out.people_added;
    }
    open_people.end_the_rest(db, "person_cld", latest);
    crash_point("snapshot-people-written");

    auto line = db.prepare(
        "INSERT INTO service_line (person_id, line_ref, service_type, service_component, delivery_mechanism, "
        "provider_name, cqc_location_id, unit_cost, cost_frequency, planned_units, weekly_cost, start_date, "
        "end_date, row_key, import_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    OpenRows open_lines(db, "service_line");
    const auto &s = l.lines;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i == s.size() / 2) crash_point("snapshot-mid-lines");
        const auto person_id = p.id.at(s.person[i] + 1);
        const RowKey row = key.text(person_id)
                               .text(s.ref.at(i))
                               .number(s.service_type[i])
                               .number(s.component[i])
                               .number(s.delivery[i])
                               .text(l.text.at(s.provider[i]))
                               .text(l.text.at(s.cqc_location[i]))
                               .number(s.unit_cost[i])
                               .number(s.frequency[i])
                               .number(s.planned_units[i])
                               .number(s.weekly_cost[i])
                               .number(s.start[i])
                               .number(s.end[i])
                               .finish();
        if (open_lines.keep(row)) {
            ++out.lines_kept;
            continue;
        }
        line.bind(1, person_id);
        line.bind(2, s.ref.at(i));
        line.bind(3, code_label(CodeField::service_type, s.service_type[i]));
        line.bind(4, code_label(CodeField::service_component, s.component[i]));
        line.bind(5, code_label(CodeField::delivery_mechanism, s.delivery[i]));
        line.bind(6, l.text.at(s.provider[i]));
        line.bind(7, l.text.at(s.cqc_location[i]));
        bind_optional(line, 8, s.unit_cost[i], k_no_money);
        line.bind(9, code_label(CodeField::cost_frequency, s.frequency[i]));
        bind_optional(line, 10, s.planned_units[i], k_no_quantity);
        line.bind(11, s.weekly_cost[i]);
        line.bind(12, iso(dates[0], s.start[i]));
        line.bind(13, iso(dates[1], s.end[i]));
        line.bind_blob(14, key_bytes(row));
        line.bind(15, snapshot);
        line.run();
        ++out.lines_added;
    }
    open_lines.end_the_rest(db, "service_line", latest);
    remember_joined_lines(db, snapshot);
    return out;
}

void remember_joined_lines(Database &db, int64_t snapshot) {
    auto s = db.prepare(std::string("UPDATE line_extract SET joined_service_type = l.service_type, joined_start_date = l.start_date "
                                    "FROM (SELECT person_id, line_ref, service_type, start_date FROM service_line WHERE ") +
                        k_in_snapshot + ") l WHERE l.person_id = line_extract.person_id AND l.line_ref = line_extract.line_ref");
    s.bind(1, snapshot);
    s.run();
}

std::vector<ExtractLine> read_extract_lines(Database &db) {
    io::CodeCache service_type{CodeField::service_type};
    auto s = db.prepare(
        "SELECT person_id, line_ref, source_row, COALESCE(service_type, joined_service_type), "
        "COALESCE(start_date, joined_start_date), provider_name, cqc_location_id, night_support, "
        "staff_ratio, chc_share, s117_share, other_council_share, client_contribution, accommodation_cost "
        "FROM line_extract ORDER BY rowid");
    const auto number = [&](int column, int64_t none) { return s.is_null(column) ? none : s.integer(column); };
    std::vector<ExtractLine> out;
    while (s.step()) {
        ExtractLine e;
        e.person_id = s.text(0);
        e.line_ref = s.text(1);
        e.row = static_cast<uint64_t>(number(2, 0));
        if (const auto m = s.text(3).empty() ? std::nullopt : service_type.match(s.text(3))) e.service_type = m->code;
        e.start = serial_or_none(s.text(4));
        e.provider = s.text(5);
        e.cqc_location = s.text(6);
        e.night = named_or_default<NightSupport>(s.text(7), parse_night_support);
        e.staff_ratio = number(8, -1);
        e.chc_share = number(9, -1);
        e.s117_share = number(10, -1);
        e.other_council_share = number(11, -1);
        e.client_contribution = number(12, k_no_money);
        e.accommodation_cost = number(13, k_no_money);
        out.push_back(std::move(e));
    }
    return out;
}

Ledger read_snapshot(Database &db, int64_t snapshot) {
    Ledger ledger;
    auto &p = ledger.people;
    auto &text = ledger.text;
    const auto count_in_snapshot = [&](std::string_view table) {
        auto s = db.prepare("SELECT COUNT(*) FROM " + std::string(table) + " WHERE " + k_in_snapshot);
        s.bind(1, snapshot);
        return s.step() ? static_cast<std::size_t>(s.integer(0)) : std::size_t{0};
    };
    // Exact sizes up front: no column regrows (and copies) while loading millions of rows.
    ledger.reserve(count_in_snapshot("person_cld"), count_in_snapshot("service_line"));
    io::CodeCache gender{CodeField::gender}, ethnicity{CodeField::ethnicity}, client_type{CodeField::client_type},
        support_reason{CodeField::support_reason}, accommodation{CodeField::accommodation},
        employment{CodeField::employment}, funding{CodeField::funding_status}, yes_no{CodeField::yes_no},
        service_type{CodeField::service_type}, component{CodeField::service_component},
        delivery{CodeField::delivery_mechanism}, frequency{CodeField::cost_frequency};
    auto code = [](io::CodeCache &cache, std::string_view value) -> Code {
        if (value.empty()) return 0;
        auto m = cache.match(value);
        return m ? m->code : 0;
    };
    auto optional_int = [](const Statement &s, int column, int64_t none) { return s.is_null(column) ? none : s.integer(column); };

    // The snapshot's people in its order; with no CLD snapshot, everyone a people extract named.
    const std::string columns =
        "SELECT p.id, c.nhs_number, COALESCE(c.date_of_birth, p.date_of_birth), c.date_of_death, "
        "COALESCE(c.gender, p.gender), c.ethnicity, c.client_type, COALESCE(c.support_reason, p.support_reason), "
        "c.postcode, c.accommodation, c.employment, c.funding_status, c.has_carer, p.team, p.placing_authority, "
        "p.location, p.out_of_area, p.distance_km, p.s117_status, p.s117_start, p.s117_end, p.chc_status, p.benefit, "
        "p.benefit_rate, p.appointee, p.last_review, p.last_financial_assessment ";
    auto people = db.prepare(snapshot != 0 ? columns + "FROM person_cld c JOIN person p ON p.id = c.person_id WHERE "
                                                 "c.import_id <= ?1 AND (c.last_snapshot IS NULL OR c.last_snapshot >= ?1) "
                                                 "ORDER BY c.id"
                                           : columns + "FROM person p LEFT JOIN person_cld c ON 0 WHERE ?1 = 0 ORDER BY p.rowid");
    people.bind(1, snapshot);
    while (people.step()) {
        const uint32_t i = p.append(people.text(0));
        p.nhs_number[i] = optional_int(people, 1, 0);
        p.birth[i] = serial_or_none(people.text(2));
        p.death[i] = serial_or_none(people.text(3));
        p.gender[i] = code(gender, people.text(4));
        p.ethnicity[i] = code(ethnicity, people.text(5));
        p.client_type[i] = code(client_type, people.text(6));
        p.support_reason[i] = code(support_reason, people.text(7));
        p.postcode[i] = text.intern(people.text(8));
        p.accommodation[i] = code(accommodation, people.text(9));
        p.employment[i] = code(employment, people.text(10));
        p.funding_status[i] = code(funding, people.text(11));
        p.has_carer[i] = code(yes_no, people.text(12));
        p.team[i] = text.intern(people.text(13));
        p.placing_authority[i] = text.intern(people.text(14));
        p.location[i] = text.intern(people.text(15));
        p.out_of_area[i] = static_cast<int8_t>(optional_int(people, 16, -1));
        p.distance_km[i] = static_cast<int32_t>(optional_int(people, 17, k_no_quantity));
        p.s117[i] = named_or_default<S117Status>(people.text(18), parse_s117);
        p.s117_start[i] = serial_or_none(people.text(19));
        p.s117_end[i] = serial_or_none(people.text(20));
        p.chc[i] = named_or_default<ChcStatus>(people.text(21), parse_chc);
        p.benefit[i] = named_or_default<Benefit>(people.text(22), parse_benefit);
        p.benefit_rate[i] = named_or_default<BenefitRate>(people.text(23), parse_benefit_rate);
        p.appointee[i] = static_cast<int8_t>(optional_int(people, 24, -1));
        p.last_review[i] = serial_or_none(people.text(25));
        p.last_financial_assessment[i] = serial_or_none(people.text(26));
    }

    auto &l = ledger.lines;
    auto lines = db.prepare(std::string("SELECT person_id, line_ref, service_type, service_component, delivery_mechanism, "
                                        "provider_name, cqc_location_id, unit_cost, cost_frequency, planned_units, "
                                        "weekly_cost, start_date, end_date FROM service_line WHERE ") +
                            k_in_snapshot + " ORDER BY id");
    lines.bind(1, snapshot);
    std::string last_id; // lines of one person are usually adjacent: skip the id lookup for them
    uint32_t last_person = 0;
    while (lines.step()) {
        if (lines.text(0) != last_id) {
            last_id.assign(lines.text(0));
            last_person = p.append(last_id);
        }
        const std::size_t i = l.append(last_person, LineSource::cld, lines.text(1));
        l.service_type[i] = code(service_type, lines.text(2));
        l.component[i] = code(component, lines.text(3));
        l.delivery[i] = code(delivery, lines.text(4));
        l.provider[i] = text.intern(lines.text(5));
        l.cqc_location[i] = text.intern(lines.text(6));
        l.unit_cost[i] = optional_int(lines, 7, k_no_money);
        l.frequency[i] = code(frequency, lines.text(8));
        l.planned_units[i] = static_cast<int32_t>(optional_int(lines, 9, k_no_quantity));
        l.weekly_cost[i] = lines.integer(10);
        l.start[i] = serial_or_none(lines.text(11));
        l.end[i] = serial_or_none(lines.text(12));
    }
    const auto extract = read_extract_lines(db);
    apply_extract_lines(ledger, extract, match_extract_lines(ledger, extract));

    auto changes = db.prepare("SELECT person_id, line_ref, effective_date, old_weekly_cost, new_weekly_cost, reason "
                              "FROM package_change ORDER BY person_id, effective_date");
    auto &c = ledger.changes;
    while (changes.step()) {
        c.person.push_back(p.append(changes.text(0)));
        c.ref.push_back(text.intern(changes.text(1)));
        c.effective.push_back(serial_or_none(changes.text(2)));
        c.old_weekly.push_back(optional_int(changes, 3, k_no_money));
        c.new_weekly.push_back(optional_int(changes, 4, k_no_money));
        c.reason.push_back(text.intern(changes.text(5)));
    }
    auto payments = db.prepare("SELECT person_id, audit_date, paid, spent, balance FROM direct_payment ORDER BY rowid");
    auto &d = ledger.direct_payments;
    while (payments.step()) {
        d.person.push_back(p.append(payments.text(0)));
        d.audit_date.push_back(serial_or_none(payments.text(1)));
        d.paid.push_back(optional_int(payments, 2, k_no_money));
        d.spent.push_back(optional_int(payments, 3, k_no_money));
        d.balance.push_back(optional_int(payments, 4, k_no_money));
    }
    auto finances = db.prepare(
        "SELECT person_id, assessed_on, current_charge_from, pension_age, couple, lone_parent, disability_premium, "
        "enhanced_disability_premium, carer_premium, light_touch, children, capital, joint_capital, state_pension, "
        "pension_credit, other_pension, benefits, other_income, earnings, mobility, housing_costs, dre_itemised, "
        "current_charge FROM person_finances ORDER BY rowid");
    while (finances.step()) {
        FinanceRecord f;
        f.person = p.append(finances.text(0));
        f.assessed_on = serial_or_none(finances.text(1));
        f.charge_from = serial_or_none(finances.text(2));
        f.pension_age = static_cast<int8_t>(optional_int(finances, 3, -1));
        for (auto [column, flag] : {std::pair{4, &f.couple}, {5, &f.lone_parent}, {9, &f.light_touch}})
            *flag = optional_int(finances, column, 0) != 0;
        for (auto [column, flag] : {std::pair{6, &f.disability_premium}, {7, &f.enhanced_disability_premium}, {8, &f.carer_premium}})
            *flag = static_cast<int8_t>(optional_int(finances, column, -1));
        f.children = static_cast<int32_t>(optional_int(finances, 10, 0));
        int column = 11;
        for (int64_t *amount : {&f.capital, &f.joint_capital, &f.state_pension, &f.pension_credit, &f.other_pension,
                                &f.benefits, &f.other_income, &f.earnings, &f.mobility, &f.housing_costs})
            *amount = optional_int(finances, column++, 0);
        f.dre_itemised = optional_int(finances, 21, k_no_money);
        f.current_charge = optional_int(finances, 22, k_no_money);
        ledger.finances.push_back(f);
    }
    std::sort(ledger.finances.begin(), ledger.finances.end(),
              [](const FinanceRecord &a, const FinanceRecord &b) { return a.person < b.person; });
    ledger.shrink_to_fit(); // only the small tables (changes, payments) and dictionaries have slack
    return ledger;
}

} // namespace ascent::store
