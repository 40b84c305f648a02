#include "io/extract_import.hpp"

#include <yaml-cpp/yaml.h>

#include <array>
#include <unordered_map>

#include "core/error.hpp"
#include "core/weekly_cost.hpp"
#include "io/row_checker.hpp"
#include "io/text_file.hpp"
#include "io/yaml_text.hpp"

namespace ascent::io {

namespace {

using T = FieldType;

const std::vector<FieldSpec> k_people = {
    {"person_id", T::text, "LA person unique identifier, as in CLD", CodeField::gender, true},
    {"date_of_birth", T::date, "date of birth (if the council has no CLD file)"},
    {"gender", T::code, "gender, CLD values", CodeField::gender},
    {"support_reason", T::code, "primary support reason, CLD values", CodeField::support_reason},
    {"team", T::text, "team responsible"},
    {"placing_authority", T::text, "council responsible under ordinary residence, if not this one"},
    {"location", T::text, "where the person lives (town or council area)"},
    {"out_of_area", T::flag, "placed outside the council's area (Yes/No)"},
    {"distance_km", T::whole_number, "distance of the placement from the council, in km"},
    {"s117_status", T::named, "section 117 aftercare: none, open, ended"},
    {"s117_start", T::date, "S117 entitlement start date"},
    {"s117_end", T::date, "S117 entitlement end date"},
    {"chc_status", T::named, "NHS CHC: not assessed, checklist positive, not eligible, eligible, joint funded"},
    {"benefit", T::named, "disability benefit: none, AA, PIP daily living, DLA care"},
    {"benefit_rate", T::named, "rate band: lowest, lower/standard/middle, higher/enhanced/highest"},
    {"appointee", T::flag, "the council or another person is appointee (Yes/No)"},
    {"last_review", T::date, "date of the last care review"},
    {"last_financial_assessment", T::date, "date of the last financial assessment"},
};

const std::vector<FieldSpec> k_services = {
    {"person_id", T::text, "LA person unique identifier", CodeField::gender, true},
    {"line_ref", T::text, "service line reference (CLD Event_Reference)", CodeField::gender, true},
    {"service_type", T::code, "CLD service type", CodeField::service_type},
    {"service_component", T::code, "CLD service component", CodeField::service_component},
    {"delivery_mechanism", T::code, "CLD delivery mechanism", CodeField::delivery_mechanism},
    {"provider_name", T::text, "provider name"},
    {"cqc_location_id", T::text, "provider CQC location id"},
    {"unit_cost", T::money, "unit cost in pounds"},
    {"cost_frequency", T::code, "CLD cost frequency (unit type)", CodeField::cost_frequency},
    {"planned_units", T::quantity, "planned units per week"},
    {"weekly_cost", T::money, "weekly cost as stated by the source (checked against unit cost × units)"},
    {"start_date", T::date, "service start date"},
    {"end_date", T::date, "service end date"},
    {"night_support", T::named, "night support: none, sleep-in, waking"},
    {"staff_ratio", T::whole_number, "staff to person ratio: 1 for 1:1, 2 for 2:1"},
    {"council_share", T::percent, "council share of the cost, %"},
    {"chc_share", T::percent, "NHS continuing healthcare share, %"},
    {"s117_share", T::percent, "NHS share under section 117, %"},
    {"other_council_share", T::percent, "another council's share (ordinary residence), %"},
    {"client_contribution", T::money, "client contribution, pounds a week"},
    {"accommodation_cost", T::money, "accommodation part of the weekly cost, pounds a week"},
};

const std::vector<FieldSpec> k_changes = {
    {"person_id", T::text, "LA person unique identifier", CodeField::gender, true},
    {"line_ref", T::text, "service line reference", CodeField::gender, true},
    {"effective_date", T::date, "date the change took effect", CodeField::gender, true},
    {"old_weekly_cost", T::money, "weekly cost before, pounds"},
    {"new_weekly_cost", T::money, "weekly cost after, pounds"},
    {"reason", T::text, "reason for the change"},
};

const std::vector<FieldSpec> k_direct_payments = {
    {"person_id", T::text, "LA person unique identifier", CodeField::gender, true},
    {"audit_date", T::date, "date of the account audit", CodeField::gender, true},
    {"paid", T::money, "paid into the account since it opened, pounds"},
    {"spent", T::money, "spent from the account, pounds"},
    {"balance", T::money, "balance held, pounds (checked against paid − spent)"},
};

const std::vector<FieldSpec> k_finances = {
    {"person_id", T::text, "LA person unique identifier", CodeField::gender, true},
    {"assessed_on", T::date, "date of the financial assessment these circumstances come from"},
    {"pension_age", T::flag, "at pension credit age (Yes/No; otherwise taken from the date of birth)"},
    {"couple", T::flag, "lives as a couple (Yes/No)"},
    {"lone_parent", T::flag, "a lone parent (Yes/No)"},
    {"children", T::whole_number, "dependent children"},
    {"disability_premium", T::flag, "entitled to the disability premium (Yes/No)"},
    {"enhanced_disability_premium", T::flag, "entitled to the enhanced disability premium (Yes/No)"},
    {"carer_premium", T::flag, "entitled to the carer premium (Yes/No)"},
    {"capital", T::money, "the person's own capital, pounds"},
    {"joint_capital", T::money, "capital held jointly with a partner, pounds (half is the person's)"},
    {"state_pension", T::money, "state pension, pounds a week"},
    {"pension_credit", T::money, "pension credit, pounds a week"},
    {"other_pension", T::money, "occupational and private pensions, pounds a week"},
    {"benefits", T::money, "ESA, Universal Credit, Income Support and other counted benefits, pounds a week"},
    {"other_income", T::money, "other counted income, pounds a week"},
    {"earnings", T::money, "earnings, pounds a week (always disregarded)"},
    {"total_income", T::money, "total weekly income as stated (checked against its parts)"},
    {"mobility", T::money, "PIP/DLA mobility component, pounds a week (always disregarded)"},
    {"housing_costs", T::money, "rent and other housing costs, pounds a week"},
    {"dre_itemised", T::money, "itemised disability-related expenditure allowed, pounds a week (blank: the standard allowance)"},
    {"light_touch", T::flag, "agreed to pay the full cost without a full assessment (Yes/No)"},
    {"current_charge", T::money, "the weekly charge being collected now, pounds"},
};

std::optional<ExtractKind> parse_kind(std::string_view text) {
    for (auto kind : {ExtractKind::people, ExtractKind::services, ExtractKind::changes, ExtractKind::direct_payments,
                      ExtractKind::finances})
        if (text == to_string(kind)) return kind;
    return std::nullopt;
}

FieldValue parse_named_field(RowChecker &check, std::string_view field, const std::string &column, std::string_view raw) {
    auto as_text = [](auto value) { return FieldValue{std::string(to_string(value))}; };
    if (RowChecker::blank(raw)) return {};
    if (field == "s117_status")
        return as_text(check.named<S117Status>(column, raw, parse_s117, "none, open, ended"));
    if (field == "chc_status")
        return as_text(check.named<ChcStatus>(column, raw, parse_chc,
                                              "not assessed, checklist positive, not eligible, eligible, joint funded"));
    if (field == "benefit")
        return as_text(check.named<Benefit>(column, raw, parse_benefit, "none, AA, PIP daily living, DLA care"));
    if (field == "benefit_rate")
        return as_text(check.named<BenefitRate>(column, raw, parse_benefit_rate,
                                                "lowest, lower, standard, middle, higher, enhanced, highest"));
    if (field == "night_support")
        return as_text(check.named<NightSupport>(column, raw, parse_night_support, "none, sleep-in, waking"));
    return {};
}

FieldValue parse_field(RowChecker &check, const FieldSpec &spec, const std::string &column, std::string_view raw,
                       CodeCache *cache) {
    auto number = [](auto v) -> FieldValue { return v ? FieldValue{static_cast<int64_t>(*v)} : FieldValue{}; };
    switch (spec.type) {
    case T::text: return RowChecker::blank(raw) ? FieldValue{} : FieldValue{std::string(raw)};
    case T::date: {
        auto d = check.date(column, raw);
        return d ? FieldValue{d->iso()} : FieldValue{};
    }
    case T::money: {
        auto m = check.money(column, raw, spec.name == "balance");
        return m ? FieldValue{m->pence()} : FieldValue{};
    }
    case T::quantity: return number(check.hundredths(column, raw));
    case T::percent: return number(check.percent(column, raw));
    case T::flag: {
        auto f = check.flag(column, raw);
        return f ? FieldValue{static_cast<int64_t>(*f ? 1 : 0)} : FieldValue{};
    }
    case T::whole_number: return number(check.whole_number(column, raw));
    case T::code: {
        const Code c = check.code(*cache, column, raw);
        return c == 0 ? FieldValue{} : FieldValue{std::string(code_label(cache->field(), c))};
    }
    case T::named: return parse_named_field(check, spec.name, column, raw);
    }
    return {};
}

const int64_t *number_in(const ExtractRecord &record, const std::vector<FieldSpec> &fields, std::string_view name) {
    for (const auto &[index, value] : record.values)
        if (fields[index].name == name) return std::get_if<int64_t>(&value);
    return nullptr;
}

const std::string *text_in(const ExtractRecord &record, const std::vector<FieldSpec> &fields, std::string_view name) {
    for (const auto &[index, value] : record.values)
        if (fields[index].name == name) return std::get_if<std::string>(&value);
    return nullptr;
}

// Stated totals against their parts: warn with the difference, keep the stated value.
void check_totals(RowChecker &check, ExtractKind kind, const ExtractRecord &record, const ColumnMapping &mapping) {
    const auto &fields = extract_fields(kind);
    auto column = [&](std::string_view field) { return mapping.columns.at(std::string(field)); };
    if (kind == ExtractKind::direct_payments) {
        const auto *paid = number_in(record, fields, "paid");
        const auto *spent = number_in(record, fields, "spent");
        const auto *balance = number_in(record, fields, "balance");
        if (paid && spent && balance && *paid - *spent != *balance)
            check.warning("total-mismatch", column("balance"), format_pence(Money::from_pence(*balance)),
                          "the balance is not paid − spent (" + format_pence(Money::from_pence(*paid - *spent)) +
                              "); difference " + format_pence(Money::from_pence(*balance - (*paid - *spent))) +
                              "; the stated balance is kept");
    }
    if (kind == ExtractKind::finances) {
        if (const auto *stated = number_in(record, fields, "total_income")) {
            int64_t parts = 0;
            for (auto part : {"state_pension", "pension_credit", "other_pension", "benefits", "other_income", "earnings"})
                if (const auto *v = number_in(record, fields, part)) parts += *v;
            if (parts != *stated)
                check.warning("total-mismatch", column("total_income"), format_pence(Money::from_pence(*stated)),
                              "the total income is not the sum of its parts (" + format_pence(Money::from_pence(parts)) +
                                  "); difference " + format_pence(Money::from_pence(*stated - parts)) +
                                  "; the parts are assessed");
        }
    }
    if (kind == ExtractKind::services) {
        static constexpr std::array<std::string_view, 4> k_shares = {"council_share", "chc_share", "s117_share",
                                                                     "other_council_share"};
        int64_t total = 0;
        bool all = true;
        std::string_view first_given;
        for (auto share : k_shares) {
            if (const auto *s = number_in(record, fields, share)) {
                total += *s;
                if (first_given.empty()) first_given = share;
            } else {
                all = false;
            }
        }
        if (total > 10'000 || (all && total != 10'000))
            check.warning("total-mismatch", column(first_given), "",
                          "the funding shares add up to " + std::to_string(total / 100) + "." +
                              (total % 100 < 10 ? "0" : "") + std::to_string(total % 100) + "%, not 100%");
        const auto *weekly = number_in(record, fields, "weekly_cost");
        const auto *unit = number_in(record, fields, "unit_cost");
        const auto *units = number_in(record, fields, "planned_units");
        const auto *frequency = text_in(record, fields, "cost_frequency");
        if (weekly && unit && frequency) {
            const auto code = match_code(CodeField::cost_frequency, *frequency);
            const auto derived = weekly_cost(Money::from_pence(*unit), code ? code->code : 0,
                                             units ? static_cast<int32_t>(*units) : k_no_quantity);
            if (derived && derived->pence() != *weekly)
                check.warning("total-mismatch", column("weekly_cost"), format_pence(Money::from_pence(*weekly)),
                              "the stated weekly cost differs from unit cost × units (" + format_pence(*derived) +
                                  ") by " + format_pence(Money::from_pence(*weekly) - *derived) +
                                  "; the stated figure is kept");
        }
        const auto *accommodation = number_in(record, fields, "accommodation_cost");
        if (accommodation && weekly && *accommodation > *weekly)
            check.error("total-mismatch", column("accommodation_cost"), format_pence(Money::from_pence(*accommodation)),
                        "the accommodation part is more than the weekly cost " + format_pence(Money::from_pence(*weekly)));
    }
}

} // namespace

