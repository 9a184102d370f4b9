package tui

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

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

	// rows are the history's entries as drawn; cursor is the highlighted
	// one and sel its record, which the cursor follows when the card is
	// drawn again (a reload, an entry deleted above it).
	rows   []cardRow
	cursor int
	sel    model.RecordID
	focus  model.RecordID // where the cursor goes once the card shows it

	vp            viewport.Model
	width, height int

	// lines are the drawn card's lines, as the viewport holds them.
	lines []string
	// view is the last frame drawn, kept until something that changes it
	// (the card, the size, a key, the wheel); "" when it is to be drawn.
	view string
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
		d.rows, d.cursor, d.sel = nil, 0, model.RecordID{}
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
	d.cursor, d.sel = 0, model.RecordID{}
	return d.Load(id)
}

// Close forgets the customer on screen (forgotten, merged away), so that
// nothing reloads them.
func (d *Detail) Close() {
	d.id, d.card, d.err, d.rows = 0, nil, nil, nil
	d.seq++
}

// Selected returns the highlighted entry of the history.
func (d *Detail) Selected() (cardRow, bool) {
	if d.cursor < 0 || d.cursor >= len(d.rows) {
		return cardRow{}, false
	}
	return d.rows[d.cursor], true
}

// Owed returns the highlighted entry when something is owed on it, else
// the first entry on the card that is owed: x at the counter ticks off
// what is due without looking for it first.
func (d *Detail) Owed() (cardRow, bool) {
	if r, ok := d.Selected(); ok && r.owed {
		return r, true
	}
	for _, r := range d.rows {
		if r.owed {
			return r, true
		}
	}
	return cardRow{}, false
}

// Focus puts the cursor on a record once the card shows it (an entry
// brought back by undo).
func (d *Detail) Focus(id model.RecordID) { d.focus = id }

// cursorOnScreen moves the cursor onto the screen after the card scrolled
// by pages: to the first entry on screen when it was above, the last when
// it was below.
func (d *Detail) cursorOnScreen() {
	top, bottom := d.vp.YOffset(), d.vp.YOffset()+d.height
	on := func(r cardRow) bool { return r.line >= top && r.line+r.size <= bottom }
	r, ok := d.Selected()
	if !ok || on(r) {
		return
	}
	best := -1
	for i, r := range d.rows {
		if on(r) && (best < 0 || r.line > d.rows[d.cursor].line) {
			best = i
		}
		if on(r) && r.line > d.rows[d.cursor].line {
			break // the first on screen below the cursor's old place
		}
	}
	if best >= 0 {
		y := d.vp.YOffset()
		d.moveTo(best)
		d.vp.SetYOffset(y)
	}
}

