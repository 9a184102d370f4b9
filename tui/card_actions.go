package tui

import (
	"context"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"regulars/model"
	"regulars/store"
)

// The card acts on the highlighted entry of its history (edit, delete,
// done) and on the customer (bring back, forget, merge). Every change to
// an entry made here is kept on a stack for as long as the program runs,
// and u takes back the last one made on the card on screen.

type changeKind int

const (
	changeAdded   changeKind = iota // undo removes the record
	changeEdited                    // undo writes the previous values back
	changeRemoved                   // undo restores the record
	changeDone                      // undo reopens the week item
)

// change is one change made on a card, with what undo needs.
type change struct {
	customerID int64
	kind       changeKind
	id         model.RecordID
	prev       model.Record // changeEdited: the values before
	item       string       // changeDone: the week item
	what       string       // "the visit of Fri 20 Nov", for the status line
	// also is taken back with it: a thank-you ticked off outside the week
	// is an edit and an outreach entry added.
	also *change
}

func added(customerID int64, id model.RecordID, what string) *change {
	return &change{customerID: customerID, kind: changeAdded, id: id, what: what}
}

func edited(customerID int64, prev model.Record, what string) *change {
	return &change{customerID: customerID, kind: changeEdited, id: prev.ID(), prev: prev, what: what}
}

// cardDoneMsg answers a change made on the card or its undo.
type cardDoneMsg struct {
	change *change // to keep for undo; nil for an undo
	status string
	focus  model.RecordID // the entry to put the cursor on (one brought back)
	err    error
}

// customerGoneMsg answers forget and merge: the card's customer is no more.
type customerGoneMsg struct {
	status string
	open   int64 // the card to open instead, 0 for the list
	err    error
}

// unarchivedMsg answers bringing an archived customer back.
type unarchivedMsg struct {
	name string
	err  error
}

// mergeTargetMsg answers the "Merge into…" lookup.
type mergeTargetMsg struct {
	into *model.Customer
	err  error
}

// textPrompt is a typed question in the status bar: forget's name, merge's
// lookup. Enter hands the text to submit.
type textPrompt struct {
	question string
	input    textinput.Model
	submit   func(string) tea.Cmd
}

func (m *Model) ask(question string, submit func(string) tea.Cmd) tea.Cmd {
	in := textinput.New()
	in.Prompt = ""
	in.CharLimit = model.MaxNameLen
	in.SetStyles(m.c.Styles.Input)
	in.SetWidth(max(m.width-len([]rune(question))-4, 10))
	m.prompt = &textPrompt{question: question, input: in, submit: submit}
	return m.prompt.input.Focus()
}

// promptKey takes a key while a typed question is open.
func (m *Model) promptKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.c.Keys.Prompt
	switch {
	case key.Matches(msg, k.Submit):
		p := m.prompt
		m.prompt = nil
		return p.submit(p.input.Value())
	case key.Matches(msg, k.Cancel):
		m.prompt = nil
		return nil
	}
	var cmd tea.Cmd
	m.prompt.input, cmd = m.prompt.input.Update(msg)
	return cmd
}

// byID returns the element of list whose id is id, or nil.
func byID[T any](list []T, id int64, idOf func(*T) int64) *T {
	for i := range list {
		if idOf(&list[i]) == id {
			return &list[i]
		}
	}
	return nil
}

// record finds an entry of the card on screen by its id.
func (d *Detail) record(id model.RecordID) (model.Record, bool) {
	if d.card == nil {
		return model.Record{}, false
	}
	var r model.Record
	switch id.Kind {
	case model.RecordNote:
		r.Note = byID(d.card.Notes, id.ID, func(n *model.Note) int64 { return n.ID })
	case model.RecordVisit:
		r.Visit = byID(d.card.Visits, id.ID, func(v *model.Visit) int64 { return v.ID })
	case model.RecordThankYou:
		r.ThankYou = byID(d.card.ThankYous, id.ID, func(t *model.ThankYou) int64 { return t.ID })
	case model.RecordFeedback:
		r.Feedback = byID(d.card.Feedback, id.ID, func(f *model.Feedback) int64 { return f.ID })
	case model.RecordOutreach:
		r.Outreach = byID(d.card.Outreach, id.ID, func(o *model.Outreach) int64 { return o.ID })
	}
	return r, !r.ID().IsZero()
}

