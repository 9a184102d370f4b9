package serve

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"regulars/model"
	"regulars/store"
	"regulars/tui"
)

// NotebookInterface serves the notebook at path: each person gets a Store
// of their own, which signs what they write with their name and has its
// own change watch, and the interface for their role (staff: screen-safe,
// no private notes, no archive, forget or merge). now is the clock.
func NotebookInterface(path string, now func() time.Time) func(ctx context.Context, p Person) tea.Model {
	return func(ctx context.Context, p Person) tea.Model {
		s, err := store.OpenExisting(path)
		if err != nil {
			return failed{err}
		}
		s.Now, s.Author = now, p.Name
		return &personal{Model: tui.New(ctx, s, tui.Options{Author: p.Name, Staff: p.Role == Staff}), s: s}
	}
}

// personal is one person's interface with the Store it owns: the server
// keeps its draft, then closes both, once the program has stopped.
type personal struct {
	*tui.Model
	s *store.Store
}

func (p *personal) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := p.Model.Update(msg)
	return p, cmd
}

// Close releases the interface's watch and the person's Store.
func (p *personal) Close() error {
	p.Model.Close()
	return p.s.Close()
}

// failed is the interface of a session whose notebook could not be opened:
// it says why and ends.
type failed struct{ err error }

func (f failed) Init() tea.Cmd                       { return tea.Quit }
func (f failed) Update(tea.Msg) (tea.Model, tea.Cmd) { return f, tea.Quit }
func (f failed) View() tea.View {
	return tea.NewView("regulars: " + model.Sanitize(model.ErrorMessage(f.err)) + "\n")
}
