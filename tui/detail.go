package tui

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"regulars/model"
	"regulars/store"
)

// Detail is one customer: the talking-points card first, for a glance at the
// counter, then the notes timeline, visits, thank-yous, feedback and
// outreach, scrollable.
type Detail struct {
	c *Common

	id   int64
	card *store.Card
	err  error
	seq  int

	vp            viewport.Model
	width, height int
}

type cardMsg struct {
	seq  int
	id   int64
	card *store.Card
	err  error
}

// NewDetail returns an empty detail; Load fills it.
func NewDetail(c *Common) *Detail {
	vp := viewport.New()
	vp.KeyMap = viewport.KeyMap{} // keys come from our KeyMap
	vp.SoftWrap = false
	return &Detail{c: c, vp: vp, width: 80, height: 20}
}

// Load asks for a customer's card. A card already on screen for the same
// customer stays (and keeps its scroll) until the new one arrives.
func (d *Detail) Load(id int64) tea.Cmd {
	if id != d.id {
		d.card, d.err = nil, nil
		d.vp.GotoTop()
	}
	d.id = id
	d.seq++
	seq, s, ctx := d.seq, d.c.Store, d.c.Ctx
	d.render()
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, queryTimeout)
		defer cancel()
		card, err := s.Card(ctx, id)
		return cardMsg{seq: seq, id: id, card: card, err: err}
	}
}

// Open shows a customer's card from its top, the talking points, however
// far the last card was scrolled.
func (d *Detail) Open(id int64) tea.Cmd {
	d.vp.GotoTop()
	return d.Load(id)
}

// Customer returns the customer on screen, once loaded.
func (d *Detail) Customer() (model.Customer, bool) {
	if d.card == nil {
		return model.Customer{}, false
	}
	return d.card.Customer, true
}

// ID is the customer the detail shows or is loading.
func (d *Detail) ID() int64 { return d.id }

// SetSize implements Component.
func (d *Detail) SetSize(w, h int) {
	d.width, d.height = w, h
	d.vp.SetWidth(w)
	d.vp.SetHeight(h)
	d.render()
}

// Capturing implements Component.
func (d *Detail) Capturing() bool { return false }

// Update implements Component.
func (d *Detail) Update(msg tea.Msg) (Component, tea.Cmd) {
	k := d.c.Keys.Move
	switch msg := msg.(type) {
	case cardMsg:
		if msg.seq != d.seq {
			return d, nil
		}
		d.card, d.err = msg.card, msg.err
		d.render()
	case dataChangedMsg:
		if d.id != 0 {
			return d, d.Load(d.id)
		}
	case safeModeMsg, themeMsg:
		d.render()
	case tea.KeyPressMsg:
		switch {
		case key.Matches(msg, k.Up):
			d.vp.ScrollUp(1)
		case key.Matches(msg, k.Down):
			d.vp.ScrollDown(1)
		case key.Matches(msg, k.Top):
			d.vp.GotoTop()
		case key.Matches(msg, k.Bottom):
			d.vp.GotoBottom()
		case key.Matches(msg, k.PageUp):
			d.vp.PageUp()
		case key.Matches(msg, k.PageDown):
			d.vp.PageDown()
		}
	case tea.MouseWheelMsg:
		var cmd tea.Cmd
		d.vp, cmd = d.vp.Update(msg)
		return d, cmd
	}
	return d, nil
}

// View implements Component.
func (d *Detail) View() string {
	return padLines(d.vp.View(), d.width, d.height)
}

// render rebuilds the scrollable content from the card; it runs when the
// card, the size, the mode or the theme changes, not on every frame.
func (d *Detail) render() {
	st := d.c.Styles
	switch {
	case d.err != nil:
		d.vp.SetContent("\n  " + st.StatusErr.Render(model.ErrorMessage(d.err)))
		return
	case d.card == nil:
		d.vp.SetContent("\n  " + st.Subtle.Render("Loading…"))
		return
	}
	d.vp.SetContent(renderCard(d.c, d.card, d.width))
}

// wrap wraps text to width cells, keeping its line breaks.
func wrap(s string, width int) string {
	if width <= 0 {
		return s
	}
	return lipgloss.Wrap(s, width, " ")
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	return s
}

// ShortHelp implements Component.
func (d *Detail) ShortHelp() []key.Binding {
	k := d.c.Keys
	if d.card != nil && d.card.Customer.Archived {
		return []key.Binding{k.Card.Back, k.Move.Down}
	}
	return []key.Binding{k.Customer.Note, k.Customer.Visit, k.Customer.Edit, k.Card.Back}
}

// FullHelp implements Component.
func (d *Detail) FullHelp() [][]key.Binding {
	mv, cu, back := d.c.Keys.Move, d.c.Keys.Customer, d.c.Keys.Card.Back
	if d.card != nil && d.card.Customer.Archived {
		return [][]key.Binding{{mv.Up, mv.Down, mv.Top, mv.Bottom}, {back}}
	}
	return [][]key.Binding{
		{mv.Up, mv.Down, mv.Top, mv.Bottom, mv.PageDown},
		{cu.Note, cu.Visit, cu.Thanks, cu.Feedback},
		{cu.Edit, cu.Archive, d.c.Keys.List.Filter, back},
	}
}