// cardAction handles the card's own keys; ok is false for keys it does
// not take.
func (m *Model) cardAction(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := m.c.Keys.Card
	if !key.Matches(msg, k.Edit, k.Delete, k.Done, k.Undo, k.Unarchive, k.Forget, k.Merge) {
		return nil, false
	}
	cu, ok := m.detail.Customer()
	if !ok {
		return nil, true
	}
	name := clean(cu.Name)
	switch {
	case key.Matches(msg, k.Undo):
		return m.undo(cu.ID), true
	case key.Matches(msg, k.Unarchive):
		if !cu.Archived {
			m.setStatus(name+" is not archived", false)
			return nil, true
		}
		s, ctx, id := m.c.Store, m.c.Ctx, cu.ID
		return func() tea.Msg { return unarchivedMsg{name: name, err: s.UnarchiveCustomer(ctx, id)} }, true
	case key.Matches(msg, k.Forget):
		if !cu.Archived {
			m.setStatus("Forgetting comes after archiving: "+keyName(k.Archive)+" archives "+name+" first", true)
			return nil, true
		}
		return m.askForget(cu.ID, name), true
	case key.Matches(msg, k.Merge):
		return m.askMerge(cu.ID, name), true
	}
	if cu.Archived {
		m.setStatus(name+" is archived; their card is read-only ("+keyName(k.Unarchive)+" brings them back)", true)
		return nil, true
	}
	switch {
	case key.Matches(msg, k.Edit):
		row, ok := m.detail.Selected()
		if !ok {
			m.setStatus("Nothing to edit yet", false)
			return nil, true
		}
		return m.editRecord(cu.ID, name, row), true
	case key.Matches(msg, k.Delete):
		row, ok := m.detail.Selected()
		if !ok {
			m.setStatus("Nothing to delete", false)
			return nil, true
		}
		s, ctx, id := m.c.Store, m.c.Ctx, cu.ID
		m.confirm = &confirmation{
			question: "Delete " + row.what + "? " + keyName(m.c.Keys.Confirm.Yes) + "/" + keyName(m.c.Keys.Confirm.No),
			yes: func() tea.Cmd {
				return func() tea.Msg {
					err := s.RemoveRecord(ctx, row.id)
					return cardDoneMsg{change: &change{customerID: id, kind: changeRemoved, id: row.id, what: row.what},
						status: "Deleted " + row.what + "; " + keyName(k.Undo) + " brings it back", err: err}
				}
			},
		}
		return nil, true
	case key.Matches(msg, k.Done):
		row, ok := m.detail.Owed()
		if !ok {
			m.setStatus("Nothing is owed on "+name+"'s card", false)
			return nil, true
		}
		m.picking = &row
		return nil, true
	}
	return nil, true
}

// editRecord opens the highlighted entry in its own form.
func (m *Model) editRecord(id int64, name string, row cardRow) tea.Cmd {
	r, ok := m.detail.record(row.id)
	if !ok {
		return nil
	}
	switch {
	case r.Note != nil:
		return m.openForm(newNoteForm(m.c, id, name, r.Note), false)
	case r.Visit != nil:
		return m.openForm(visitForm(m.c, id, name, r.Visit), false)
	case r.ThankYou != nil:
		return m.openForm(thankYouForm(m.c, id, name, r.ThankYou), false)
	case r.Feedback != nil:
		return m.openForm(feedbackForm(m.c, id, name, r.Feedback), false)
	case r.Outreach != nil:
		return m.openForm(outreachForm(m.c, id, name, r.Outreach), false)
	}
	return nil
}

