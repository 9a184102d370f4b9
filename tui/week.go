package tui

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"regulars/model"
)

// Week is the "This week" view: the outreach queue of birthdays,
// thank-yous owed, follow-ups due and unhappy feedback. It loads off the UI
// loop. By person (the first order; o cycles person, kind, day) a row is a
// customer with every reason: x or space then one channel key marks all
// their open items done with one outreach entry (two keys per person),
// enter or → opens the row to work its items one by one, ← or esc closes
// it; y copies the person's draft (OSC 52), E edits it first. On an item,
// x then a channel key marks it done, s snoozes it, u takes back the last
// of these, and enter sends OpenCustomerMsg so the root shows that
// customer's card. The people view and the side pane are in week_people.go.
//
// Done and snooze show at once and are written behind: an answer that fails
// puts the item back and says why in the status line.
type Week struct {
	c             *Common
	width, height int

	week  *model.Week
	items []model.Item // shown (not snoozed), in the chosen order
	lines []weekLine   // the drawn list: headings, items, "and N more"
	order model.Order  // by person, kind or day

	// By person: the rows, and the one opened (its items are items).
	people []model.Person
	opened int64 // the customer whose row is open; 0: none

	cursor int // index into items; by person with no row open, into people
	top    int // first of lines on screen
	// focus is an item id the cursor goes to when the next load holds it
	// (an undone snooze comes back where the owner is looking).
	focus string

	picking bool       // x or space was pressed: the next key picks the channel
	undo    [][]string // ids done or snoozed here together, the last ones last

	// The draft being edited (E), and the drafts edited this session by
	// customer: kept until the program ends, never written to the templates.
	editing   bool
	editor    textarea.Model
	editingID int64
	edited    map[int64]string
	// personFocus is the person the cursor goes to at the next layout
	// (the one whose row was just closed).
	personFocus int64

	loaded  bool
	loadSeq int
	pending int // actions on their way; loads that cross them are dropped
	err     error
}

type weekLoadedMsg struct {
	seq  int
	week *model.Week
	err  error
}

type weekAction int

const (
	actDone weekAction = iota
	actSnooze
	actUndo
)

type weekActedMsg struct {
	act  weekAction
	ids  []string      // one item, or a person's open items
	prev []model.State // the items' states before, to put back on failure
	ch   model.Channel
	item *model.Item // the first item, as the store has it
	err  error
}

type weekLineKind int

const (
	lineHeading weekLineKind = iota
	lineItem
	lineMore
	lineBlank
	linePerson // a person's row, by person
	lineInfo   // how to reach the highlighted person, their draft (narrow screens)
)

type weekLine struct {
	kind weekLineKind
	item int // index into items, for lineItem; into people, for linePerson
	text string
}

// NewWeek returns the week view; Reload fills it.
func NewWeek(c *Common) *Week { return &Week{c: c, width: 80, height: 20} }

// SetSize implements Component.
func (w *Week) SetSize(width, height int) {
	w.width, w.height = width, height
	if w.editing {
		w.editor.SetWidth(max(width-4, 10))
	}
	if w.onPeople() && w.week != nil {
		w.layoutPeople() // the side pane comes and goes with the width
	}
	w.scroll()
}

// Capturing implements Component: the channel question takes the next key,
// p (call) and esc (cancel) included; the draft editor takes typed text.
func (w *Week) Capturing() bool { return w.picking || w.editing }

// Reload asks the store for the week, off the UI loop; an answer that a
// newer question or an action overtakes is dropped.
func (w *Week) Reload() tea.Cmd {
	w.loadSeq++
	seq, s, ctx, today := w.loadSeq, w.c.Store, w.c.Ctx, w.c.Today()
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, queryTimeout)
		defer cancel()
		wk, err := s.Week(ctx, today)
		return weekLoadedMsg{seq: seq, week: wk, err: err}
	}
}

// Selected returns the highlighted item; none on a person's row.
func (w *Week) Selected() (model.Item, bool) {
	if w.onPeople() || w.cursor < 0 || w.cursor >= len(w.items) {
		return model.Item{}, false
	}
	return w.items[w.cursor], true
}

// onPeople reports whether the cursor is on the people's rows (by person,
// no row open).
func (w *Week) onPeople() bool { return w.order == model.ByPerson && w.opened == 0 }

