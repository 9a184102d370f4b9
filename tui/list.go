package tui

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"regulars/model"
	"regulars/store"
)

// List is the customer list. It never holds the whole notebook: it asks the
// store for a window of rows around what is on screen (three screens' worth)
// and for the number of matches, off the UI loop, and drops any answer that
// a newer question has overtaken.
type List struct {
	c *Common

	filter    textinput.Model
	filtering bool // the filter box has the keys
	sort      store.Sort
	// showArchived lists the archived customers instead of the active ones.
	showArchived bool

	// The loaded window: rows[0] is row number winOff of the result.
	rows   []store.Match
	winOff int
	more   bool // rows follow the window

	total   int // matches, -1 until counted
	cursor  int // highlighted row, absolute
	top     int // first row on screen, absolute
	width   int
	height  int
	loaded  bool // a first page has arrived
	waiting bool // a page is on its way

	pageSeq, countSeq int
	// Cancelling the question a newer one overtakes frees SQLite for the
	// newer one while someone types.
	cancelPage, cancelCount context.CancelFunc
	pendingBottom           bool // G was pressed before the count came
	needCount               bool // count when the next page arrives
	err                     error

	// archived is the last customer archived in this session: when that
	// empties the list, it says the notebook is not empty, only archived
	// (the store counts active customers only).
	archived *store.Match

	// keepID is the customer the cursor stays on when the next page comes
	// (a reload after another terminal wrote).
	keepID int64

	// index answers the filter from memory once built; it is started after
	// the first page, so the first frame never waits for it.
	index *store.FilterIndex
}

// lister is where pages and counts come from: the store, or the filter
// index (which falls back to the store while it is not current).
type lister interface {
	ListPage(context.Context, store.SearchQuery) (store.Page, error)
	Count(context.Context, store.SearchQuery) (int, error)
}

func (l *List) source() lister {
	if l.index != nil {
		return l.index
	}
	return l.c.Store
}

type listPageMsg struct {
	seq    int
	offset int
	page   store.Page
	err    error
}

type listCountMsg struct {
	seq int
	n   int
	err error
}

// NewList returns the list; call Reload (or Init through the root) to fill it.
func NewList(c *Common) *List {
	ti := textinput.New()
	ti.Prompt = keyName(c.Keys.List.Filter) + " "
	ti.Placeholder = "name, phone, e-mail, tag or a word from a note"
	ti.CharLimit = 200
	ti.SetStyles(c.Styles.Input)
	return &List{c: c, filter: ti, total: -1, width: 80, height: 20}
}

// SetSize implements Component.
func (l *List) SetSize(w, h int) {
	l.width, l.height = w, h
	l.filter.SetWidth(max(w-44, 16))
	l.scrollToCursor()
}

// Capturing implements Component.
func (l *List) Capturing() bool { return l.filtering }

// Lookup starts a new lookup: the filter box takes the keys, emptied of an
// earlier filter.
func (l *List) Lookup() tea.Cmd {
	l.filtering = true
	focus := l.filter.Focus()
	if l.filter.Value() != "" {
		l.filter.SetValue("")
		return tea.Batch(focus, l.restart())
	}
	return focus
}

// Archived tells the list a customer was archived.
func (l *List) Archived(m store.Match) { l.archived = &m }

// ShowingArchived reports whether the list shows the archived customers.
func (l *List) ShowingArchived() bool { return l.showArchived }

// Filter returns the filter text.
func (l *List) Filter() string { return l.filter.Value() }

// rowsOnScreen is how many customer rows fit under the list's two header lines.
func (l *List) rowsOnScreen() int { return max(l.height-2, 1) }

// Selected returns the highlighted customer, if its row is loaded.
func (l *List) Selected() (store.Match, bool) {
	i := l.cursor - l.winOff
	if i < 0 || i >= len(l.rows) {
		return store.Match{}, false
	}
	return l.rows[i], true
}

// Empty reports whether the notebook has no active customer at all.
func (l *List) Empty() bool {
	return !l.showArchived && l.loaded && l.filter.Value() == "" && len(l.rows) == 0 && l.winOff == 0
}

// Reload asks again for the rows on screen and then the count, keeping the
// position: after a save, an archive, a change of mode. The count waits for
// the rows: on two cores it would slow them down (counting 100,000
// customers takes longer than their first page), and a page with no more
// rows after it already tells the count.
func (l *List) Reload() tea.Cmd {
	l.needCount = true
	if l.cancelCount != nil {
		l.cancelCount()
	}
	l.countSeq++ // a count still on its way is for the old question
	return l.fetch()
}

