// Users and the audit trail on a SQLite ledger connection (schema migration 0005).
#pragma once

#include <memory>

#include "store/sqlite_db.hpp"
#include "store/store.hpp"

namespace ascent::store {

std::unique_ptr<AccountStore> sqlite_accounts(Database &db);

} // namespace ascent::store