// rows is how many rows the cursor moves over.
func (w *Week) rows() int {
	if w.onPeople() {
		return len(w.people)
	}
	return len(w.items)
}

// Update implements Component.
func (w *Week) Update(msg tea.Msg) (Component, tea.Cmd) {
	switch msg := msg.(type) {
	case weekLoadedMsg:
		return w, w.loadedMsg(msg)
	case weekActedMsg:
		return w, w.acted(msg)
	case dataChangedMsg:
		if w.loaded {
			return w, w.Reload()
		}
	case tea.KeyPressMsg:
		if w.editing {
			return w, w.editKey(msg)
		}
		if w.picking {
			return w, w.pick(msg)
		}
		return w, w.key(msg)
	case tea.PasteMsg:
		if w.editing {
			var cmd tea.Cmd
			w.editor, cmd = w.editor.Update(msg)
			return w, cmd
		}
	}
	return w, nil
}

func (w *Week) loadedMsg(msg weekLoadedMsg) tea.Cmd {
	if msg.seq != w.loadSeq || w.pending > 0 {
		return nil // overtaken: a newer load is on its way
	}
	if msg.err != nil {
		w.err = msg.err
		return statusCmd("Could not load this week: "+model.ErrorMessage(msg.err), true)
	}
	w.week, w.loaded, w.err = msg.week, true, nil
	w.rebuild()
	return nil
}

// rebuild orders the shown items and lays out the lines, keeping the
// cursor on the same item.
func (w *Week) rebuild() {
	keep := w.focus
	if keep == "" {
		if it, ok := w.Selected(); ok {
			keep = it.ID
		}
	}
	w.focus = ""
	if w.week == nil {
		w.items, w.lines, w.people = nil, nil, nil
		return
	}
	if w.order == model.ByPerson {
		w.rebuildPeople(keep)
		return
	}
	w.items = w.week.Visible()
	if w.order == model.ByDay {
		model.SortByDue(w.items)
	} else {
		model.SortByKind(w.items)
	}
	placed := false
	for i, it := range w.items {
		if it.ID == keep {
			w.cursor, placed = i, true
		}
	}
	if !placed && keep == "" {
		// The first look: start at the first thing left to do.
		for i, it := range w.items {
			if it.State == model.Open {
				w.cursor = i
				break
			}
		}
	}
	w.cursor = min(max(w.cursor, 0), max(len(w.items)-1, 0))
	w.layoutLines()
	w.scroll()
}

// layoutLines lays out the list: by kind, a heading per kind and "and N
// more" under a cut kind; by day, a heading per due day (overdue first) and
// the cut kinds at the end.
func (w *Week) layoutLines() {
	w.lines = w.lines[:0]
	today := w.c.Today()
	byDue := w.order == model.ByDay
	group := func(it model.Item) string {
		if !byDue {
			return it.Kind.Title()
		}
		switch {
		case it.Due.Before(today):
			return "Overdue"
		case it.Due == today:
			return "Today, " + it.Due.Short()
		}
		return it.Due.Short()
	}
	more := func(k model.Kind) {
		if s := w.week.MoreOf(k); s != "" {
			w.lines = append(w.lines, weekLine{kind: lineMore, text: "and " + s + " this week"})
		}
	}
	shown := map[model.Kind]bool{}
	cur := ""
	for i, it := range w.items {
		if g := group(it); g != cur || i == 0 {
			if i > 0 {
				if !byDue {
					more(w.items[i-1].Kind)
				}
				w.lines = append(w.lines, weekLine{kind: lineBlank})
			}
			cur = g
			w.lines = append(w.lines, weekLine{kind: lineHeading, text: g})
		}
		shown[it.Kind] = true
		w.lines = append(w.lines, weekLine{kind: lineItem, item: i})
	}
	if len(w.items) > 0 && !byDue {
		more(w.items[len(w.items)-1].Kind)
	}
	// Kinds cut but with nothing shown (or, by day, every cut kind).
	var rest []string
	for _, k := range model.Kinds {
		if s := w.week.MoreOf(k); s != "" && (byDue || !shown[k]) {
			rest = append(rest, s)
		}
	}
	if len(rest) > 0 {
		w.lines = append(w.lines, weekLine{kind: lineBlank},
			weekLine{kind: lineMore, text: "and " + strings.Join(rest, ", ") + " this week"})
	}
}

