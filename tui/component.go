package tui

import (
	"context"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"regulars/model"
	"regulars/store"
)

// Component is one part of the screen: the list, the detail card, the week,
// a form. Only the root returns a tea.View; components draw into the size
// they were given and say which keys they take.
type Component interface {
	Update(tea.Msg) (Component, tea.Cmd)
	View() string
	SetSize(width, height int)
	ShortHelp() []key.Binding
	FullHelp() [][]key.Binding
	// Capturing reports whether the component is taking typed text (a
	// filter, a form), so that q and the global keys go to it as text.
	Capturing() bool
}

// Common is what every component shares: the notebook, the styles, the keys
// and the screen-safe mode. The root owns it and components hold a pointer,
// so a change of theme or mode reaches them all.
type Common struct {
	Ctx    context.Context
	Store  *store.Store
	Styles *Styles
	Keys   *KeyMap
	// Safe is screen-safe mode: private notes and feedback are hidden.
	Safe bool
	// Editor is the command line of $VISUAL or $EDITOR.
	Editor string
}

// SafeFixed reports whether screen-safe mode stays on (staff at the
// counter): its key is not offered.
func (c *Common) SafeFixed() bool { return !c.Keys.Global.Safe.Enabled() }

// Today is the day the interface acts on: the store's, the one clock.
func (c *Common) Today() model.Date { return c.Store.Today() }

// Hides reports whether the screen, as it is now, keeps r off it: in
// screen-safe mode, whatever model's one rule (HiddenAtCounter) hides.
func (c *Common) Hides(r interface{ HiddenAtCounter() bool }) bool {
	return c.Safe && r.HiddenAtCounter()
}

// queryTimeout bounds one query; the interface never waits on it.
const queryTimeout = 10 * time.Second

// Messages between components and the root.
type (
	// OpenCustomerMsg asks the root to show a customer's card. The list and
	// the week send it.
	OpenCustomerMsg struct{ ID int64 }

	// FormDoneMsg says a form closed; Saved is true when it wrote something.
	FormDoneMsg struct {
		Saved      bool
		CustomerID int64
		Status     string
		// change is what the save did, for the card's undo.
		change *change
	}

	// StatusMsg flashes a line in the status bar.
	StatusMsg struct {
		Text string
		Err  bool
	}

	// dataChangedMsg tells components the notebook changed, so they reload.
	dataChangedMsg struct{}

	// themeMsg tells components the styles were rebuilt.
	themeMsg struct{}

	// safeModeMsg tells components screen-safe mode changed.
	safeModeMsg struct{}
)

func statusCmd(text string, isErr bool) tea.Cmd {
	return func() tea.Msg { return StatusMsg{Text: text, Err: isErr} }
}
