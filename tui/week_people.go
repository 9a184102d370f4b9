package tui

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"

	"regulars/model"
)

// The week by person: one row a customer with every reason to reach them,
// what matters most first (model.GroupPeople). Two keys work a whole row
// (x, then the channel: one outreach entry for all their items); enter or →
// opens it to work the items one by one. How to reach the person, their
// talking points and the draft are in a side pane at 120 columns and wider,
// under the highlighted row below that.

// paneMin is the width from which the people view has a side pane.
const paneMin = 120

// SelectedPerson returns the highlighted person's row (by person), or the
// person whose row is open.
func (w *Week) SelectedPerson() (model.Person, bool) {
	if w.order != model.ByPerson {
		return model.Person{}, false
	}
	if w.opened != 0 {
		return w.openedPerson()
	}
	if w.cursor < 0 || w.cursor >= len(w.people) {
		return model.Person{}, false
	}
	return w.people[w.cursor], true
}

// openedPerson returns the person whose row is open.
func (w *Week) openedPerson() (model.Person, bool) {
	for _, p := range w.people {
		if w.opened != 0 && p.CustomerID == w.opened {
			return p, true
		}
	}
	return model.Person{}, false
}

// rebuildPeople groups the shown items by person and lays out the rows, or
// the open row's items, keeping the cursor on the same person or item.
func (w *Week) rebuildPeople(keep string) {
	var cur int64
	if w.opened == 0 && w.cursor >= 0 && w.cursor < len(w.people) {
		cur = w.people[w.cursor].CustomerID
	}
	if w.personFocus != 0 {
		cur, w.personFocus = w.personFocus, 0
	}
	w.people = w.week.People()
	for i := range w.people {
		if d, ok := w.edited[w.people[i].CustomerID]; ok && w.people[i].Open > 0 {
			w.people[i].Draft = d
		}
	}
	if w.opened != 0 {
		p, ok := w.openedPerson()
		if !ok {
			cur = w.opened
			w.closeRow()
		} else {
			w.items = p.Items
			w.cursor = 0
			for i, it := range w.items {
				if it.ID == keep {
					w.cursor = i
				}
			}
			w.lines = w.lines[:0]
			w.lines = append(w.lines, weekLine{kind: lineInfo, text: strings.Join(p.Contact.Lines(), " · ")},
				weekLine{kind: lineBlank})
			for i := range w.items {
				w.lines = append(w.lines, weekLine{kind: lineItem, item: i})
			}
			w.scroll()
			return
		}
	}
	w.items = nil
	for i, p := range w.people {
		if p.CustomerID == cur {
			w.cursor = i
		}
	}
	w.cursor = min(max(w.cursor, 0), max(len(w.people)-1, 0))
	w.layoutPeople()
	w.scroll()
}

// layoutPeople lays out a row a person, with how to reach the highlighted
// one and their draft under it when there is no side pane, and the kinds
// cut at the end.
func (w *Week) layoutPeople() {
	w.lines = w.lines[:0]
	for i, p := range w.people {
		w.lines = append(w.lines, weekLine{kind: linePerson, item: i})
		if i != w.cursor || w.paneWidth() > 0 {
			continue
		}
		w.lines = append(w.lines, weekLine{kind: lineInfo, text: strings.Join(p.Contact.Lines(), " · ")})
		if d := w.draftShown(p); d != "" {
			w.lines = append(w.lines, weekLine{kind: lineInfo, text: "draft: " + d})
		}
	}
	var rest []string
	for _, k := range model.Kinds {
		if s := w.week.MoreOf(k); s != "" {
			rest = append(rest, s)
		}
	}
	if len(rest) > 0 {
		w.lines = append(w.lines, weekLine{kind: lineBlank},
			weekLine{kind: lineMore, text: "and " + strings.Join(rest, ", ") + " this week"})
	}
}

// openRow opens the person's row to work their items one by one; esc then
// closes the row instead of leaving the week.
func (w *Week) openRow(p model.Person) {
	w.opened = p.CustomerID
	w.c.Keys.Week.Back.SetEnabled(false)
	for _, it := range p.Items {
		if it.State == model.Open {
			w.focus = it.ID
			break
		}
	}
	w.rebuild()
}

// closeRow closes the open row, the cursor on its person.
func (w *Week) closeRow() {
	if w.opened == 0 {
		return
	}
	w.personFocus, w.opened = w.opened, 0
	w.c.Keys.Week.Back.SetEnabled(true)
}