// pickKey takes the channel key after Done, as the week does.
func (m *Model) pickKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.c.Keys.Week
	row := *m.picking
	var ch model.Channel
	usual := false
	switch {
	case key.Matches(msg, k.Cancel):
		m.picking = nil
		return nil
	case key.Matches(msg, k.Usual):
		usual = true
	default:
		for _, c := range []struct {
			key key.Binding
			ch  model.Channel
		}{{k.Card, model.Card}, {k.Call, model.Call}, {k.Email, model.Email}, {k.Message, model.Message}, {k.InPerson, model.InPerson}} {
			if key.Matches(msg, c.key) {
				ch = c.ch
			}
		}
		if ch == "" {
			return nil // the question stays
		}
	}
	m.picking = nil
	cu, _ := m.detail.Customer()
	s, ctx, id := m.c.Store, m.c.Ctx, cu.ID
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, queryTimeout)
		defer cancel()
		it, err := owedItem(ctx, s, id, row.id)
		if model.ErrorCode(err) == model.ENOTFOUND {
			// Not on this week's list (a thank-you due later, a follow-up
			// asked at the counter, where it is meant to be asked): closed
			// here.
			return closeOwed(ctx, s, id, row, ch, usual)
		}
		if err != nil {
			return cardDoneMsg{err: err}
		}
		if usual {
			ch = model.DefaultChannel(it.Kind)
		}
		if _, err := s.DoneItem(ctx, it.ID, ch, ""); err != nil {
			return cardDoneMsg{err: err}
		}
		return cardDoneMsg{change: &change{customerID: id, kind: changeDone, item: it.ID, what: row.what},
			status: "Done: " + row.what + " (" + string(ch) + "); " + keyName(m.c.Keys.Card.Undo) + " takes it back"}
	}
}

// closeOwed ticks off a thank-you, feedback or follow-up that is not on
// this week's list: an outreach entry is logged and the record closed, and
// undo takes back both.
func closeOwed(ctx context.Context, s *store.Store, customerID int64, row cardRow, ch model.Channel, usual bool) tea.Msg {
	r, err := s.Record(ctx, row.id)
	if err != nil {
		return cardDoneMsg{err: err}
	}
	kind := model.KindThankYou
	switch {
	case r.Feedback != nil:
		kind = model.KindUnhappy
	case r.Note != nil:
		kind = model.KindFollowUp
	}
	if usual {
		ch = model.DefaultChannel(kind)
	}
	o := &model.Outreach{CustomerID: customerID, On: s.Today(), Channel: ch, About: row.id.String()}
	if err := s.AddOutreach(ctx, o); err != nil {
		return cardDoneMsg{err: err}
	}
	var prev model.Record
	switch {
	case r.ThankYou != nil:
		p := *r.ThankYou
		prev.ThankYou = &p
		err = s.MarkThankYouSent(ctx, p.ID)
	case r.Feedback != nil:
		p := *r.Feedback
		prev.Feedback = &p
		err = s.MarkReplied(ctx, p.ID)
	case r.Note != nil:
		p := *r.Note
		prev.Note = &p
		err = s.MarkAsked(ctx, p.ID)
	}
	if err != nil {
		// Nothing half done: the outreach entry goes again.
		s.RemoveRecord(context.WithoutCancel(ctx), o.RecordID())
		return cardDoneMsg{err: err}
	}
	ed := edited(customerID, prev, row.what)
	ed.also = added(customerID, o.RecordID(), "the outreach")
	return cardDoneMsg{change: ed, status: "Done: " + row.what + " (" + string(ch) + ")"}
}

// pickQuestion is the channel question in the status bar: the keys in
// short (the help under it names them), what is being ticked off cut to
// what room is left.
func (m *Model) pickQuestion() string {
	k := m.c.Keys.Week
	var ks []string
	for _, b := range []key.Binding{k.Card, k.Call, k.Email, k.Message, k.InPerson, k.Usual} {
		ks = append(ks, b.Help().Key)
	}
	tail := " done? " + strings.Join(ks, "/") + ", " + k.Cancel.Help().Key + " cancels"
	room := max(m.width-len([]rune(tail))-len("How was ")-3, 10)
	return "How was " + cut(m.picking.what, room) + tail
}

