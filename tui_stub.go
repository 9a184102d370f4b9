package main

import (
	"fmt"

	"regulars/store"
)

// runTUI opens the terminal interface over the notebook.
func runTUI(e *env, s *store.Store) error {
	fmt.Fprintf(e.stdout, "The terminal interface is not built yet; try 'regulars help' for the commands. Notebook: %s\n", s.Path())
	return nil
}