// ReloadKeeping is Reload keeping the cursor on the same customer, when
// rows were added or removed above it.
func (l *List) ReloadKeeping() tea.Cmd {
	if m, ok := l.Selected(); ok {
		l.keepID = m.ID
	}
	return l.Reload()
}

// restart goes back to the first row and asks for it.
func (l *List) restart() tea.Cmd {
	l.cursor, l.top, l.total = 0, 0, -1
	l.pendingBottom = false
	return l.Reload()
}

func (l *List) query() store.SearchQuery {
	// A private note must not match while the screen hides it.
	hide := l.c.Hides(model.Note{Private: true})
	return store.SearchQuery{Text: l.filter.Value(), Sort: l.sort, HidePrivate: hide, Archived: l.showArchived}
}

// fetch asks for a window of rows around the screen.
func (l *List) fetch() tea.Cmd {
	n := l.rowsOnScreen()
	q := l.query()
	q.Offset = max(0, l.top-n)
	q.Limit = 3 * n
	l.pageSeq++
	if l.cancelPage != nil {
		l.cancelPage()
	}
	ctx, cancel := context.WithTimeout(l.c.Ctx, queryTimeout)
	seq, s := l.pageSeq, l.source()
	l.cancelPage = cancel
	l.waiting = true
	return func() tea.Msg {
		defer cancel()
		p, err := s.ListPage(ctx, q)
		return listPageMsg{seq: seq, offset: q.Offset, page: p, err: err}
	}
}

func (l *List) recount() tea.Cmd {
	l.countSeq++
	if l.cancelCount != nil {
		l.cancelCount()
	}
	ctx, cancel := context.WithTimeout(l.c.Ctx, queryTimeout)
	seq, s, q := l.countSeq, l.source(), l.query()
	l.cancelCount = cancel
	return func() tea.Msg {
		defer cancel()
		n, err := s.Count(ctx, q)
		return listCountMsg{seq: seq, n: n, err: err}
	}
}

// covered reports whether every row on screen is in the loaded window.
func (l *List) covered() bool {
	end := l.top + l.rowsOnScreen()
	if l.total >= 0 {
		end = min(end, l.total)
	} else if !l.more {
		end = min(end, l.winOff+len(l.rows))
	}
	return l.top >= l.winOff && end <= l.winOff+len(l.rows)
}

// last is the last row the cursor may reach as far as is known.
func (l *List) last() int {
	if l.total >= 0 {
		return l.total - 1
	}
	n := l.winOff + len(l.rows) - 1
	if l.more {
		n++
	}
	return n
}

func (l *List) scrollToCursor() {
	n := l.rowsOnScreen()
	if l.cursor < l.top {
		l.top = l.cursor
	}
	if l.cursor >= l.top+n {
		l.top = l.cursor - n + 1
	}
	l.top = max(l.top, 0)
}

// move puts the cursor on row i and asks for rows when the screen runs past
// the loaded window.
func (l *List) move(i int) tea.Cmd {
	// A key that moved the cursor while a reload was on its way wins over
	// the customer the reload was to keep it on.
	l.keepID = 0
	i = min(i, l.last())
	i = max(i, 0)
	l.cursor = i
	l.scrollToCursor()
	if !l.covered() {
		return l.fetch()
	}
	return nil
}

