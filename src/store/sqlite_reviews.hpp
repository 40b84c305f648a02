// The review table's rows, written by the store's review methods and by a DPS award (which records
// its decision as a decided review in the award's own transaction).
#pragma once

#include "store/sqlite_db.hpp"
#include "store/store.hpp"

namespace ascent::store {

// Inserts a review with whatever it holds (an assignment, or one already decided); a person already
// reviewed for the lever is left as it is. Returns whether a row was added. The caller owns the transaction.
bool insert_review(Database &db, const Review &review);

} // namespace ascent::store