// listHeight is the lines left for the list under the two header lines and
// the blank one, and above the footer.
func (w *Week) listHeight() int {
	return max(w.height-3-w.footerLines(), 1)
}

func (w *Week) footerLines() int {
	switch {
	case w.editing:
		return w.editor.Height() + 2
	case w.picking:
		return 2
	}
	return 1
}

// cursorLine is the line of the highlighted item or person.
func (w *Week) cursorLine() int {
	kind := lineItem
	if w.onPeople() {
		kind = linePerson
	}
	for i, l := range w.lines {
		if l.kind == kind && l.item == w.cursor {
			return i
		}
	}
	return 0
}

// scroll keeps the highlighted item on screen, with its heading when it is
// the first of its group, and a person's row with the lines under it.
func (w *Week) scroll() {
	n := w.listHeight()
	at := w.cursorLine()
	if at > 0 && w.lines[at-1].kind == lineHeading {
		at--
	}
	end := w.cursorLine()
	for end+1 < len(w.lines) && w.lines[end+1].kind == lineInfo {
		end++
	}
	if end+1 < len(w.lines) && w.lines[end+1].kind == lineMore {
		end++
	}
	if at < w.top {
		w.top = at
	}
	if end >= w.top+n {
		w.top = end - n + 1
	}
	w.top = max(min(w.top, len(w.lines)-n), 0)
}

func (w *Week) move(to int) {
	if w.rows() == 0 {
		return
	}
	w.cursor = min(max(to, 0), w.rows()-1)
	if w.onPeople() {
		w.layoutPeople() // the lines under the highlighted row follow it
	}
	w.scroll()
}

func (w *Week) key(msg tea.KeyPressMsg) tea.Cmd {
	mv, k := w.c.Keys.Move, w.c.Keys.Week
	if cmd, ok := w.personKey(msg); ok {
		return cmd
	}
	it, ok := w.Selected()
	page := max(w.listHeight()-2, 1)
	switch {
	case key.Matches(msg, k.Done):
		if !ok {
			return nil
		}
		if it.State == model.Done {
			return w.doneAlready(it)
		}
		w.picking = true
		w.scroll()
	case key.Matches(msg, mv.Up):
		w.move(w.cursor - 1)
	case key.Matches(msg, mv.Down):
		w.move(w.cursor + 1)
	case key.Matches(msg, mv.Top):
		w.move(0)
	case key.Matches(msg, mv.Bottom):
		w.move(w.rows() - 1)
	case key.Matches(msg, mv.PageUp):
		w.move(w.cursor - page)
	case key.Matches(msg, mv.PageDown):
		w.move(w.cursor + page)
	case key.Matches(msg, k.Open):
		if ok {
			return func() tea.Msg { return OpenCustomerMsg{ID: it.CustomerID} }
		}
	case key.Matches(msg, k.Snooze):
		if !ok {
			return nil
		}
		if it.State == model.Done {
			return w.doneAlready(it)
		}
		if !model.Snoozable(it.Kind) {
			return statusCmd(clean(it.Customer)+" waits for a reply: unhappy feedback stays on the queue until replied to", true)
		}
		return w.act(actSnooze, it, "")
	case key.Matches(msg, k.Undo):
		return w.undoLast()
	case key.Matches(msg, w.orderKey()):
		w.setOrder(w.order.Next())
	}
	return nil
}

// setOrder lays the queue out in order, keeping the highlighted item (or,
// by person, the person of the highlighted item) under the cursor.
func (w *Week) setOrder(o model.Order) {
	it, ok := w.Selected()
	var person int64
	if p, pok := w.SelectedPerson(); pok {
		person = p.CustomerID
	} else if ok {
		person = it.CustomerID
	}
	w.closeRow()
	w.order = o
	if o == model.ByPerson {
		w.rebuild()
		for i, p := range w.people {
			if p.CustomerID == person {
				w.move(i)
			}
		}
		return
	}
	if !ok {
		for _, x := range w.week.Visible() {
			if x.CustomerID == person && x.State == model.Open {
				it, ok = x, true
				break
			}
		}
	}
	if ok {
		w.focus = it.ID
	}
	w.rebuild()
}