// personKey handles the keys of the people view; ok is false for the keys
// it leaves to the item view (moves, undo, the order).
func (w *Week) personKey(msg tea.KeyPressMsg) (cmd tea.Cmd, ok bool) {
	if w.order != model.ByPerson {
		return nil, false
	}
	k := w.c.Keys.Week
	p, have := w.SelectedPerson()
	switch {
	case w.opened != 0 && key.Matches(msg, k.Collapse):
		w.closeRow()
		w.rebuild()
		return nil, true
	case !have:
		return nil, false
	case key.Matches(msg, k.Copy):
		return w.copyDraft(p), true
	case key.Matches(msg, k.EditDraft):
		return w.editDraft(p), true
	case w.opened != 0:
		return nil, false
	case key.Matches(msg, k.Done):
		if p.Open == 0 {
			return statusCmd(clean(p.Customer)+" is done this week; "+keyName(k.Undo)+" takes it back", false), true
		}
		w.picking = true
		w.scroll()
		return nil, true
	case key.Matches(msg, k.Expand):
		w.openRow(p)
		return nil, true
	case key.Matches(msg, k.Snooze):
		return statusCmd("Snooze works on one item: "+keyName(k.Expand)+" opens the row", false), true
	}
	return nil, false
}

// usualFor is how a person's most pressing open item is usually done.
func usualFor(p model.Person) model.Channel {
	for _, it := range p.Items {
		if it.State == model.Open {
			return model.DefaultChannel(it.Kind)
		}
	}
	return model.Message
}

// pickingFor is who the channel question is about, and the usual channel.
func (w *Week) pickingFor() (string, model.Channel) {
	if w.onPeople() {
		p, _ := w.SelectedPerson()
		return p.Customer, usualFor(p)
	}
	it, _ := w.Selected()
	return it.Customer, model.DefaultChannel(it.Kind)
}

// pickPerson takes the channel key after x on a person's row.
func (w *Week) pickPerson(msg tea.KeyPressMsg) tea.Cmd {
	k := w.c.Keys.Week
	p, ok := w.SelectedPerson()
	var ch model.Channel
	switch {
	case key.Matches(msg, k.Cancel):
	case key.Matches(msg, k.Usual):
		ch = usualFor(p)
	default:
		var ways []string
		for _, c := range w.channels() {
			if key.Matches(msg, c.key) {
				ch = c.ch
			}
			ways = append(ways, c.key.Help().Key+" "+c.key.Help().Desc)
		}
		if ch == "" {
			ways = append(ways, k.Usual.Help().Key+" "+string(usualFor(p)))
			return statusCmd("How was it done? "+strings.Join(ways, ", ")+"; "+k.Cancel.Help().Key+" cancels", true)
		}
	}
	w.picking = false
	if ch == "" || !ok || p.Open == 0 {
		w.scroll()
		return nil
	}
	return w.actPerson(p, ch)
}

// actPerson shows all the person's open items done at once and writes them
// behind, with one outreach entry.
func (w *Week) actPerson(p model.Person, ch model.Channel) tea.Cmd {
	ids := p.OpenIDs()
	prev := make([]model.State, len(ids))
	for i := range prev {
		prev[i] = model.Open
	}
	w.setState(model.Done, ids...)
	w.nextOpen()
	w.pending++
	s, ctx, cid := w.c.Store, w.c.Ctx, p.CustomerID
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, queryTimeout)
		defer cancel()
		done, err := s.DonePerson(ctx, cid, ids, ch, "")
		var first *model.Item
		if len(done) > 0 {
			first = &done[0]
		}
		return weekActedMsg{act: actDone, ids: ids, prev: prev, ch: ch, item: first, err: err}
	}
}

// draftOf is the person's draft, as edited this session if it was.
func (w *Week) draftOf(p model.Person) string {
	if d, ok := w.edited[p.CustomerID]; ok && p.Open > 0 {
		return d
	}
	return p.Draft
}

// hidesAny reports whether screen-safe mode hides one of the person's
// open items (their draft quotes it).
func (w *Week) hidesAny(p model.Person) bool {
	for _, it := range p.Items {
		if it.State == model.Open && w.c.Hides(it) {
			return true
		}
	}
	return false
}

// draftShown is the draft as the screen may show it, on one line.
func (w *Week) draftShown(p model.Person) string {
	d := w.draftOf(p)
	if d == "" {
		return ""
	}
	if w.hidesAny(p) {
		return "hidden (screen-safe); " + keyName(w.c.Keys.Week.Copy) + " still copies it"
	}
	return strings.Join(strings.Fields(clean(d)), " ")
}

// copyDraft puts the person's draft on the terminal's clipboard (OSC 52).
func (w *Week) copyDraft(p model.Person) tea.Cmd {
	d := w.draftOf(p)
	if d == "" {
		return statusCmd("Nothing to copy: "+clean(p.Customer)+" has nothing left to do this week", false)
	}
	return tea.Batch(tea.SetClipboard(model.SanitizeMultiline(d)),
		statusCmd("Copied the draft for "+clean(p.Customer)+" to the clipboard", false))
}

