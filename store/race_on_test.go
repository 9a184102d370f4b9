//go:build race

package store_test

// raceDetector: the race detector slows SQLite (C turned into Go) tenfold
// and more; tests of large writes shrink under it.
const raceDetector = true