// doneAlready says an item is done and how to take it back.
func (w *Week) doneAlready(it model.Item) tea.Cmd {
	return statusCmd(clean(it.Customer)+" is done this week; "+keyName(w.c.Keys.Week.Undo)+" takes it back", false)
}

// channels are the channel question's keys and the channel each picks.
func (w *Week) channels() []struct {
	key key.Binding
	ch  model.Channel
} {
	k := w.c.Keys.Week
	return []struct {
		key key.Binding
		ch  model.Channel
	}{
		{k.Card, model.Card}, {k.Call, model.Call}, {k.Email, model.Email},
		{k.Message, model.Message}, {k.InPerson, model.InPerson},
	}
}

// pick takes the channel key after x or space.
func (w *Week) pick(msg tea.KeyPressMsg) tea.Cmd {
	k := w.c.Keys.Week
	if w.onPeople() {
		return w.pickPerson(msg)
	}
	it, ok := w.Selected()
	var ch model.Channel
	switch {
	case key.Matches(msg, k.Cancel):
		w.picking = false
		w.scroll()
		return nil
	case key.Matches(msg, k.Usual):
		ch = model.DefaultChannel(it.Kind)
	default:
		var ways []string
		for _, c := range w.channels() {
			if key.Matches(msg, c.key) {
				ch = c.ch
			}
			ways = append(ways, c.key.Help().Key+" "+c.key.Help().Desc)
		}
		if ch == "" {
			ways = append(ways, k.Usual.Help().Key+" "+string(model.DefaultChannel(it.Kind)))
			return statusCmd("How was it done? "+strings.Join(ways, ", ")+"; "+k.Cancel.Help().Key+" cancels", true)
		}
	}
	w.picking = false
	if !ok || it.State != model.Open {
		w.scroll()
		return nil
	}
	return w.act(actDone, it, ch)
}

// act shows a done or snooze at once and writes it behind.
func (w *Week) act(a weekAction, it model.Item, ch model.Channel) tea.Cmd {
	state := model.Done
	if a == actSnooze {
		state = model.Snoozed
	}
	w.setState(state, it.ID)
	if a == actDone {
		w.nextOpen()
	}
	w.pending++
	s, ctx, id := w.c.Store, w.c.Ctx, it.ID
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, queryTimeout)
		defer cancel()
		var done *model.Item
		var err error
		if a == actDone {
			done, err = s.DoneItem(ctx, id, ch, "")
		} else {
			done, err = s.SnoozeItem(ctx, id)
		}
		return weekActedMsg{act: a, ids: []string{id}, prev: []model.State{it.State}, ch: ch, item: done, err: err}
	}
}

// undoLast takes back the last done or snooze made here (a person's items
// done together come back together); with none, the highlighted done item.
func (w *Week) undoLast() tea.Cmd {
	var ids []string
	if n := len(w.undo); n > 0 {
		ids, w.undo = w.undo[n-1], w.undo[:n-1]
	} else if it, ok := w.Selected(); ok && it.State == model.Done {
		ids = []string{it.ID}
	} else if p, ok := w.SelectedPerson(); ok && w.onPeople() && p.Open == 0 {
		for _, it := range p.Items {
			if it.State == model.Done {
				ids = append(ids, it.ID)
			}
		}
	}
	if len(ids) == 0 {
		return statusCmd("Nothing to undo", false)
	}
	w.pending++
	s, ctx := w.c.Store, w.c.Ctx
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, queryTimeout)
		defer cancel()
		var first *model.Item
		for _, id := range ids {
			it, err := s.UndoItem(ctx, id)
			if err != nil {
				return weekActedMsg{act: actUndo, ids: ids, item: first, err: err}
			}
			if first == nil {
				first = it
			}
		}
		return weekActedMsg{act: actUndo, ids: ids, item: first}
	}
}

// setState changes items' states here, before the store answers.
func (w *Week) setState(st model.State, ids ...string) {
	if w.week == nil {
		return
	}
	for _, id := range ids {
		if it := w.week.Item(id); it != nil {
			it.State = st
		}
	}
	w.week.Open, w.week.Done, w.week.Snoozed = 0, 0, 0
	for _, it := range w.week.Items {
		switch it.State {
		case model.Open:
			w.week.Open++
		case model.Done:
			w.week.Done++
		case model.Snoozed:
			w.week.Snoozed++
		}
	}
	w.rebuild()
}