// Update implements Component.
func (l *List) Update(msg tea.Msg) (Component, tea.Cmd) {
	switch msg := msg.(type) {
	case listPageMsg:
		if msg.seq != l.pageSeq {
			return l, nil // overtaken by a newer question
		}
		l.waiting, l.loaded, l.err = false, true, msg.err
		if l.index == nil && msg.err == nil {
			l.index = store.NewFilterIndex(l.c.Ctx, l.c.Store)
			l.index.StartIfLarge(store.FilterIndexMin)
		}
		var count tea.Cmd
		if l.needCount {
			l.needCount = false
			if msg.err == nil && msg.offset == 0 && !msg.page.More {
				l.total = len(msg.page.Rows) // the page holds every match
			} else {
				count = l.recount()
			}
		}
		if msg.err != nil {
			return l, count
		}
		l.rows, l.winOff, l.more = msg.page.Rows, msg.offset, msg.page.More
		if id := l.keepID; id != 0 {
			l.keepID = 0
			for j, r := range l.rows {
				if r.ID == id {
					l.cursor = l.winOff + j
					l.scrollToCursor()
					break
				}
			}
		}
		if l.total < 0 && !l.more {
			l.total = l.winOff + len(l.rows)
		}
		if l.cursor > l.last() && l.last() >= 0 {
			// The list shrank under the cursor (archive, filter).
			return l, tea.Batch(count, l.move(l.last()))
		}
		return l, count
	case listCountMsg:
		if msg.seq != l.countSeq {
			return l, nil
		}
		if msg.err != nil {
			l.err = msg.err
			return l, nil
		}
		l.total = msg.n
		if l.pendingBottom {
			l.pendingBottom = false
			return l, l.move(l.total - 1)
		}
		if l.cursor > l.last() && l.last() >= 0 {
			return l, l.move(l.last())
		}
		return l, nil
	case dataChangedMsg, safeModeMsg:
		return l, l.Reload()
	case themeMsg:
		l.filter.SetStyles(l.c.Styles.Input)
		return l, nil
	case tea.PasteMsg:
		if l.filtering {
			return l.updateFilter(msg)
		}
	case tea.KeyPressMsg:
		if l.filtering {
			return l.filterKey(msg)
		}
		return l, l.key(msg)
	}
	return l, nil
}

// filterKey takes a key while the filter box has the keys: a few move or
// leave, the rest are typed.
func (l *List) filterKey(msg tea.KeyPressMsg) (Component, tea.Cmd) {
	k := l.c.Keys.Filter
	switch {
	case key.Matches(msg, k.Open):
		l.filtering = false
		l.filter.Blur()
		if m, ok := l.Selected(); ok {
			return l, func() tea.Msg { return OpenCustomerMsg{ID: m.ID} }
		}
		return l, nil
	case key.Matches(msg, k.Clear):
		l.filtering = false
		l.filter.Blur()
		if l.filter.Value() != "" {
			l.filter.SetValue("")
			return l, l.restart()
		}
		return l, nil
	case key.Matches(msg, k.Up):
		return l, l.move(l.cursor - 1)
	case key.Matches(msg, k.Down):
		return l, l.move(l.cursor + 1)
	case key.Matches(msg, k.PageUp):
		return l, l.move(l.cursor - l.rowsOnScreen())
	case key.Matches(msg, k.PageDown):
		return l, l.move(l.cursor + l.rowsOnScreen())
	}
	return l.updateFilter(msg)
}

// key takes a key while the list has them.
func (l *List) key(msg tea.KeyPressMsg) tea.Cmd {
	mv, k := l.c.Keys.Move, l.c.Keys.List
	switch {
	case key.Matches(msg, mv.Up):
		return l.move(l.cursor - 1)
	case key.Matches(msg, mv.Down):
		return l.move(l.cursor + 1)
	case key.Matches(msg, mv.Top):
		return l.move(0)
	case key.Matches(msg, mv.Bottom):
		if l.total < 0 {
			l.pendingBottom = true
			return nil
		}
		return l.move(l.total - 1)
	case key.Matches(msg, mv.PageUp):
		return l.move(l.cursor - l.rowsOnScreen())
	case key.Matches(msg, mv.PageDown):
		return l.move(l.cursor + l.rowsOnScreen())
	case key.Matches(msg, k.Open):
		if m, ok := l.Selected(); ok {
			return func() tea.Msg { return OpenCustomerMsg{ID: m.ID} }
		}
	case key.Matches(msg, k.Filter):
		return l.Lookup()
	case key.Matches(msg, k.ClearFilter):
		if l.filter.Value() != "" {
			l.filter.SetValue("")
			return l.restart()
		}
	case key.Matches(msg, k.Archived):
		l.showArchived = !l.showArchived
		return l.restart()
	case key.Matches(msg, k.Sort):
		l.sort = l.sort.Next()
		l.cursor, l.top = 0, 0
		return tea.Batch(l.fetch(), statusCmd("Sorted by "+l.sort.String(), false))
	}
	return nil
}