std::string_view to_string(ExtractKind kind) {
    switch (kind) {
    case ExtractKind::people: return "people";
    case ExtractKind::services: return "services";
    case ExtractKind::changes: return "changes";
    case ExtractKind::direct_payments: return "direct_payments";
    case ExtractKind::finances: return "finances";
    }
    return "?";
}

const std::vector<FieldSpec> &extract_fields(ExtractKind kind) {
    switch (kind) {
    case ExtractKind::people: return k_people;
    case ExtractKind::services: return k_services;
    case ExtractKind::changes: return k_changes;
    case ExtractKind::direct_payments: return k_direct_payments;
    case ExtractKind::finances: return k_finances;
    }
    return k_services;
}

namespace {

ColumnMapping mapping_of(const YAML::Node &root, const std::string &path) {
    if (!root.IsMap()) throw input_error(path + ": a mapping file must be a YAML map with 'kind' and 'columns'");
    check_keys(root, {"source", "kind", "sheet", "columns"}, "a mapping file", path);
    ColumnMapping mapping;
    mapping.source = root["source"] ? root["source"].as<std::string>() : "unnamed source";
    if (!root["kind"]) throw input_error(path + ": 'kind' is missing; expected people, services, changes, direct_payments or finances");
    const auto kind_text = root["kind"].as<std::string>();
    const auto kind = parse_kind(kind_text);
    if (!kind)
        throw input_error(path + ": kind '" + kind_text + "' is not one of people, services, changes, direct_payments, finances");
    mapping.kind = *kind;
    if (root["sheet"]) mapping.sheet = root["sheet"].as<std::string>();
    const auto columns = root["columns"];
    if (!columns || !columns.IsMap()) throw input_error(path + ": 'columns' must map ascent fields to your column names");
    const auto &fields = extract_fields(mapping.kind);
    for (const auto &entry : columns) {
        const auto field = entry.first.as<std::string>();
        bool known = false;
        for (const auto &spec : fields) known = known || spec.name == field;
        if (!known) {
            std::string names;
            for (const auto &spec : fields) names += (names.empty() ? "" : ", ") + std::string(spec.name);
            throw input_error(path + ": '" + field + "' is not a field of a " + kind_text + " extract; fields are: " + names);
        }
        mapping.columns[field] = entry.second.as<std::string>();
    }
    for (const auto &spec : fields)
        if (spec.key && !mapping.columns.contains(std::string(spec.name)))
            throw input_error(path + ": the key field '" + std::string(spec.name) + "' has no column");
    return mapping;
}

} // namespace