// nextOpen moves the cursor to the next open item (or person), wrapping to
// the top.
func (w *Week) nextOpen() {
	if w.onPeople() {
		for d := 1; d <= len(w.people); d++ {
			i := (w.cursor + d) % len(w.people)
			if w.people[i].Open > 0 {
				w.move(i)
				return
			}
		}
		return
	}
	for d := 1; d <= len(w.items); d++ {
		i := (w.cursor + d) % len(w.items)
		if w.items[i].State == model.Open {
			w.move(i)
			return
		}
	}
}

func (w *Week) acted(msg weekActedMsg) tea.Cmd {
	w.pending = max(w.pending-1, 0)
	changed := func() tea.Msg { return dataChangedMsg{} }
	if msg.err != nil {
		switch msg.act {
		case actDone, actSnooze:
			for i, id := range msg.ids {
				w.setState(msg.prev[i], id)
			}
			if len(msg.ids) == 1 {
				w.focus = msg.ids[0]
			}
		case actUndo:
			w.undo = append(w.undo, msg.ids)
		}
		// Reload too: the store may know better than this screen.
		return tea.Batch(statusCmd(model.ErrorMessage(msg.err), true), changed)
	}
	it := msg.item
	undo := keyName(w.c.Keys.Week.Undo)
	var status string
	switch msg.act {
	case actDone:
		w.undo = append(w.undo, msg.ids)
		status = fmt.Sprintf("Done by %s: %s, %s · %s undoes", msg.ch, clean(it.Customer), w.reason(*it), undo)
		if n := len(msg.ids); n > 1 {
			status = fmt.Sprintf("Done by %s: %s, %s in one · %s undoes", msg.ch, clean(it.Customer),
				model.Plural(n, "item", "items"), undo)
		}
		if w.week != nil && w.week.Open == 0 {
			status = "All done for this week. Well done! · " + undo + " undoes the last"
		}
	case actSnooze:
		w.undo = append(w.undo, msg.ids)
		status = fmt.Sprintf("Snoozed until Monday: %s · %s undoes", clean(it.Customer), undo)
	case actUndo:
		if !w.onPeople() {
			w.focus = msg.ids[0]
		}
		status = fmt.Sprintf("Open again (was %s): %s", it.State, clean(it.Customer))
		if n := len(msg.ids); n > 1 {
			status = fmt.Sprintf("Open again (was %s): %s, %s", it.State, clean(it.Customer), model.Plural(n, "item", "items"))
		}
	}
	// Everyone reloads: the list's open counts and the card changed too.
	return tea.Batch(statusCmd(status, false), changed)
}

// reason is an item's reason as it may be shown: what screen-safe mode
// hides (a private follow-up, unhappy feedback) says only what it is.
func (w *Week) reason(it model.Item) string {
	switch {
	case !w.c.Hides(it):
		return clean(it.Reason)
	case it.Private:
		return "private note: hidden (screen-safe)"
	}
	return "feedback to reply to: hidden (screen-safe)"
}