// editDraft opens the draft in a text area; the edit is kept for this
// session only (the templates are the command line's: regulars template).
func (w *Week) editDraft(p model.Person) tea.Cmd {
	if p.Open == 0 {
		return statusCmd("No draft: "+clean(p.Customer)+" has nothing left to do this week", false)
	}
	ta := textarea.New()
	ta.ShowLineNumbers = false
	ta.Prompt = "┃ "
	ta.CharLimit = 0
	ta.SetStyles(w.c.Styles.Textarea)
	ta.SetWidth(max(w.width-4, 10))
	ta.SetHeight(max(min(6, w.height/3), 2))
	ta.SetValue(w.draftOf(p))
	w.editor, w.editing, w.editingID = ta, true, p.CustomerID
	w.scroll()
	return w.editor.Focus()
}

// editingName is the name of the person whose draft is being edited.
func (w *Week) editingName() string {
	for _, p := range w.people {
		if p.CustomerID == w.editingID {
			return p.Customer
		}
	}
	return ""
}

// editKey takes the keys while the draft is edited.
func (w *Week) editKey(msg tea.KeyPressMsg) tea.Cmd {
	k := w.c.Keys.Week
	switch {
	case key.Matches(msg, k.KeepDraft):
		if w.edited == nil {
			w.edited = map[int64]string{}
		}
		w.edited[w.editingID] = strings.TrimSpace(w.editor.Value())
		w.editing = false
		w.rebuild()
		return statusCmd("Draft kept for this session; "+keyName(k.Copy)+" copies it", false)
	case key.Matches(msg, k.DropDraft):
		w.editing = false
		w.scroll()
		return nil
	}
	var cmd tea.Cmd
	w.editor, cmd = w.editor.Update(msg)
	return cmd
}

// personReasons is every reason of the person's items, as the screen may
// show them.
func (w *Week) personReasons(p model.Person) string {
	var rs []string
	for _, it := range p.Items {
		rs = append(rs, w.reason(it))
	}
	return strings.Join(rs, " · ")
}

// personLine draws one person's row: the mark, the name and every reason.
func (w *Week) personLine(p model.Person, selected bool, nameW, width int) string {
	st := w.c.Styles
	mark := "[ ] "
	if p.Open == 0 {
		mark = "[x] "
	}
	restW := max(width-len(mark)-nameW-5, 8)
	name := fit(clean(p.Customer), nameW)
	body := cut(w.personReasons(p), restW)
	switch {
	case selected:
		return st.RowSelected.Render(fit("▸ "+mark+name+"  "+body, width))
	case p.Open == 0:
		return "  " + st.Placeholder.Render(mark+name+"  "+body)
	}
	return "  " + st.Row.Render(mark+name+"  "+body)
}

// paneWidth is the side pane's width: by person, on a wide screen.
func (w *Week) paneWidth() int {
	if w.order != model.ByPerson || w.width < paneMin {
		return 0
	}
	return max(w.width*2/5, 40)
}

// sidePane draws the highlighted person: how to reach them, the talking
// points and the draft, height lines of width cells.
func (w *Week) sidePane(width, height int) []string {
	st := w.c.Styles
	var out []string
	add := func(s string) {
		for _, l := range strings.Split(s, "\n") {
			out = append(out, fit(l, width))
		}
	}
	p, ok := w.SelectedPerson()
	if ok {
		add(st.Section.Render(fit(clean(p.Customer), width)))
		for _, l := range p.Contact.Lines() {
			add(clean(l))
		}
		add("")
		add(st.Section.Render("Talking points"))
		for _, it := range p.Items {
			add(wrap("• "+w.reason(it), width))
		}
		r := w.week.Recipients[p.CustomerID]
		for _, f := range []struct{ label, v string }{{"Usual", r.Usual}, {"Partner", r.Partner}, {"Children", r.Children}} {
			if f.v != "" {
				add(wrap(f.label+": "+clean(f.v), width))
			}
		}
		if d := w.draftShown(p); d != "" {
			add("")
			add(st.Section.Render("Draft") + st.Subtle.Render(" · "+keyName(w.c.Keys.Week.Copy)+" copies, "+keyName(w.c.Keys.Week.EditDraft)+" edits"))
			add(wrap(d, width))
		}
	}
	for len(out) < height {
		out = append(out, "")
	}
	return out[:height]
}

// peopleHelp is the short help on a person's row.
func (w *Week) peopleHelp() []key.Binding {
	k := w.c.Keys.Week
	p, ok := w.SelectedPerson()
	if !ok {
		if len(w.undo) > 0 {
			return []key.Binding{k.Undo}
		}
		return nil
	}
	var out []key.Binding
	if p.Open > 0 {
		out = append(out, k.Done)
	}
	if len(w.undo) > 0 || p.Open == 0 {
		out = append(out, k.Undo)
	}
	out = append(out, k.Expand)
	if p.Open > 0 {
		out = append(out, k.Copy, k.EditDraft)
	}
	if w.width >= 100 {
		out = append(out, w.orderKey())
	}
	return out
}