// moveTo puts the cursor on entry i and scrolls it into view; above the
// first entry the card scrolls to its top, the talking points.
func (d *Detail) moveTo(i int) {
	if len(d.rows) == 0 {
		return
	}
	i = min(max(i, 0), len(d.rows)-1)
	d.cursor = i
	d.sel = d.rows[i].id
	d.render()
	r := d.rows[i]
	switch {
	case r.line < d.vp.YOffset():
		d.vp.SetYOffset(r.line)
	case r.line+r.size > d.vp.YOffset()+d.height:
		d.vp.SetYOffset(r.line + r.size - d.height)
	}
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

// SetSize implements Component. The root lays the screen out after every
// message; the card is drawn again only when its size changed.
func (d *Detail) SetSize(w, h int) {
	if w == d.width && h == d.height {
		return
	}
	d.width, d.height = w, h
	d.vp.SetWidth(w)
	d.vp.SetHeight(h)
	d.render()
}

// Capturing implements Component.
func (d *Detail) Capturing() bool { return false }

// Update implements Component.
func (d *Detail) Update(msg tea.Msg) (Component, tea.Cmd) {
	d.view = ""
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
			if d.cursor == 0 || len(d.rows) == 0 {
				d.vp.ScrollUp(1)
				return d, nil
			}
			d.moveTo(d.cursor - 1)
		case key.Matches(msg, k.Down):
			if len(d.rows) == 0 || d.cursor == len(d.rows)-1 {
				// Past the last entry: the contact and the footer.
				d.vp.ScrollDown(1)
				return d, nil
			}
			d.moveTo(d.cursor + 1)
		case key.Matches(msg, k.Top):
			d.moveTo(0)
			d.vp.GotoTop()
		case key.Matches(msg, k.Bottom):
			d.moveTo(len(d.rows) - 1)
			d.vp.GotoBottom()
		case key.Matches(msg, k.PageUp):
			d.vp.PageUp()
			d.cursorOnScreen()
		case key.Matches(msg, k.PageDown):
			d.vp.PageDown()
			d.cursorOnScreen()
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
	if d.view == "" {
		d.view = d.frame()
	}
	return d.view
}

// frame is the viewport's frame, padLines(d.vp.View(), width, height),
// drawn without it when it can be (see linesFrame).
func (d *Detail) frame() string {
	if f, ok := d.linesFrame(); ok {
		return f
	}
	return padLines(d.vp.View(), d.width, d.height)
}

// linesFrame is the card's lines from the scroll offset, each padded with
// spaces to the width, and blank lines below: the viewport's frame, without
// its styling pass over every line. It is not drawn (false) for a line
// wider than the screen or holding a tab, or the card scrolled sideways,
// which the viewport cuts and expands.
func (d *Detail) linesFrame() (string, bool) {
	if d.width <= 0 || d.height <= 0 || d.vp.XOffset() != 0 {
		return "", false
	}
	var b strings.Builder
	b.Grow(d.height * (d.width + 1))
	y := d.vp.YOffset()
	for i := range d.height {
		if i > 0 {
			b.WriteByte('\n')
		}
		l := ""
		if y+i < len(d.lines) {
			l = d.lines[y+i]
		}
		w := ansi.StringWidth(l)
		if w > d.width || strings.IndexByte(l, '\t') >= 0 {
			return "", false
		}
		b.WriteString(l)
		for range d.width - w {
			b.WriteByte(' ')
		}
	}
	return b.String(), true
}

// setContent gives the viewport the card's text.
func (d *Detail) setContent(s string) {
	d.vp.SetContent(s)
	d.lines = strings.Split(s, "\n")
}

// render rebuilds the scrollable content from the card; it runs when the
// card, the size, the mode or the theme changes, not on every frame.
func (d *Detail) render() {
	d.view = ""
	st := d.c.Styles
	switch {
	case d.err != nil:
		d.setContent("\n  " + st.StatusErr.Render(model.ErrorMessage(d.err)))
		return
	case d.card == nil:
		d.setContent("\n  " + st.Subtle.Render("Loading…"))
		return
	}
	if !d.focus.IsZero() {
		if _, ok := d.record(d.focus); ok {
			d.sel, d.focus = d.focus, model.RecordID{}
		}
	}
	content, rows := renderCard(d.c, d.card, d.width, d.sel)
	d.rows = rows
	// The cursor follows its record; when that is gone it stays where it
	// was, on the entry that took its place.
	found := false
	for i, r := range rows {
		if r.id == d.sel && !d.sel.IsZero() {
			d.cursor, found = i, true
		}
	}
	if !found && len(rows) > 0 {
		d.cursor = min(max(d.cursor, 0), len(rows)-1)
		d.sel = rows[d.cursor].id
		content = markRows(content, rows, d.sel, st.AskAbout.Render(selMark))
	}
	d.setContent(content)
}

// wrap wraps text to width cells, keeping its line breaks. A single line
// that fits is already wrapped: most of a card's entries are, and
// lipgloss.Wrap parses every byte to find that out.
func wrap(s string, width int) string {
	if width <= 0 {
		return s
	}
	if !strings.ContainsAny(s, "\n\t") && ansi.StringWidth(s) <= width {
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
		return []key.Binding{k.Card.Unarchive, k.Card.Forget, k.Card.Back, k.Move.Down}
	}
	return []key.Binding{k.Customer.Note, k.Customer.Visit, k.Card.Edit, k.Card.Done, k.Card.Back}
}

// FullHelp implements Component.
func (d *Detail) FullHelp() [][]key.Binding {
	mv, cu, ca := d.c.Keys.Move, d.c.Keys.Customer, d.c.Keys.Card
	if d.card != nil && d.card.Customer.Archived {
		return [][]key.Binding{{mv.Up, mv.Down, mv.Top, mv.Bottom}, {ca.Unarchive, ca.Forget, ca.Undo, ca.Back}}
	}
	// e, d, x and u act on the highlighted entry; E, D and M on the
	// customer.
	return [][]key.Binding{
		{mv.Up, mv.Down, mv.Top, mv.Bottom},
		{ca.Edit, ca.Delete, ca.Done, ca.Undo, ca.Back},
		{cu.Note, cu.Visit, cu.Thanks, cu.Feedback, d.c.Keys.List.Filter},
		{ca.EditCustomer, ca.Archive, ca.Merge},
	}
}