// owedItem is the week item that closes a record owed on a card.
func owedItem(ctx context.Context, s *store.Store, customerID int64, id model.RecordID) (*model.Item, error) {
	w, err := s.Week(ctx, s.Today())
	if err != nil {
		return nil, err
	}
	for i := range w.Items {
		it := &w.Items[i]
		if it.CustomerID != customerID || it.State != model.Open {
			continue
		}
		switch {
		case id.Kind == model.RecordNote && it.NoteID == id.ID,
			id.Kind == model.RecordThankYou && it.ThankYouID == id.ID,
			id.Kind == model.RecordFeedback && it.FeedbackID == id.ID:
			return it, nil
		}
	}
	return nil, model.Errorf(model.ENOTFOUND, "that is not on this week's list yet; it can be done from the week when it is due")
}

// undo takes back the last change made on the card of customer id.
func (m *Model) undo(id int64) tea.Cmd {
	i := len(m.changes) - 1
	for i >= 0 && m.changes[i].customerID != id {
		i--
	}
	if i < 0 {
		m.setStatus("Nothing to undo on this card", false)
		return nil
	}
	ch := m.changes[i]
	m.changes = append(m.changes[:i:i], m.changes[i+1:]...)
	s, ctx := m.c.Store, m.c.Ctx
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(ctx, queryTimeout)
		defer cancel()
		err := undoChange(ctx, s, ch)
		for c := ch.also; c != nil && err == nil; c = c.also {
			err = undoChange(ctx, s, c)
		}
		var focus model.RecordID
		if ch.kind == changeRemoved || ch.kind == changeEdited {
			focus = ch.id
		}
		return cardDoneMsg{status: "Undone: " + undoWords[ch.kind] + " " + ch.what, focus: focus, err: err}
	}
}

// undoChange takes back one change in the notebook.
func undoChange(ctx context.Context, s *store.Store, ch *change) error {
	switch ch.kind {
	case changeAdded:
		return s.RemoveRecord(ctx, ch.id)
	case changeRemoved:
		return s.RestoreRecord(ctx, ch.id)
	case changeDone:
		_, err := s.UndoItem(ctx, ch.item)
		return err
	}
	p := ch.prev
	switch {
	case p.Note != nil:
		return s.UpdateNote(ctx, p.Note)
	case p.Visit != nil:
		return s.UpdateVisit(ctx, p.Visit)
	case p.ThankYou != nil:
		return s.UpdateThankYou(ctx, p.ThankYou)
	case p.Feedback != nil:
		return s.UpdateFeedback(ctx, p.Feedback)
	case p.Outreach != nil:
		return s.UpdateOutreach(ctx, p.Outreach)
	}
	return nil
}

var undoWords = map[changeKind]string{
	changeAdded: "adding", changeEdited: "the edit of", changeRemoved: "deleting", changeDone: "ticking off",
}

// askForget asks for the customer's full name before forgetting them.
func (m *Model) askForget(id int64, name string) tea.Cmd {
	s, ctx := m.c.Store, m.c.Ctx
	return m.ask("Forget "+name+" for good? Type their full name:", func(typed string) tea.Cmd {
		if !strings.EqualFold(strings.Join(strings.Fields(typed), " "), strings.Join(strings.Fields(name), " ")) {
			m.setStatus("Not forgotten: the name typed was not "+name, true)
			return nil
		}
		return func() tea.Msg {
			if err := s.Forget(ctx, id); err != nil {
				return customerGoneMsg{err: err}
			}
			return customerGoneMsg{status: "Forgot " + name + ": gone from this notebook; backups made before still hold them"}
		}
	})
}

