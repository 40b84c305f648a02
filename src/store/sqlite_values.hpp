// How the SQLite backend writes and reads the ledger's values: dates as ISO text, "not recorded"
// as NULL, named values by their name.
#pragma once

#include <array>
#include <string_view>

#include "core/ledger.hpp"
#include "store/sqlite_db.hpp"

namespace ascent::store {

// A date's ISO text copied into a caller's buffer, which the statement binds without a copy of
// its own until its next step: a large import writes millions of dates.
using IsoBuffer = std::array<char, 24>;
inline std::string_view iso(IsoBuffer &buffer, int32_t serial) {
    if (serial == k_no_date) return {};
    return {buffer.data(), Date::from_serial(serial).iso().copy(buffer.data(), buffer.size())};
}

inline int32_t serial_or_none(std::string_view iso) {
    if (iso.empty()) return k_no_date;
    auto d = parse_date(iso);
    return d ? d->serial() : k_no_date;
}

inline void bind_optional(Statement &s, int index, int64_t value, int64_t none) {
    if (value == none) s.bind_null(index);
    else s.bind(index, value);
}

template <typename Enum, typename Parse> Enum named_or_default(std::string_view text, Parse parse) {
    if (text.empty()) return Enum{};
    return parse(text).value_or(Enum{});
}

} // namespace ascent::store
