// The CLD snapshot tables of a SQLite ledger (migration 0009): writing a snapshot as the rows that
// changed since the latest one, and reading one snapshot back as a Ledger.
#pragma once

#include <cstdint>
#include <vector>

#include "core/extract_join.hpp"
#include "core/ledger.hpp"
#include "io/cld_import.hpp"
#include "store/sqlite_db.hpp"

namespace ascent::store {

struct SnapshotWrite {
    int64_t people_added = 0, people_kept = 0, lines_added = 0, lines_kept = 0;
};

// Stores `batch` as snapshot `snapshot` (its import id), inside the caller's transaction: rows the
// latest stored snapshot has with the same content are kept, the rest of that snapshot's rows
// end with it, and the batch's other rows are added.
SnapshotWrite write_snapshot_rows(Database &db, const io::CldBatch &batch, int64_t snapshot);

// Snapshot `snapshot`'s people and CLD lines (none if it is 0), the extract fields of its people,
// and the package changes, direct payments and finances the ledger holds; extract service rows are
// joined to its lines (core/extract_join.hpp).
Ledger read_snapshot(Database &db, int64_t snapshot);

// Each extract service row that joins a line of `snapshot` by reference remembers that line's
// service type and start date, so that it follows the line if a later file re-references it.
void remember_joined_lines(Database &db, int64_t snapshot);

// The extract service rows the ledger holds, in the order stored.
std::vector<ExtractLine> read_extract_lines(Database &db);

} // namespace ascent::store