ColumnMapping load_mapping(const std::string &path) {
    return read_yaml(read_text_file(path, "the mapping file"), path,
                     [&](const YAML::Node &root) { return mapping_of(root, path); });
}

ExtractBatch read_extract(const std::string &path, const ColumnMapping &mapping, ImportReport &report,
                          const ProgressFn &progress) {
    TableOptions options;
    options.sheet = mapping.sheet;
    auto reader = open_table(path, options);
    report.format = reader->describe();
    ExtractBatch batch;
    batch.kind = mapping.kind;
    const auto &fields = extract_fields(mapping.kind);
    std::vector<std::string_view> cells;
    if (!reader->next(cells)) {
        report.error("empty-file", 0, "", "", "the file is empty; expected a header row");
        return batch;
    }
    // Match mapped headers to file columns ignoring case and punctuation.
    std::unordered_map<std::string, std::size_t> header_index;
    for (std::size_t i = 0; i < cells.size(); ++i) header_index.emplace(normalise_key(cells[i]), i);
    struct Bound {
        std::size_t field;
        std::size_t column;
        std::string header;
        std::unique_ptr<CodeCache> cache;
    };
    std::vector<Bound> bound;
    for (std::size_t f = 0; f < fields.size(); ++f) {
        auto it = mapping.columns.find(std::string(fields[f].name));
        if (it == mapping.columns.end()) continue;
        auto found = header_index.find(normalise_key(it->second));
        if (found == header_index.end()) {
            report.add(fields[f].key ? Severity::error : Severity::warning, "missing-column", 1, it->second, "",
                       "the mapping names this column for '" + std::string(fields[f].name) +
                           "' but the file has no such column");
            continue;
        }
        auto cache = fields[f].type == T::code ? std::make_unique<CodeCache>(fields[f].code) : nullptr;
        bound.push_back({f, found->second, it->second, std::move(cache)});
    }
    report.notes.push_back(std::to_string(bound.size()) + " of " + std::to_string(mapping.columns.size()) +
                           " mapped columns found (source: " + mapping.source + ", kind: " +
                           std::string(to_string(mapping.kind)) + ").");
    if (report.errors() > 0) return batch;

    std::unordered_map<std::string, uint64_t> seen_keys;
    while (reader->next(cells)) {
        if (cells.size() == 1 && RowChecker::blank(cells[0])) continue;
        ++report.rows_read;
        RowChecker check(report, reader->row());
        ExtractRecord record{reader->row(), {}};
        std::string key;
        for (auto &b : bound) {
            const std::string_view raw = b.column < cells.size() ? cells[b.column] : std::string_view{};
            if (fields[b.field].key) {
                check.require(b.header, raw);
                key.append(raw);
                key.push_back('\x1f');
            }
            auto value = parse_field(check, fields[b.field], b.header, raw, b.cache.get());
            if (!std::holds_alternative<std::monostate>(value)) record.values.emplace_back(b.field, std::move(value));
        }
        if (!check.rejected()) check_totals(check, mapping.kind, record, mapping);
        if (!check.rejected()) {
            if (auto [it, inserted] = seen_keys.emplace(key, check.row()); !inserted)
                check.error("duplicate-row", "", "", "the same key as row " + std::to_string(it->second));
        }
        if (check.rejected()) {
            ++report.rows_rejected;
            continue;
        }
        batch.records.push_back(std::move(record));
        if (progress && report.rows_read % 65536 == 0) progress(reader->progress_done(), reader->progress_total());
    }
    if (report.rows_read == 0) report.error("no-rows", 0, "", "", "the file has a header but no data rows");
    if (progress) progress(reader->progress_total(), reader->progress_total());
    return batch;
}

} // namespace ascent::io
