package tui

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"regulars/model"
)

// Week is the "This week" view: the outreach queue of birthdays,
// thank-yous owed, follow-ups due and unhappy feedback. It loads off the UI
// loop; x or space then one channel key marks the highlighted item done (two
// keys per item), s snoozes it, u takes back the last of these, and enter
// sends OpenCustomerMsg so the root shows that customer's card.
//
// Done and snooze show at once and are written behind: an answer that fails
// puts the item back and says why in the status line.
type Week struct {
	c             *Common
	width, height int

	week  *model.Week
	items []model.Item // shown (not snoozed), in the chosen order
	lines []weekLine   // the drawn list: headings, items, "and N more"
	byDue bool         // ordered by due day instead of grouped by kind

	cursor int // index into items
	top    int // first of lines on screen
	// focus is an item id the cursor goes to when the next load holds it
	// (an undone snooze comes back where the owner is looking).
	focus string

	picking bool     // x or space was pressed: the next key picks the channel
	undo    []string // ids done or snoozed here, the last one last

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
	id   string
	prev model.State // the item's state before, to put back on failure
	ch   model.Channel
	item *model.Item
	err  error
}

type weekLineKind int

const (
	lineHeading weekLineKind = iota
	lineItem
	lineMore
	lineBlank
)

type weekLine struct {
	kind weekLineKind
	item int // index into items, for lineItem
	text string
}

// NewWeek returns the week view; Reload fills it.
func NewWeek(c *Common) *Week { return &Week{c: c, width: 80, height: 20} }

// SetSize implements Component.
func (w *Week) SetSize(width, height int) {
	w.width, w.height = width, height
	w.scroll()
}

// Capturing implements Component: the channel question takes the next key,
// p (call) and esc (cancel) included.
func (w *Week) Capturing() bool { return w.picking }

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

