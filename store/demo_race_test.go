//go:build race

package store_test

// raceDetector: under the race detector SQLite runs tens of times slower,
// so the demo tests that make tens of thousands of customers make fewer.
const raceDetector = true
