package store

import "time"

// SetMigrationHook lets the black-box tests stop a migration half-way.
func SetMigrationHook(fn func(name string)) { migrationHook = fn }

// SetExportChunk makes exports read n customers at a time; the returned
// func puts the size back.
func SetExportChunk(n int) (restore func()) {
	old := exportChunk
	exportChunk = n
	return func() { exportChunk = old }
}

// SetDemoBatch makes the demo write n customers a transaction; the
// returned func puts the size back.
func SetDemoBatch(n int) (restore func()) {
	old := demoBatch
	demoBatch = n
	return func() { demoBatch = old }
}

// SetImportTurns makes an import's chunks of at most rows rows, its turns
// turn long and its pauses pause long, so that a test of a few hundred
// customers writes in many turns; the returned func puts them back.
func SetImportTurns(rows int, turn, pause time.Duration) (restore func()) {
	r, t, p := importChunkRows, importTurn, importPause
	importChunkRows, importTurn, importPause = rows, turn, pause
	return func() { importChunkRows, importTurn, importPause = r, t, p }
}