// Selected returns the highlighted item.
func (w *Week) Selected() (model.Item, bool) {
	if w.cursor < 0 || w.cursor >= len(w.items) {
		return model.Item{}, false
	}
	return w.items[w.cursor], true
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
		if w.picking {
			return w, w.pick(msg)
		}
		return w, w.key(msg)
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
		w.items, w.lines = nil, nil
		return
	}
	w.items = w.week.Visible()
	if w.byDue {
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
	group := func(it model.Item) string {
		if !w.byDue {
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
				if !w.byDue {
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
	if len(w.items) > 0 && !w.byDue {
		more(w.items[len(w.items)-1].Kind)
	}
	// Kinds cut but with nothing shown (or, by day, every cut kind).
	var rest []string
	for _, k := range model.Kinds {
		if s := w.week.MoreOf(k); s != "" && (w.byDue || !shown[k]) {
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
	if w.picking {
		return 2
	}
	return 1
}

// cursorLine is the line of the highlighted item.
func (w *Week) cursorLine() int {
	for i, l := range w.lines {
		if l.kind == lineItem && l.item == w.cursor {
			return i
		}
	}
	return 0
}

// scroll keeps the highlighted item on screen, with its heading when it is
// the first of its group.
func (w *Week) scroll() {
	n := w.listHeight()
	at := w.cursorLine()
	if at > 0 && w.lines[at-1].kind == lineHeading {
		at--
	}
	end := w.cursorLine()
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
	if len(w.items) == 0 {
		return
	}
	w.cursor = min(max(to, 0), len(w.items)-1)
	w.scroll()
}

func (w *Week) key(msg tea.KeyPressMsg) tea.Cmd {
	mv, k := w.c.Keys.Move, w.c.Keys.Week
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
		w.move(len(w.items) - 1)
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
		return w.act(actSnooze, it, "")
	case key.Matches(msg, k.Undo):
		return w.undoLast()
	case key.Matches(msg, w.orderKey()):
		w.byDue = !w.byDue
		w.rebuild()
	}
	return nil
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
	w.setState(it.ID, state)
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
		return weekActedMsg{act: a, id: id, prev: it.State, ch: ch, item: done, err: err}
	}
}

// undoLast takes back the last done or snooze made here; with none, the
// highlighted done item.
func (w *Week) undoLast() tea.Cmd {
	var id string
	if n := len(w.undo); n > 0 {
		id, w.undo = w.undo[n-1], w.undo[:n-1]
	} else if it, ok := w.Selected(); ok && it.State == model.Done {
		id = it.ID
	} else {
		return statusCmd("Nothing to undo", false)
	}
	w.pending++
	s, ctx := w.c.Store, w.c.Ctx
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, queryTimeout)
		defer cancel()
		it, err := s.UndoItem(ctx, id)
		return weekActedMsg{act: actUndo, id: id, item: it, err: err}
	}
}

// setState changes an item's state here, before the store answers.
func (w *Week) setState(id string, st model.State) {
	if w.week == nil {
		return
	}
	if it := w.week.Item(id); it != nil {
		it.State = st
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

// nextOpen moves the cursor to the next open item, wrapping to the top.
func (w *Week) nextOpen() {
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
			w.setState(msg.id, msg.prev)
			w.focus = msg.id
		case actUndo:
			w.undo = append(w.undo, msg.id)
		}
		// Reload too: the store may know better than this screen.
		return tea.Batch(statusCmd(model.ErrorMessage(msg.err), true), changed)
	}
	it := msg.item
	undo := keyName(w.c.Keys.Week.Undo)
	var status string
	switch msg.act {
	case actDone:
		w.undo = append(w.undo, msg.id)
		status = fmt.Sprintf("Done by %s: %s, %s · %s undoes", msg.ch, clean(it.Customer), w.reason(*it), undo)
		if w.week != nil && w.week.Open == 0 {
			status = "All done for this week. Well done! · " + undo + " undoes the last"
		}
	case actSnooze:
		w.undo = append(w.undo, msg.id)
		status = fmt.Sprintf("Snoozed until Monday: %s · %s undoes", clean(it.Customer), undo)
	case actUndo:
		w.focus = msg.id
		status = fmt.Sprintf("Open again (was %s): %s", it.State, clean(it.Customer))
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
	if w.byDue {
		title += ", by day"
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
	if wk.Open == 0 && wk.Done > 0 {
		counts += st.Subtle.Render(" · ") + st.Row.Render("all done, well done!")
	}
	line("  " + counts)
	line("")

	if len(w.items) == 0 {
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
	nameW := min(max(w.width/5, 16), 28)
	for i := w.top; i < len(w.lines) && i < w.top+n; i++ {
		l := w.lines[i]
		switch l.kind {
		case lineBlank:
			line("")
		case lineHeading:
			line("  " + st.Section.Render(l.text))
		case lineMore:
			line("      " + st.Subtle.Render(l.text))
		case lineItem:
			line(w.itemLine(w.items[l.item], l.item == w.cursor, nameW))
		}
	}
	for i := len(w.lines) - w.top; i < n; i++ {
		line("")
	}

	// The footer: the channel question, or where the list goes on.
	if w.picking {
		it, _ := w.Selected()
		k := w.c.Keys.Week
		line(" " + st.Prompt.Render(" Done: "+clean(it.Customer)+". How? "))
		var hints strings.Builder
		for _, c := range w.channels() {
			hints.WriteString(w.keyHint(c.key.Help().Key, c.key.Help().Desc))
		}
		hints.WriteString(w.keyHint(k.Usual.Help().Key, string(model.DefaultChannel(it.Kind))))
		hints.WriteString(w.keyHint(k.Cancel.Help().Key, k.Cancel.Help().Desc))
		line(" " + hints.String())
	} else {
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
func (w *Week) itemLine(it model.Item, selected bool, nameW int) string {
	st := w.c.Styles
	mark := "[ ] "
	if it.State == model.Done {
		mark = "[x] "
	}
	reason := w.reason(it)
	if w.byDue {
		reason = string(it.Kind) + ": " + reason
	}
	private := ""
	if it.Private && !w.c.Hides(it) {
		private = " · private"
	}
	restW := max(w.width-len(mark)-nameW-5, 8)
	name := fit(clean(it.Customer), nameW)
	if selected {
		text := "▸ " + mark + name + "  " + cut(reason+private, restW)
		return st.RowSelected.Render(fit(text, w.width))
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
	if w.picking {
		return []key.Binding{k.Card, k.Call, k.Email, k.Message, k.InPerson, k.Cancel}
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
	if w.width >= 100 {
		out = append(out, w.orderKey())
	}
	return out
}

// FullHelp implements Component.
func (w *Week) FullHelp() [][]key.Binding {
	mv, k := w.c.Keys.Move, w.c.Keys.Week
	if w.picking {
		return [][]key.Binding{{k.Card, k.Call, k.Email}, {k.Message, k.InPerson, k.Usual, k.Cancel}}
	}
	return [][]key.Binding{
		{mv.Up, mv.Down, mv.Top, mv.Bottom, mv.PageDown},
		{k.Done, k.Snooze, k.Undo},
		{k.Open, w.orderKey(), k.Back},
	}
}

// orderKey is the key that switches the order, named for the order it
// switches to.
func (w *Week) orderKey() key.Binding {
	if w.byDue {
		return w.c.Keys.Week.ByKind
	}
	return w.c.Keys.Week.ByDay
}