// View implements Component.
func (w *Week) View() string {
	st := w.c.Styles
	var b strings.Builder
	line := func(s string) { b.WriteString(s + "\n") }
	if !w.loaded {
		line("")
		line("  " + st.WelcomeTitle.Render("This week"))
		line("")
		if w.err != nil {
			line("  " + st.StatusErr.Render("Could not load this week: "+clean(model.ErrorMessage(w.err))))
			wk := keyName(w.c.Keys.Global.Week)
			line("  " + st.Subtle.Render(wk+" goes back to the customers; "+wk+" again tries once more."))
		} else {
			line("  " + st.Subtle.Render("Looking at the week…"))
		}
		return padLines(strings.TrimSuffix(b.String(), "\n"), w.width, w.height)
	}
	wk := w.week

	// The header: the days and the counts with the habit.
	title := "This week"
	switch w.order {
	case model.ByDay:
		title += ", by day"
	case model.ByPerson:
		if p, ok := w.openedPerson(); ok {
			title += ": " + clean(p.Customer)
		}
	}
	line("  " + st.Title.Render(title) + st.Subtle.Render(" · "+wk.Start.Short()+" – "+wk.End.Short()))
	counts := st.AskAbout.Render(fmt.Sprintf("%d to do", wk.Open)) + st.Subtle.Render(" · ") +
		st.Row.Render(fmt.Sprintf("%d done", wk.Done))
	if wk.Snoozed > 0 {
		counts += st.Subtle.Render(fmt.Sprintf(" · %d snoozed", wk.Snoozed))
	}
	switch wk.Streak {
	case 0:
	case 1:
		counts += st.Subtle.Render(" · ") + st.Key.Render("1 week worked")
	default:
		counts += st.Subtle.Render(" · ") + st.Key.Render(fmt.Sprintf("%d weeks in a row", wk.Streak))
	}
	if wk.WonBack > 0 {
		counts += st.Subtle.Render(" · ") + st.Row.Render(fmt.Sprintf("%d won back this year", wk.WonBack))
	}
	if wk.Open == 0 && wk.Done > 0 {
		counts += st.Subtle.Render(" · ") + st.Row.Render("all done, well done!")
	}
	line("  " + counts)
	line("")

	if w.rows() == 0 {
		if wk.Snoozed > 0 {
			line("  " + st.Welcome.Render("Nothing left to do this week: the rest is snoozed until Monday."))
			line("  " + st.Subtle.Render(keyName(w.c.Keys.Week.Undo)+" brings back the last one snoozed."))
		} else {
			line("  " + st.Welcome.Render("Nothing on the queue this week: everyone is looked after."))
			line("  " + st.Welcome.Render("Enjoy the quiet."))
		}
		return padLines(strings.TrimSuffix(b.String(), "\n"), w.width, w.height)
	}

	n := w.listHeight()
	listW, pane := w.width, w.paneWidth()
	if pane > 0 {
		listW = w.width - pane - 3
	}
	nameW := min(max(listW/5, 16), 28)
	var list []string
	for i := w.top; i < len(w.lines) && i < w.top+n; i++ {
		l := w.lines[i]
		switch l.kind {
		case lineBlank:
			list = append(list, "")
		case lineHeading:
			list = append(list, "  "+st.Section.Render(l.text))
		case lineMore:
			list = append(list, "      "+st.Subtle.Render(l.text))
		case lineInfo:
			list = append(list, "      "+st.Subtle.Render(cut(l.text, max(listW-6, 8))))
		case linePerson:
			list = append(list, w.personLine(w.people[l.item], l.item == w.cursor, nameW, listW))
		case lineItem:
			list = append(list, w.itemLine(w.items[l.item], l.item == w.cursor, nameW, listW))
		}
	}
	for len(list) < n {
		list = append(list, "")
	}
	if pane > 0 {
		side := w.sidePane(pane, n)
		for i := range list {
			list[i] = fit(list[i], listW) + st.Subtle.Render(" │ ") + side[i]
		}
	}
	for _, l := range list {
		line(l)
	}

	// The footer: the draft editor, the channel question, or where the
	// list goes on.
	switch {
	case w.editing:
		k := w.c.Keys.Week
		line(" " + st.Prompt.Render(" Draft for "+clean(w.editingName())+" ") + w.keyHint(k.KeepDraft.Help().Key, k.KeepDraft.Help().Desc) +
			w.keyHint(k.DropDraft.Help().Key, k.DropDraft.Help().Desc))
		line(w.editor.View())
		line("")
	case w.picking:
		k := w.c.Keys.Week
		who, usual := w.pickingFor()
		line(" " + st.Prompt.Render(" Done: "+clean(who)+". How? "))
		var hints strings.Builder
		for _, c := range w.channels() {
			hints.WriteString(w.keyHint(c.key.Help().Key, c.key.Help().Desc))
		}
		hints.WriteString(w.keyHint(k.Usual.Help().Key, string(usual)))
		hints.WriteString(w.keyHint(k.Cancel.Help().Key, k.Cancel.Help().Desc))
		line(" " + hints.String())
	default:
		var at []string
		if w.top > 0 {
			at = append(at, "↑ more above")
		}
		if below := len(w.lines) - w.top - n; below > 0 {
			at = append(at, fmt.Sprintf("↓ %d more lines below", below))
		}
		line("  " + st.Subtle.Render(strings.Join(at, " · ")))
	}
	return padLines(strings.TrimSuffix(b.String(), "\n"), w.width, w.height)
}

