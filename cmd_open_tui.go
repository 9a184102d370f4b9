package main

import (
	"context"

	"regulars/store"
	"regulars/tui"
)

// runTUI opens the terminal interface over the notebook; it acts on the
// store's clock (set from --today in openStore); ctrl+e in a note runs $VISUAL or $EDITOR.
func runTUI(e *env, s *store.Store) error {
	opts := tui.Options{Editor: e.getenv("VISUAL")}
	if opts.Editor == "" {
		opts.Editor = e.getenv("EDITOR")
	}
	return tui.Run(context.Background(), s, opts)
}