// updateFilter hands a key or a paste to the filter box and asks again when
// the text changed.
func (l *List) updateFilter(msg tea.Msg) (Component, tea.Cmd) {
	before := l.filter.Value()
	var cmd tea.Cmd
	l.filter, cmd = l.filter.Update(msg)
	if l.filter.Value() != before {
		return l, tea.Batch(cmd, l.restart())
	}
	return l, cmd
}

// View implements Component.
func (l *List) View() string {
	st := l.c.Styles
	if l.Empty() {
		return padLines(l.welcome(), l.width, l.height)
	}
	var b strings.Builder
	b.WriteString(l.headerLine())
	b.WriteByte('\n')
	if l.loaded && l.total == 0 && l.showArchived && l.filter.Value() == "" {
		b.WriteString("\n\n  " + st.Subtle.Render("No customer is archived. "+keyName(l.c.Keys.List.Archived)+" shows the others."))
		return padLines(b.String(), l.width, l.height)
	}
	if l.loaded && l.total == 0 && l.filter.Value() != "" {
		b.WriteString("\n\n  " + st.Subtle.Render(fmt.Sprintf("No customer matches %q.", clean(l.filter.Value()))))
		b.WriteString("\n  " + st.Subtle.Render(keyName(l.c.Keys.List.ClearFilter)+" clears the filter · "+
			keyName(l.c.Keys.Customer.Add)+" adds a customer"))
		return padLines(b.String(), l.width, l.height)
	}
	cols := l.columns()
	b.WriteString(st.ColumnHead.Render(cols.head()))
	today := l.c.Today()
	n := l.rowsOnScreen()
	for i := l.top; i < l.top+n; i++ {
		b.WriteByte('\n')
		if l.total >= 0 && i >= l.total {
			continue
		}
		j := i - l.winOff
		if j < 0 || j >= len(l.rows) {
			if l.loaded && (l.total < 0 || i < l.total) && (l.more || j < 0) {
				b.WriteString(st.Placeholder.Render("  …"))
			}
			continue
		}
		b.WriteString(cols.row(st, l.rows[j], today, i == l.cursor))
	}
	return padLines(b.String(), l.width, l.height)
}

func (l *List) headerLine() string {
	st := l.c.Styles
	var right string
	switch {
	case l.err != nil:
		right = st.StatusErr.Render(model.ErrorMessage(l.err))
	case l.total >= 0 && l.filter.Value() != "":
		right = st.Subtle.Render(model.Plural(l.total, "match", "matches") + " · by " + l.sort.String())
	case l.total >= 0:
		right = st.Subtle.Render(model.Plural(l.total, "customer", "customers") + " · by " + l.sort.String())
	default:
		right = st.Subtle.Render("by " + l.sort.String())
	}
	var left string
	if l.showArchived {
		// Which customers these are comes first: the rows look the same.
		left = st.Unhappy.Render("Archived") + "  "
	}
	switch {
	case l.filtering:
		left += l.filter.View()
	case l.filter.Value() != "":
		left += st.Subtle.Render(keyName(l.c.Keys.List.Filter)+" ") + clean(l.filter.Value()) +
			st.Subtle.Render("  ("+keyName(l.c.Keys.List.ClearFilter)+" clears)")
	default:
		left += st.Subtle.Render(keyName(l.c.Keys.List.Filter) + " to filter")
	}
	rw := lipgloss.Width(right)
	lw := max(l.width-rw-2, 0)
	return " " + fit(left, lw) + " " + right
}

func (l *List) welcome() string {
	st, keys := l.c.Styles, l.c.Keys
	k := func(s string) string { return st.Key.Render(s) }
	if a := l.archived; a != nil {
		lines := []string{
			"",
			st.WelcomeTitle.Render("Every customer is archived"),
			"",
			st.Welcome.Render("This notebook has archived customers; nothing was deleted."),
			st.Welcome.Render(fmt.Sprintf("The last one, %s, is #%d: run", clean(a.Name), a.ID)),
			"  " + k(fmt.Sprintf("regulars show #%d", a.ID)),
			st.Welcome.Render("to see their card."),
			"",
			"  " + k(keyName(keys.Customer.Add)) + "  add a customer",
		}
		for i, s := range lines {
			lines[i] = "  " + s
		}
		return strings.Join(lines, "\n")
	}
	lines := []string{
		"",
		st.WelcomeTitle.Render("Welcome to Regulars"),
		"",
		st.Welcome.Render("This notebook has no customers yet."),
		"",
		"  " + k(keyName(keys.Customer.Add)) + "  add your first customer: a name is enough to start",
		"  " + k(keyName(keys.Global.Help)) + "  see every key",
		"",
		st.Subtle.Render("Want to look around first? Quit with " + keyName(keys.Global.Quit) + " and run"),
		"  " + k("regulars demo"),
		st.Subtle.Render("to try a notebook full of made-up regulars."),
	}
	for i, s := range lines {
		lines[i] = "  " + s
	}
	return strings.Join(lines, "\n")
}