func (w *Week) keyHint(k, desc string) string {
	st := w.c.Styles
	return " " + st.Key.Render(k) + " " + st.Subtle.Render(desc) + " "
}

// itemLine draws one item: the mark, the customer and the reason; a done
// item is ticked and faint, the highlighted one reversed.
func (w *Week) itemLine(it model.Item, selected bool, nameW, width int) string {
	st := w.c.Styles
	mark := "[ ] "
	if it.State == model.Done {
		mark = "[x] "
	}
	reason := w.reason(it)
	if w.order != model.ByKind {
		reason = string(it.Kind) + ": " + reason
	}
	private := ""
	if it.Private && !w.c.Hides(it) {
		private = " · private"
	}
	restW := max(width-len(mark)-nameW-5, 8)
	name := fit(clean(it.Customer), nameW)
	if selected {
		text := "▸ " + mark + name + "  " + cut(reason+private, restW)
		return st.RowSelected.Render(fit(text, width))
	}
	body := cut(reason, restW)
	var s string
	switch {
	case it.State == model.Done:
		s = st.Placeholder.Render(mark + name + "  " + cut(reason+private, restW))
	case w.c.Hides(it):
		s = st.Row.Render(mark+name+"  ") + st.PrivateMark.Render(body)
	default:
		s = st.Row.Render(mark + name + "  " + body)
		if private != "" && lipgloss.Width(body)+len(private) <= restW {
			s += st.PrivateMark.Render(private)
		}
	}
	return "  " + s
}

// ShortHelp implements Component.
func (w *Week) ShortHelp() []key.Binding {
	k := w.c.Keys.Week
	switch {
	case w.editing:
		return []key.Binding{k.KeepDraft, k.DropDraft}
	case w.picking:
		return []key.Binding{k.Card, k.Call, k.Email, k.Message, k.InPerson, k.Cancel}
	case w.onPeople():
		return w.peopleHelp()
	}
	it, ok := w.Selected()
	if !ok {
		if len(w.undo) > 0 {
			return []key.Binding{k.Undo}
		}
		return nil
	}
	var out []key.Binding
	if it.State == model.Open {
		out = append(out, k.Done, k.Snooze)
	}
	if len(w.undo) > 0 || it.State == model.Done {
		out = append(out, k.Undo)
	}
	out = append(out, k.Open)
	if w.opened != 0 {
		out = append(out, k.Collapse)
	}
	if w.width >= 100 {
		out = append(out, w.orderKey())
	}
	return out
}

// FullHelp implements Component.
func (w *Week) FullHelp() [][]key.Binding {
	mv, k := w.c.Keys.Move, w.c.Keys.Week
	switch {
	case w.editing:
		return [][]key.Binding{{k.KeepDraft, k.DropDraft}}
	case w.picking:
		return [][]key.Binding{{k.Card, k.Call, k.Email}, {k.Message, k.InPerson, k.Usual, k.Cancel}}
	case w.onPeople():
		return [][]key.Binding{
			{mv.Up, mv.Down, mv.Top, mv.Bottom, mv.PageDown},
			{k.Done, k.Undo, k.Expand},
			{k.Copy, k.EditDraft, w.orderKey(), k.Back},
		}
	}
	last := []key.Binding{k.Open, w.orderKey(), k.Back}
	if w.opened != 0 {
		last = []key.Binding{k.Open, k.Collapse, w.orderKey()}
	}
	return [][]key.Binding{
		{mv.Up, mv.Down, mv.Top, mv.Bottom, mv.PageDown},
		{k.Done, k.Snooze, k.Undo},
		last,
	}
}

// orderKey is the key that switches the order, named for the order it
// switches to.
func (w *Week) orderKey() key.Binding {
	k := w.c.Keys.Week
	switch w.order.Next() {
	case model.ByKind:
		return k.ByKind
	case model.ByDay:
		return k.ByDay
	}
	return k.ByPerson
}