// askMerge asks who to merge the customer into, then asks y/n.
func (m *Model) askMerge(from int64, name string) tea.Cmd {
	s, ctx := m.c.Store, m.c.Ctx
	return m.ask("Merge "+name+" into… (a name or #id):", func(who string) tea.Cmd {
		return func() tea.Msg {
			c, _, err := s.Resolve(ctx, who)
			if err == nil && c.ID == from {
				err = model.Errorf(model.EINVALID, "a customer cannot be merged into themselves")
			}
			return mergeTargetMsg{into: c, err: err}
		}
	})
}

// mergeTarget asks y/n once the customer to merge into is found.
func (m *Model) mergeTarget(msg mergeTargetMsg) {
	if msg.err != nil {
		m.setStatus("Not merged: "+model.ErrorMessage(msg.err), true)
		return
	}
	cu, ok := m.detail.Customer()
	if !ok {
		return
	}
	from, into := cu, *msg.into
	s, ctx := m.c.Store, m.c.Ctx
	yn := m.c.Keys.Confirm
	m.confirm = &confirmation{
		question: "Merge " + clean(from.Name) + " into " + clean(into.Name) + "? Everything moves; " + clean(from.Name) +
			" goes. " + keyName(yn.Yes) + "/" + keyName(yn.No),
		yes: func() tea.Cmd {
			return func() tea.Msg {
				sum, err := s.Merge(ctx, from.ID, into.ID)
				if err != nil {
					return customerGoneMsg{err: err}
				}
				return customerGoneMsg{status: "Merged " + clean(from.Name) + " into " + clean(into.Name) + ": " + mergeWords(sum),
					open: into.ID}
			}
		},
	}
}

// mergeWords says what a merge moved: "2 notes, 1 visit moved".
func mergeWords(sum *store.MergeSummary) string {
	var parts []string
	for _, p := range []struct {
		n          int
		one, other string
	}{
		{sum.Notes, "note", "notes"}, {sum.Visits, "visit", "visits"}, {sum.ThankYous, "thank-you", "thank-yous"},
		{sum.Feedback, "feedback", "feedback"}, {sum.Outreach, "outreach entry", "outreach entries"},
		{sum.Phones, "phone", "phones"}, {sum.Emails, "e-mail", "e-mails"},
	} {
		if p.n > 0 {
			parts = append(parts, model.Plural(p.n, p.one, p.other))
		}
	}
	if len(parts) == 0 {
		return "nothing else to move"
	}
	return strings.Join(parts, ", ") + " moved"
}

// cardAnswer acts on the answers to the card's changes.
func (m *Model) cardAnswer(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case cardDoneMsg:
		if msg.err != nil {
			m.setStatus(model.ErrorMessage(msg.err), true)
			return m.broadcast(dataChangedMsg{})
		}
		if msg.change != nil {
			m.changes = append(m.changes, msg.change)
		}
		if !msg.focus.IsZero() {
			m.detail.Focus(msg.focus)
		}
		m.setStatus(msg.status, false)
		return m.broadcast(dataChangedMsg{})
	case unarchivedMsg:
		if msg.err != nil {
			m.setStatus(model.ErrorMessage(msg.err), true)
			return nil
		}
		m.setStatus("Brought "+msg.name+" back", false)
		return m.broadcast(dataChangedMsg{})
	case customerGoneMsg:
		if msg.err != nil {
			m.setStatus(model.ErrorMessage(msg.err), true)
			return nil
		}
		m.setStatus(msg.status, false)
		gone := m.detail.ID()
		kept := m.changes[:0]
		for _, c := range m.changes {
			if c.customerID != gone {
				kept = append(kept, c)
			}
		}
		m.changes = kept
		m.detail.Close()
		cmd := m.broadcast(dataChangedMsg{})
		if msg.open != 0 {
			m.page = pageDetail
			return tea.Batch(cmd, m.detail.Open(msg.open))
		}
		m.page, m.detailFrom = pageList, pageList
		return cmd
	case mergeTargetMsg:
		m.mergeTarget(msg)
	}
	return nil
}
