// The dynamic purchasing system's register on a SQLite ledger connection (schema migration 0006).
#pragma once

#include <memory>

#include "store/sqlite_db.hpp"
#include "store/store.hpp"

namespace ascent::store {

std::unique_ptr<DpsStore> sqlite_dps(Database &db);

} // namespace ascent::store