// listColumns is the layout of a row for one width.
type listColumns struct {
	name, tags, last, bday, open, spend int
}

func (l *List) columns() listColumns {
	c := listColumns{last: 11, bday: 10, open: 6}
	w := l.width - 2
	if l.width >= 110 {
		c.spend = 10
	}
	rest := w - c.last - c.bday - c.open - c.spend - 4
	if c.spend > 0 {
		rest--
	}
	c.tags = max(rest*2/5, 6)
	c.name = rest - c.tags
	if c.name > 44 {
		c.tags += c.name - 44
		c.name = 44
	}
	return c
}

func (c listColumns) head() string {
	cells := []string{"  " + fit("Name", c.name), fit("Tags", c.tags), fitRight("Last visit", c.last), fit("Birthday", c.bday), fitRight("Open", c.open)}
	if c.spend > 0 {
		cells = append(cells, fitRight("This year", c.spend))
	}
	return joinRow(cells...)
}

func (c listColumns) row(st *Styles, m store.Match, today model.Date, selected bool) string {
	name := clean(m.Name)
	if m.Nickname != "" {
		name += " (" + clean(m.Nickname) + ")"
	}
	tags := make([]string, len(m.Tags))
	for i, t := range m.Tags {
		tags[i] = clean(t)
	}
	open := ""
	if m.OpenItems > 0 {
		open = fmt.Sprintf("%d open", m.OpenItems)
	}
	marker := "  "
	if selected {
		marker = "▸ "
	}
	cells := []string{
		marker + fit(name, c.name),
		fit(strings.Join(tags, ", "), c.tags),
		fitRight(model.Ago(m.LastVisit, today), c.last),
		fit(model.BirthdayMark(m.Birthday, today), c.bday),
		fitRight(open, c.open),
	}
	if c.spend > 0 {
		spend := ""
		if m.SpendYear > 0 {
			spend = model.FormatCents(m.SpendYear)
		}
		cells = append(cells, fitRight(spend, c.spend))
	}
	if selected {
		return st.RowSelected.Render(joinRow(cells...))
	}
	cells[0] = st.Name.Render(cells[0])
	cells[1] = st.Tags.Render(cells[1])
	cells[2] = st.Meta.Render(cells[2])
	cells[3] = st.Birthday.Render(cells[3])
	cells[4] = st.Open.Render(cells[4])
	if c.spend > 0 {
		cells[5] = st.Meta.Render(cells[5])
	}
	return joinRow(cells...)
}

// ShortHelp implements Component.
func (l *List) ShortHelp() []key.Binding {
	k, cu := l.c.Keys.List, l.c.Keys.Customer
	if l.filtering {
		f := l.c.Keys.Filter
		return []key.Binding{f.Open, f.Clear, f.Move}
	}
	if l.Empty() {
		return []key.Binding{cu.Add}
	}
	bs := []key.Binding{k.Filter, k.Open, cu.Note}
	if l.showArchived {
		bs = []key.Binding{k.Filter, k.Open, k.Archived}
	}
	if l.filter.Value() != "" {
		bs = append(bs, k.ClearFilter)
	}
	return bs
}

// FullHelp implements Component.
func (l *List) FullHelp() [][]key.Binding {
	mv, k, cu := l.c.Keys.Move, l.c.Keys.List, l.c.Keys.Customer
	if l.filtering {
		return [][]key.Binding{l.ShortHelp()}
	}
	if l.Empty() {
		return [][]key.Binding{{cu.Add}}
	}
	return [][]key.Binding{
		{mv.Up, mv.Down, mv.Top, mv.Bottom, mv.PageDown},
		{k.Open, k.Filter, k.Sort, k.Archived, k.Back},
		{cu.Add, cu.Edit, cu.Note, cu.Visit},
		{cu.Thanks, cu.Feedback, cu.Archive},
	}
}
