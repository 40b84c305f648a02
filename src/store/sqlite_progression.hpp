// Progression plans on a SQLite ledger connection (schema migration 0007).
#pragma once

#include <memory>

#include "store/sqlite_db.hpp"
#include "store/store.hpp"

namespace ascent::store {

std::unique_ptr<ProgressionStore> sqlite_progression(Database &db);

} // namespace ascent::store
