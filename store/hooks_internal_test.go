package store

// SetMigrationHook lets the black-box tests stop a migration half-way.
func SetMigrationHook(fn func(name string)) { migrationHook = fn }
